/**
 * From a paste to a verdict: which panic path it is, why, and which panic of the paste is the original.
 * Pure: the search page renders it and tests call it directly.
 */
import type { SearchPanic, SearchPlace } from '../model/search-model.ts';
import { fileName } from '../model/anchor.ts';
import type { InventorySite } from '../model/inventory.ts';
import { type HistoryLike, type Reading, readingsAt, releaseFromText, revisionsFor } from '../history/releases.ts';
import { nearestDocumented, type NearbyPath, siteAt } from '../inventory/lookup.ts';
import { byScoreThenId, type Candidate, type Evidence, SCORE } from './evidence.ts';
import { MAX_RANKED } from './match-keys.ts';
import { buildMatchIndex, type MatchIndex, matchPanic, matchText } from './match.ts';
import { type ParsedPanic, type ParsedPaste, parsePaste } from '../panic-text/parse-paste.ts';
import { type PanicEvidence, type PasteEvidence, readEvidence, type TypedEvidence } from './paste-evidence.ts';
import { matchPlaces } from './places.ts';
import { fileStem, findSourceRefs } from '../panic-text/source-ref.ts';
import { vocabularyOf } from './vocabulary.ts';
import type { Scan } from './evidence-scan.ts';
import { type AppFiles, appFilesOf } from '../model/app-files.ts';
import { type ForeignCode, foreignCode } from './foreign-code.ts';
import { type PoisonedLock, poisonedLocks } from './lock-cause.ts';

/** Below this a candidate is a hint, not a verdict: a generic message or a frame name alone. */
export const KNOWN_THRESHOLD = 50;

export interface PanicVerdict {
  panic: ParsedPanic;
  candidates: Candidate[];
  /** The panic path this panic is, when the evidence is strong enough. */
  known: Candidate | undefined;
}

/** What the search knows besides the panic paths: the source's panic sites, and the documented lines per release. */
export interface SearchContext {
  sites?: readonly InventorySite[] | undefined;
  history?: HistoryLike | null | undefined;
  /** The crate's files (the search model's `appFiles`); else those of the panic paths and sites at hand. */
  appFiles?: AppFiles | undefined;
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
  /** The undocumented panic site of the source the lead panic is at, when no panic path is. */
  site?: InventorySite;
  /** The documented paths nearest to that site: other places, for orientation. */
  nearby?: NearbyPath[];
  /** Which documented site each release put at the lead panic's line, when the releases disagree or one decided. */
  readings?: Reading[];
  /** The release the paste says it comes from (a version or a commit), when it says so and the history knows it. */
  release?: string;
  /** The locks the lead panic poisons (guards alive at its site), each with the path documenting its PoisonError. */
  poisons?: PoisonedLock[];
  /** The lead panic names no file or symbol of the market maker: another program's, or a dependency's. */
  foreign?: ForeignCode;
}

/**
 * The triage of a list of panic paths (the whole model, or the shards a search fetched). `parsed`: the paste when
 * it was parsed already (the log triage parses each block to find its panics), read again by nobody.
 */
export function createTriage(
  panics: SearchPanic[],
  places: SearchPlace[] = [],
  context: SearchContext = {},
): (query: string, parsed?: ParsedPaste) => Triage {
  const index = buildMatchIndex(panics);
  const vocabulary = vocabularyOf(panics);
  return (query, parsed = parsePaste(query)) =>
    triageEvidence(readEvidence(query, parsed, vocabulary), index, places, context);
}

/** From a paste's evidence to a verdict, against the panic paths of `index`. */
export function triageEvidence(
  evidence: PasteEvidence,
  index: MatchIndex,
  places: SearchPlace[] = [],
  context: SearchContext = {},
): Triage {
  const { query } = evidence;
  if (query.trim() === '')
    return {
      kind: 'empty',
      verdicts: [],
      lead: undefined,
      original: undefined,
      ranked: [],
      places: [],
      pagefindQuery: '',
    };
  const read = panicsOf(evidence, index);
  if ('unplaced' in read) return textTriage(query, index, places, evidence.unread!.typed!, read.unplaced);
  const verdicts = read.panics.map((found): PanicVerdict => {
    const candidates = matchPanic(found, found.slice, index);
    return { panic: found.panic, candidates, known: verdictOf(candidates, index) };
  });
  const atRelease = context.history ? readAtRelease(verdicts, query, context.history, index) : undefined;
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
  const result: Triage = {
    kind: 'paste',
    verdicts,
    lead,
    original,
    ranked: ranked.slice(0, MAX_RANKED),
    places: [],
    pagefindQuery: words,
  };
  if (atRelease && lead && atRelease.verdict === lead && atRelease.readings.length > 0) {
    result.readings = atRelease.readings;
    if (atRelease.release) result.release = atRelease.release;
  }
  const where = lead?.panic.location;
  if (lead && !lead.known && where && context.sites) {
    const site = siteAt(context.sites, where.file, where.line, where.column);
    if (site && site.status === 'undocumented') {
      result.site = site;
      result.nearby = nearestDocumented(context.sites, site);
    }
  }
  if (lead) consequences(result, read.panics[leadAt]!.slice, index, context);
  return result;
}

