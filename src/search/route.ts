/**
 * Which shards of the search model a paste needs. The head's keys are made into stand-in panic paths (one per file
 * name, template, frame symbol, code line) and the matcher itself reads the paste against them, as the triage will:
 * every key it finds evidence for names shards to fetch. One matcher, so the router cannot disagree with it.
 */
import type { SearchLocation, SearchPanic } from '../model/search-model.ts';
import { buildMatchIndex, type MatchIndex, matchPanic, matchText } from './match.ts';
import type { ParsedPaste } from './parse-paste.ts';
import type { SearchHead } from './shards.ts';
import { evidenceOf, examine, MAX_RANKED } from './triage.ts';

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
  head.files.forEach((name, shard) => add(`f${shard}`, [shard], { locations: [at(name, '')] }));
  head.messages.forEach(([[template, generic], shards], i) => add(`m${i}`, shards, { messages: [{ template, generic }] }));
  head.frames.forEach(([symbol, shards], i) => add(`s${i}`, shards, { callChain: [{ symbol }] }));
  head.code.forEach(([code, shards], i) => add(`c${i}`, shards, { locations: [at('', code)] }));
  return { index: buildMatchIndex(standIns), shardsOf };
}

/**
 * The shards a query needs, in order: what the triage of `query` can find evidence in. Of the keys many panic paths
 * share (messages, frames, code lines) the best `MAX_RANKED` of each kind are followed, as the search lists no more:
 * typed words like `unwrap` fit thousands of code lines, and Pagefind's pages answer them better than the model.
 * File names are all followed: a panic's location is the strongest evidence there is.
 */
export function shardsFor(router: Router, query: string, parsed: ParsedPaste): number[] {
  if (query.trim() === '') return [];
  const { index, shardsOf } = router;
  const { scan, panics, unplaced } = examine(parsed, index);
  const candidates = [...unplaced, ...(panics ? evidenceOf(parsed.text, scan, panics).flatMap(({ panic, slice }) => matchPanic(panic, slice, index)) : matchText(query, index))];
  const best = new Map<string, number>();
  for (const c of candidates) best.set(c.id, Math.max(best.get(c.id) ?? 0, c.score));
  const byKind = new Map<string, [string, number][]>();
  for (const [id, score] of best) {
    const keys = byKind.get(id[0]!);
    if (keys) keys.push([id, score]);
    else byKind.set(id[0]!, [[id, score]]);
  }
  const shards = new Set<number>();
  for (const [kind, keys] of byKind) {
    const followed = kind === 'f' ? keys : keys.sort((a, b) => b[1] - a[1] || order(a[0]) - order(b[0])).slice(0, MAX_RANKED);
    for (const [id] of followed) for (const s of shardsOf.get(id) ?? []) shards.add(s);
  }
  return [...shards].sort((a, b) => a - b);
}

const order = (id: string) => Number(id.slice(1));
