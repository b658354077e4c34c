/**
 * From a paste to a verdict: which panic path it is, why, and which panic of the paste is the original.
 * Pure: the search page renders it and tests call it directly.
 */
import type { SearchPanic, SearchPlace } from '../model/search-model.ts';
import type { Candidate } from './evidence.ts';
import { buildMatchIndex, type MatchIndex, matchPanic, matchText } from './match.ts';
import { type ParsedPanic, parsePaste } from './parse-paste.ts';
import { matchPlaces } from './places.ts';

/** Below this a candidate is a hint, not a verdict: a generic message or a frame name alone. */
export const KNOWN_THRESHOLD = 50;

/**
 * The model's candidates a search shows at most. With hundreds of panic paths a generic message (`called
 * `Option::unwrap()` on a `None` value`) fits hundreds of them; listing them all cost 100 ms of DOM per keystroke
 * at N=1,000 and helps no one: past the first few, Pagefind's pages are the better hints.
 */
export const MAX_RANKED = 10;

export interface PanicVerdict {
  panic: ParsedPanic;
  candidates: Candidate[];
  /** The panic path this panic is, when the evidence is strong enough. */
  known: Candidate | undefined;
}

export interface Triage {
  kind: 'empty' | 'paste' | 'text';
  verdicts: PanicVerdict[];
  /** The verdict the card leads with: the first original panic that is known, else the first known one, else the first. */
  lead: PanicVerdict | undefined;
  /** When the lead is a secondary panic (PoisonError), the panic before it that caused it. */
  original: PanicVerdict | undefined;
  /** Panic paths in the order results should show them. */
  ranked: Candidate[];
  /** Lines of the reference pages that a typed `file.rs:LINE` falls on, shown after the panic paths. */
  places: SearchPlace[];
  /** What to ask Pagefind: words without the values, paths and addresses that no page contains. */
  pagefindQuery: string;
}

export function createTriage(panics: SearchPanic[], places: SearchPlace[] = []): (query: string) => Triage {
  const index = buildMatchIndex(panics);
  return (query) => triage(query, index, places);
}

export function triage(query: string, index: MatchIndex, places: SearchPlace[] = []): Triage {
  if (query.trim() === '') return { kind: 'empty', verdicts: [], lead: undefined, original: undefined, ranked: [], places: [], pagefindQuery: '' };
  const parsed = parsePaste(query);
  const panics: ParsedPanic[] = parsed.panics.length > 0 ? parsed.panics : looseAsPanic(parsed.looseFrames);
  if (panics.length === 0) {
    const ranked = matchText(query, index).filter((c) => c.score >= 25).slice(0, MAX_RANKED);
    return { kind: 'text', verdicts: [], lead: undefined, original: undefined, ranked, places: matchPlaces(query, places), pagefindQuery: wordsForPagefind(query) };
  }
  const verdicts = panics.map((panic) => {
    const candidates = matchPanic(panic, index);
    const top = candidates[0];
    return { panic, candidates, known: top && top.score >= KNOWN_THRESHOLD ? top : undefined };
  });
  const lead = verdicts.find((v) => v.known && !v.panic.secondary) ?? verdicts.find((v) => v.known) ?? verdicts[0];
  const leadAt = lead ? verdicts.indexOf(lead) : -1;
  const original = lead?.panic.secondary && leadAt > 0 ? verdicts[leadAt - 1] : undefined;
  const ranked: Candidate[] = [];
  const seen = new Set<string>();
  const push = (c: Candidate | undefined) => {
    if (c && !seen.has(c.id)) {
      ranked.push(c);
      seen.add(c.id);
    }
  };
  push(lead?.known);
  verdicts.forEach((v) => push(v.known));
  verdicts.forEach((v) => v.candidates.filter((c) => c.score >= 20).forEach(push));
  const words = lead ? wordsForPagefind(lead.panic.message) : '';
  return { kind: 'paste', verdicts, lead, original, ranked: ranked.slice(0, MAX_RANKED), places: [], pagefindQuery: words };
}

function looseAsPanic(frames: ParsedPanic['frames']): ParsedPanic[] {
  if (frames.length === 0) return [];
  const highest = frames.find((f) => f.inApp);
  return [{ thread: '', message: '', format: 'modern', frames, secondary: false, start: 0, ...(highest ? { highestAppFrame: highest, location: highest.location } : {}) } as ParsedPanic];
}

const NOISE = /0x[0-9a-f]+|\b\d+(?:\.\d+)?(?:e[-+]?\d+)?\b|\bthread\b|\bpanicked\b|\bnote\b/gi;
// A source path keeps only its file's stem: no page holds `./src/…/quote_engine.rs:276:13`, but the reference's
// pages name `quote_engine`, and a file name alone is all a query like `quote_engine.rs:276` has to go on.
const SOURCE_PATH = /(?:[\w.-]*[/\\])*([\w-]+)\.rs(?::\d+)*/g;

/** At most eight words, without numbers, hex, paths or punctuation: Pagefind ANDs words and drops unknown ones. */
export function wordsForPagefind(text: string): string {
  const words = text
    .slice(0, 2000)
    .replace(SOURCE_PATH, ' $1 ')
    .replace(NOISE, ' ')
    .replace(/[^\p{L}\p{N}_\s]+/gu, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 1);
  return [...new Set(words)].slice(0, 8).join(' ');
}