const APP_FILES = new WeakMap<MatchIndex, AppFiles>();
/** The crate's files as the panic paths and sites at hand know them, when the search model's list is not given. */
const appFilesAt = (index: MatchIndex, context: SearchContext): AppFiles => {
  let app = APP_FILES.get(index);
  if (!app) {
    const files = [...index.byId.values()].flatMap((p) => p.locations.map((l) => l.file));
    APP_FILES.set(index, (app = appFilesOf([...files, ...(context.sites ?? []).map((s) => s.file)])));
  }
  return app;
};

/**
 * What the lead panic leads to, or where it comes from: the locks it poisons (a page among the first results), or,
 * with no verdict and no site, that it is not the market maker's code (then no panic page ranks first: a generic
 * message is no evidence for a page, and Pagefind's pages would only share its words).
 */
function consequences(result: Triage, slice: Scan, index: MatchIndex, context: SearchContext): void {
  const lead = result.lead!;
  const where = lead.panic.location;
  const at = where && context.sites ? siteAt(context.sites, where.file, where.line, where.column) : undefined;
  const poisons = at ? poisonedLocks(at, index.byId.values()) : [];
  if (poisons.length > 0) {
    result.poisons = poisons;
    const firsts = poisons.map((p): Candidate => {
      const e: Evidence = {
        kind: 'lock',
        score: SCORE.lock,
        detail: `poisons ${p.lock} (${fileName(p.file)}:${p.line})`,
        anchor: p.anchor,
      };
      return { id: p.id, score: SCORE.lock, evidence: [e], anchor: p.anchor, specific: false };
    });
    const rest = result.ranked.filter((c) => !firsts.some((f) => f.id === c.id));
    const known = rest[0] && rest[0].id === lead.known?.id ? [rest.shift()!] : [];
    result.ranked = [...known, ...firsts, ...rest].slice(0, MAX_RANKED);
    return;
  }
  if (lead.known || result.site) return;
  const foreign = foreignCode(lead.panic, slice.refs, context.appFiles ?? appFilesAt(index, context));
  if (!foreign) return;
  result.foreign = foreign;
  result.ranked = [];
  result.pagefindQuery = '';
}

/**
 * The panics of a paste: those the parsers read, else the one its evidence reads when the evidence is of a panic (a
 * panic's location, a message only one path prints, or a place named in passing that is a path's own panic site
 * with one of its messages). Else the text is typed words and code, and what its references and templates give.
 */
function panicsOf(evidence: PasteEvidence, index: MatchIndex): { panics: PanicEvidence[] } | { unplaced: Candidate[] } {
  const { unread } = evidence;
  if (!unread) return { panics: evidence.panics };
  if (unread.asPanic && unread.certain) return { panics: [unread.asPanic] };
  const unplaced = matchPanic(undefined, evidence.scan, index);
  const isPanic = unread.asPanic && unplaced.some((c) => c.specific && c.evidence.some((e) => e.kind === 'message'));
  return isPanic ? { panics: [unread.asPanic!] } : { unplaced };
}

const MAX_RELEASE_SCAN = 1 << 20;

/**
 * A paste from an older build: which documented site each release put at the lead panic's line. When the paste
 * says which release it is (a version or a commit the history knows), that release decides the verdict; when it
 * does not, the readings are listed, never guessed between.
 */
