/**
 * Which shards of the search model a paste needs. The head's keys are made into stand-in panic paths (one per file
 * name, template, frame symbol, code line) and the matcher itself reads the paste against them, as the triage will:
 * every key it finds evidence for names shards to fetch. One matcher, so the router cannot disagree with it.
 */
import type { SearchLocation, SearchPanic } from '../model/search-model.ts';
import { buildMatchIndex, type MatchIndex, matchPanic, matchText } from './match.ts';
import type { ParsedPaste } from './parse-paste.ts';
import type { SearchHead } from './shards.ts';
import { evidenceOf, examine } from './triage.ts';

export interface Router {
  index: MatchIndex;
  /** Stand-in id → the shards its key routes to. */
  shardsOf: Map<string, number[]>;
}

const STAND_IN: Omit<SearchPanic, 'id'> = {
  title: '', path: '', severity: 'Runtime', phase: 'runtime', secondary: false, firesInRelease: 'yes', retired: null, summary: '',
  messages: [], locations: [], callChain: [],
};
const at = (file: string, code: string): SearchLocation => ({ file, line: null, endLine: null, openEnded: false, code, role: 'panic', release: null, anchor: '' });

export function buildRouter(head: SearchHead): Router {
  const standIns: SearchPanic[] = [];
  const shardsOf = new Map<string, number[]>();
  const add = (id: string, shards: number[], fields: Partial<SearchPanic>) => {
    standIns.push({ ...STAND_IN, id, ...fields });
    shardsOf.set(id, shards);
  };
  // A location without a line: any reference to the file is evidence ("same file"), whatever its line.
  head.files.forEach(([name, shards], i) => add(`f${i}`, shards, { locations: [at(name, '')] }));
  head.messages.forEach(([[template, generic], shards], i) => add(`m${i}`, shards, { messages: [{ template, generic }] }));
  head.frames.forEach(([symbol, shards], i) => add(`s${i}`, shards, { callChain: [{ symbol }] }));
  head.code.forEach(([code, shards], i) => add(`c${i}`, shards, { locations: [at('', code)] }));
  return { index: buildMatchIndex(standIns), shardsOf };
}

/** The shards a query needs, in order: what the triage of `query` can find evidence in. */
export function shardsFor(router: Router, query: string, parsed: ParsedPaste): number[] {
  if (query.trim() === '') return [];
  const { index, shardsOf } = router;
  const { scan, panics, unparsed } = examine(parsed, index);
  const ids = new Set<string>();
  const collect = (candidates: { id: string }[]) => candidates.forEach((c) => ids.add(c.id));
  collect(matchPanic(undefined, scan, index));
  collect(matchText(query, index));
  for (const { panic, slice } of evidenceOf(parsed.text, scan, panics.length > 0 ? panics : [unparsed])) collect(matchPanic(panic, slice, index));
  const shards = new Set<number>();
  for (const id of ids) for (const s of shardsOf.get(id) ?? []) shards.add(s);
  return [...shards].sort((a, b) => a - b);
}
