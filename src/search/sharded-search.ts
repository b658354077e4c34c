/**
 * The search over a split search model: read the paste and its evidence once, fetch the shards the evidence names
 * (each once, kept for the next query), and match the same evidence against what they hold, in the whole model's
 * order. Pure: `load` is the page's fetch, or a test's read of the split model.
 */
import type { SearchPanic } from '../model/search-model.ts';
import { buildMatchIndex, type MatchIndex } from './match.ts';
import { parsePaste } from '../panic-text/parse-paste.ts';
import { readEvidence } from './paste-evidence.ts';
import { buildRouter, type Router, shardsFor } from './route.ts';
import type { SearchHead, SearchShard } from '../model/search-split-schema.ts';
import { type SearchContext, type Triage, triageEvidence } from './verdict.ts';

export interface ShardedAnswer {
  triage: Triage;
  /** The panic paths of the fetched shards, by id: everything the triage names is among them. */
  panics: Map<string, SearchPanic>;
  /** The shards this query needed. */
  shards: number[];
}

/** Records of several shards, each once, in the order of the whole model. */
function merge<T>(lists: [number, T][][]): T[] {
  const byAt = new Map<number, T>();
  for (const list of lists) for (const [at, record] of list) byAt.set(at, record);
  return [...byAt].sort((a, b) => a[0] - b[0]).map(([, record]) => record);
}

export function createShardedSearch(
  head: SearchHead,
  load: (shard: number) => Promise<SearchShard>,
): (query: string) => Promise<ShardedAnswer> {
  let router: Router | undefined;
  // A head that carries the shards answers alone: nothing to fetch, nothing that can fail to arrive.
  const carried = head.shards;
  const loadShard = (n: number) => (carried?.[n] ? Promise.resolve(carried[n]) : load(n));
  const shards = new Map<number, Promise<SearchShard>>();
  const fetchShards = (list: Iterable<number>) => {
    for (const n of list) {
      // A shard that failed to arrive is asked for again by the next query, not remembered as failed.
      if (!shards.has(n))
        shards.set(
          n,
          loadShard(n).catch((e: unknown) => {
            shards.delete(n);
            throw e;
          }),
        );
    }
  };
  let built: { from: number; index: MatchIndex; context: SearchContext; panics: Map<string, SearchPanic> } | undefined;
  return async (query) => {
    router ??= buildRouter(head);
    const evidence = readEvidence(query, parsePaste(query), router.vocabulary);
    const need = shardsFor(router, evidence);
    fetchShards(need);
    const have = await Promise.all(shards.values());
    if (built?.from !== have.length) {
      const panics = merge(have.map((s) => s.panics));
      const history = head.revisions
        ? { revisions: head.revisions, locations: merge(have.map((s) => s.history)) }
        : null;
      built = {
        from: have.length,
        index: buildMatchIndex(panics),
        context: { sites: merge(have.map((s) => s.sites)), history, appFiles: head.appFiles },
        panics: new Map(panics.map((p) => [p.id, p])),
      };
    }
    return {
      triage: triageEvidence(evidence, built.index, head.places, built.context),
      panics: built.panics,
      shards: need,
    };
  };
}