function readAtRelease(
  verdicts: PanicVerdict[],
  text: string,
  history: HistoryLike,
  index: MatchIndex,
): { verdict: PanicVerdict; readings: Reading[]; release?: string } | undefined {
  const verdict =
    verdicts.find((v) => v.known && !v.panic.secondary) ?? verdicts.find((v) => !v.panic.secondary) ?? verdicts[0];
  const where = verdict?.panic.location;
  if (!verdict || !where) return undefined;
  // The paste as it came: a release is often in a field (`"version": …`) that reading the panic drops.
  const named = releaseFromText(text.slice(0, MAX_RELEASE_SCAN));
  const revisions = named.version !== undefined || named.commit !== undefined ? revisionsFor(history, named) : [];
  const only = revisions.length > 0 ? new Set(revisions.map((r) => r.commit)) : undefined;
  const readings = readingsAt(history, where.file, where.line, only);
  const documented = readings.filter((r) => r.entryId !== null && r.entry!.startsWith('panics/'));
  const release = revisions.length > 0 ? revisions.map((r) => r.tag ?? r.commit.slice(0, 7)).join(', ') : undefined;
  if (only) {
    // The release decides: its site at that line is the panic's, whatever sits there today.
    const site = documented.length === 1 && readings.length === 1 ? documented[0]! : undefined;
    const p = site?.entryId ? index.byId.get(site.entryId) : undefined;
    if (site && p && !p.retired) {
      const detail = `${fileName(where.file)}:${where.line} at ${site.tags.join(', ')}`;
      const e: Evidence = { kind: 'location', score: SCORE.location, detail, anchor: site.anchor!, specific: true };
      const others = verdict.candidates.filter((c) => c.id !== p.id);
      const mine = verdict.candidates.find((c) => c.id === p.id);
      const candidate: Candidate = {
        id: p.id,
        score: Math.max(mine?.score ?? 0, SCORE.location),
        evidence: [e, ...(mine?.evidence ?? [])],
        anchor: site.anchor!,
        specific: true,
      };
      verdict.candidates = [candidate, ...others];
      verdict.known = candidate;
    } else if (
      readings.length === 1 &&
      readings[0]!.entryId === null &&
      verdict.known &&
      !verdict.known.evidence.some((e) => e.kind === 'message' && e.specific)
    ) {
      // At that release no documented site was on this line: a verdict resting on today's line does not hold.
      verdict.known = undefined;
    }
    return { verdict, readings, ...(release ? { release } : {}) };
  }
  // No release named: list the readings when the releases disagree about this line.
  return documented.length > 0 && readings.length > 1 ? { verdict, readings } : undefined;
}

/**
 * The best candidate, when its evidence is strong and specific to it; a generic message or a caller never is, and a
 * retired path never is (its page stays, and says so, as a hint).
 */
function verdictOf(candidates: Candidate[], index: MatchIndex): Candidate | undefined {
  const top = candidates.find((c) => c.specific && !index.byId.get(c.id)?.retired);
  return top && top.score >= KNOWN_THRESHOLD ? top : undefined;
}

function textTriage(
  query: string,
  index: MatchIndex,
  places: SearchPlace[],
  typed: TypedEvidence,
  unplaced: Candidate[],
): Triage {
  const byId = new Map<string, Candidate>();
  for (const c of [...matchText(typed, index), ...unplaced]) {
    const had = byId.get(c.id);
    if (!had || c.score > had.score) byId.set(c.id, c);
  }
  const ranked = [...byId.values()]
    .filter((c) => c.score >= 25)
    .sort(byScoreThenId)
    .slice(0, MAX_RANKED);
  return {
    kind: 'text',
    verdicts: [],
    lead: undefined,
    original: undefined,
    ranked,
    places: matchPlaces(query, places),
    pagefindQuery: wordsForPagefind(query),
  };
}

const NOISE = /0x[0-9a-f]+|\b\d+(?:\.\d+)?(?:e[-+]?\d+)?\b|\bthread\b|\bpanicked\b|\bnote\b/gi;

/**
 * At most eight words, without numbers, hex, paths or punctuation: Pagefind ANDs words and drops unknown ones.
 * A source path keeps only its file's stem: no page holds `./src/…/quote_engine.rs:276:13`, but the reference's
 * pages name `quote_engine`, and a file name alone is all a query like `quote_engine.rs:276` has to go on.
 */
export function wordsForPagefind(text: string): string {
  const head = text.slice(0, 2000);
  let withStems = '';
  let at = 0;
  for (const ref of findSourceRefs(head, 50)) {
    withStems += `${head.slice(at, ref.start)} ${fileStem(ref.raw)} `;
    at = ref.end;
  }
  withStems += head.slice(at);
  const words = withStems
    .replace(NOISE, ' ')
    .replace(/[^\p{L}\p{N}_\s]+/gu, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 1);
  return [...new Set(words)].slice(0, 8).join(' ');
}
