/**
 * The search over a split search model: read the paste once, fetch the shards it needs (each once, kept for the next
 * query), and triage it against what they hold, in the whole model's order. Pure: `load` is the page's fetch, or a
 * test's read of the split model.
 */
import { fileName } from '../model/anchor.ts';
import type { SearchPanic } from '../model/search-model.ts';
import { parsePaste } from './parse-paste.ts';
import { buildRouter, type Router, shardsFor } from './route.ts';
import { findSourceRefs } from './source-ref.ts';
import type { SearchHead, SearchShard } from './shards.ts';
import { createTriage, type Triage } from './verdict.ts';

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

export function createShardedSearch(head: SearchHead, load: (shard: number) => Promise<SearchShard>): (query: string) => Promise<ShardedAnswer> {
  const fileShard = new Map(head.files.map((name, n) => [name, n]));
  let router: Router | undefined;
  const shards = new Map<number, Promise<SearchShard>>();
  const fetchShards = (list: Iterable<number>) => {
    for (const n of list) {
      // A shard that failed to arrive is asked for again by the next query, not remembered as failed.
      if (!shards.has(n)) shards.set(n, load(n).catch((e: unknown) => { shards.delete(n); throw e; }));
    }
  };
  let built: { from: number; triage: ReturnType<typeof createTriage>; panics: Map<string, SearchPanic> } | undefined;
  return async (query) => {
    const parsed = parsePaste(query);
    // The files the text names are fetched at once, while the router is built and reads the rest of the paste.
    fetchShards(new Set([parsed.text, query].flatMap((text) => findSourceRefs(text).flatMap((r) => fileShard.get(fileName(r.file)) ?? []))));
    router ??= buildRouter(head);
    const need = shardsFor(router, query, parsed);
    fetchShards(need);
    const have = await Promise.all(shards.values());
    if (built?.from !== have.length) {
      const panics = merge(have.map((s) => s.panics));
      const history = head.revisions ? { revisions: head.revisions, locations: merge(have.map((s) => s.history)) } : null;
      built = {
        from: have.length,
        triage: createTriage(panics, head.places, { sites: merge(have.map((s) => s.sites)), history, appFiles: head.appFiles }),
        panics: new Map(panics.map((p) => [p.id, p])),
      };
    }
    return { triage: built.triage(query, parsed), panics: built.panics, shards: need };
  };
}
