/**
 * Which shards of the split search model a paste needs: those its evidence names. The head lists every match key of
 * the model with its shard; a paste's evidence (paste-evidence.ts, read against the head's keys) says which keys it
 * holds evidence for and how strong, and the matcher then reads that same evidence against the fetched shards.
 */
import { MAX_RANKED } from './match-keys.ts';
import { type EvidenceKeys, messageKey, type PasteEvidence } from './paste-evidence.ts';
import type { SearchHead } from '../model/search-split-schema.ts';
import { buildVocabulary, type Vocabulary } from './vocabulary.ts';

/** A key's place in its list of the head (ties are broken by it) and its shard. */
type Routed = [at: number, shard: number];

type RouteKind = 'messages' | 'frames' | 'code' | 'symbols';

export interface Router {
  /** The model's match keys, which a paste's evidence is read against. */
  vocabulary: Vocabulary;
  files: Map<string, number>;
  /** A kind's keys → their routes, made on first need: only typed words look up code lines and symbols. */
  routes(kind: RouteKind): Map<string, Routed>;
}

const routed = <K>(routes: [K, number][], text: (k: K) => string) =>
  new Map(routes.map(([key, shard], at): [string, Routed] => [text(key), [at, shard]]));

export function buildRouter(head: SearchHead): Router {
  const frames = head.frames.map(([symbol]) => symbol);
  const made = new Map<RouteKind, Map<string, Routed>>();
  const make = (kind: RouteKind) =>
    kind === 'messages'
      ? routed(head.messages, ([template, generic]) => messageKey(template, generic))
      : routed(head[kind], (s) => s);
  return {
    vocabulary: buildVocabulary({
      messages: head.messages.map(([[template, generic, start, scan]]) => ({ template, generic, start, scan })),
      panicFrames: frames,
      code: head.code.map(([code]) => code),
      symbols: [...frames, ...head.symbols.map(([symbol]) => symbol)],
    }),
    files: new Map(head.files.map((name, shard) => [name, shard])),
    routes: (kind) => made.get(kind) ?? made.set(kind, make(kind)).get(kind)!,
  };
}

/**
 * The shards a paste needs, in order. Of the keys many panic paths share (messages, frames, code lines, symbols)
 * the best `MAX_RANKED` of each kind are followed, as the search lists no more: typed words like `unwrap()` fit
 * thousands of code lines, and Pagefind's pages answer them better than the model. File names are all followed: a
 * panic's location is the strongest evidence there is.
 */
export function shardsFor(router: Router, evidence: PasteEvidence): number[] {
  if (evidence.query.trim() === '') return [];
  const keys: EvidenceKeys = evidence.keys;
  const shards = new Set<number>();
  for (const name of keys.files) {
    const shard = router.files.get(name);
    if (shard !== undefined) shards.add(shard);
  }
  const follow = (kind: RouteKind, ...found: Map<string, number>[]) => {
    if (found.every((f) => f.size === 0)) return;
    const routes = router.routes(kind);
    const best = new Map<string, number>();
    for (const scores of found)
      for (const [key, score] of scores)
        if (routes.has(key) && score > (best.get(key) ?? -Infinity)) best.set(key, score);
    const ranked = [...best].map(([key, score]) => ({ score, route: routes.get(key)! }));
    ranked.sort((a, b) => b.score - a.score || a.route[0] - b.route[0]);
    for (const { route } of ranked.slice(0, MAX_RANKED)) shards.add(route[1]);
  };
  follow('messages', keys.messages);
  follow('frames', keys.panicFrames, keys.symbols);
  follow('code', keys.code);
  follow('symbols', keys.symbols);
  return [...shards].sort((a, b) => a - b);
}
