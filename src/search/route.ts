/**
 * Which shards of the search model a paste needs. The head's keys are made into stand-in panic paths (one per file
 * name, template, frame, code line, symbol) and the matcher itself reads the paste against them, as the triage will:
 * every key it finds evidence for names a shard to fetch. One matcher, so the router cannot disagree with it.
 */
import type { SearchLocation, SearchPanic } from '../model/search-model.ts';
import { buildMatchIndex, type MatchIndex, matchPanic, type MessageKeys, matchText } from './match.ts';
import type { ParsedPaste } from '../panic-text/parse-paste.ts';
import type { SearchHead } from './shards.ts';
import { evidenceOf, examine, MAX_RANKED } from './verdict.ts';

export interface Router {
  /** What a paste is matched on: file names, messages, panic frames. Built on the first paste. */
  paste: () => MatchIndex;
  /** Those and what typed words are matched on besides: code lines, every call-chain symbol. Built on the first text. */
  text: () => MatchIndex;
  /** Stand-in id → the shard its key routes to. */
  shardOf: Map<string, number>;
}

const STAND_IN: Omit<SearchPanic, 'id'> = {
  title: '', path: '', severity: 'Runtime', phase: 'runtime', secondary: false, firesInRelease: 'yes', retired: null, summary: '',
  messages: [], locations: [], callChain: [],
};
const at = (file: string, code: string): SearchLocation => ({ file, line: null, endLine: null, openEnded: false, code, role: 'panic', release: null, anchor: '' });

export function buildRouter(head: SearchHead): Router {
  const shardOf = new Map<string, number>();
  const standIn = (id: string, shard: number, fields: Partial<SearchPanic>): SearchPanic => {
    shardOf.set(id, shard);
    return { ...STAND_IN, id, ...fields };
  };
  // A location without a line: any reference to the file is evidence ("same file"), whatever its line.
  const pasteKeys = [
    ...head.files.map((name, shard) => standIn(`f${shard}`, shard, { locations: [at(name, '')] })),
    ...head.messages.map(([[template, generic], shard], i) => standIn(`m${i}`, shard, { messages: [{ template, generic }] })),
    ...head.frames.map(([symbol, shard], i) => standIn(`p${i}`, shard, { callChain: [{ symbol }] })),
  ];
  const known = new Map<string, MessageKeys>(head.messages.map(([[template, , start, scan]]) => [template, { start, scan }]));
  let paste: MatchIndex | undefined;
  let text: MatchIndex | undefined;
  return {
    paste: () => (paste ??= buildMatchIndex(pasteKeys, known)),
    text: () =>
      (text ??= buildMatchIndex([
        ...pasteKeys,
        ...head.code.map(([code, shard], i) => standIn(`c${i}`, shard, { locations: [at('', code)] })),
        // Not a panic frame: matched only as a typed identifier, which looks at every symbol of a call chain.
        ...head.symbols.map(([symbol, shard], i) => standIn(`s${i}`, shard, { callChain: [{ symbol }, { symbol: '' }] })),
      ], known)),
    shardOf,
  };
}

/**
 * The shards a query needs, in order: what the triage of `query` can find evidence in. Of the keys many panic paths
 * share (messages, frames, code lines, symbols) the best `MAX_RANKED` of each kind are followed, as the search lists
 * no more: typed words like `unwrap` fit thousands of code lines, and Pagefind's pages answer them better than the
 * model. File names are all followed: a panic's location is the strongest evidence there is.
 */
export function shardsFor(router: Router, query: string, parsed: ParsedPaste): number[] {
  if (query.trim() === '') return [];
  const { shardOf } = router;
  // A text no parser read a panic in may be typed words: its keys are all of them, the paste's and the words'.
  const index = parsed.panics.length > 0 || parsed.looseFrames.length > 0 ? router.paste() : router.text();
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
    for (const [id] of followed) shards.add(shardOf.get(id)!);
  }
  return [...shards].sort((a, b) => a - b);
}

const order = (id: string) => Number(id.slice(1));
