/**
 * The search model split so that a search fetches only what can match its paste: a head every search reads (the
 * match keys: file names, message templates, frame symbols, code lines, each with the shards of the records it
 * concerns) and one shard per source file name (the panic paths with a location in it, its inventory sites, its
 * documented lines per release). A paste names files and prints a message: it needs the shards of those, not the
 * thousands of other sites of the source.
 *
 * A key that many panic paths share (an `Option::unwrap()` message, a frame every path passes through) gives them all
 * the same evidence, and the search ranks equal evidence by id and shows the first `MAX_RANKED`: the head keeps the
 * shards of those first paths only, not of every path that shares the key.
 */
import { fileName } from '../model/anchor.ts';
import type { SearchModel, SearchPanic, SearchSite } from '../model/search-model.ts';
import { MAX_RANKED } from './triage.ts';

export type SearchHistoryLocation = NonNullable<SearchModel['history']>['locations'][number];

/** A record with its position in the whole model: merged shards keep the model's order, which ties are broken by. */
type At<T> = [at: number, record: T];

export interface SearchShard {
  panics: At<SearchPanic>[];
  sites: At<SearchSite>[];
  history: At<SearchHistoryLocation>[];
}

/** A match key and the shards of the records it concerns. */
type Route<K> = [key: K, shards: number[]];

export interface SearchHead {
  version: number;
  source: SearchModel['source'];
  places: SearchModel['places'];
  revisions: NonNullable<SearchModel['history']>['revisions'] | null;
  /** How many shards there are: `search-model/0.json` … `search-model/<shards - 1>.json`. */
  shards: number;
  /** Source file name (`handlers.rs`) → the shards of everything located in a file of that name. */
  files: Route<string>[];
  /** Message template (and whether it is generic) → the shards of the first panic paths that print it. */
  messages: Route<[template: string, generic: boolean]>[];
  /** Call-chain symbol → the shards of the first panic paths whose call chain names it. */
  frames: Route<string>[];
  /** Location code line → the shards of the first panic paths with a location on such a line. */
  code: Route<string>[];
}

/**
 * Documented sites elsewhere that print the same message as an undocumented site of a shard, per message: the card's
 * nearest documented paths take at most three entries, after those of the same function and file.
 */
const SAME_MESSAGE_ENTRIES = 6;

export function splitSearchModel(model: SearchModel): { head: SearchHead; shards: SearchShard[] } {
  const panicAt = new Map(model.panics.map((p, i) => [p.id, i]));
  const history = model.history?.locations ?? [];
  // A panic path lives in the shard of its first location's file; every other file it names routes there too.
  const homeOf = (p: SearchPanic) => fileName(p.locations[0]?.file ?? '');
  const names = [...new Set([...model.panics.map(homeOf), ...model.sites.map((s) => fileName(s.file))])].sort();
  const shardOf = new Map(names.map((n, i) => [n, i]));
  const shards: SearchShard[] = names.map(() => ({ panics: [], sites: [], history: [] }));
  const files = new Map<string, Set<number>>();
  const route = (name: string, shard: number) => {
    const set = files.get(name) ?? new Set<number>();
    set.add(shard);
    files.set(name, set);
  };
  const panicShard = (i: number) => shardOf.get(homeOf(model.panics[i]!))!;
  const addPanic = (shard: SearchShard, i: number) => {
    if (!shard.panics.some(([at]) => at === i)) shard.panics.push([i, model.panics[i]!]);
  };

  model.panics.forEach((p, i) => {
    addPanic(shards[panicShard(i)]!, i);
    for (const l of p.locations) route(fileName(l.file), panicShard(i));
  });
  history.forEach((h, at) => {
    const i = panicAt.get(h.entry.replace(/^panics\//, ''));
    if (i === undefined) return;
    shards[panicShard(i)]!.history.push([at, h]);
    for (const r of h.releases) route(fileName(r.file), panicShard(i));
  });
  const documentedByMessage = new Map<string, number[]>();
  model.sites.forEach((s, at) => {
    if (s.status === 'documented' && s.entry) documentedByMessage.set(s.message, [...(documentedByMessage.get(s.message) ?? []), at]);
  });
  model.sites.forEach((s, at) => {
    const home = shardOf.get(fileName(s.file))!;
    route(fileName(s.file), home);
    const shard = shards[home]!;
    shard.sites.push([at, s]);
    if (s.status === 'documented' && s.entry) {
      const i = panicAt.get(s.entry.replace(/^panics\//, ''));
      if (i !== undefined) addPanic(shard, i);
    }
  });
  // The documented sites with an undocumented site's message, from other files: the card's "same message" paths.
  shards.forEach((shard) => {
    const messages = new Set(shard.sites.filter(([, s]) => s.status === 'undocumented').map(([, s]) => s.message));
    for (const message of messages) {
      const entries = new Set<string>();
      for (const at of documentedByMessage.get(message) ?? []) {
        const s = model.sites[at]!;
        if (!entries.has(s.entry!) && entries.size >= SAME_MESSAGE_ENTRIES) break;
        entries.add(s.entry!);
        if (!shard.sites.some(([had]) => had === at)) shard.sites.push([at, s]);
        const i = panicAt.get(s.entry!.replace(/^panics\//, ''));
        if (i !== undefined) addPanic(shard, i);
      }
    }
    shard.sites.sort((a, b) => a[0] - b[0]);
    shard.panics.sort((a, b) => a[0] - b[0]);
  });

  // Shared keys: the shards of the first `MAX_RANKED` panic paths by id, as the search ranks equal evidence.
  const byId = model.panics.map((p, i) => ({ id: p.id, i })).sort((a, b) => a.id.localeCompare(b.id)).map((x) => x.i);
  const keyed = <K>(keyOf: (p: SearchPanic) => K[], text: (k: K) => string): Route<K>[] => {
    const found = new Map<string, { key: K; panics: number[] }>();
    for (const i of byId) {
      for (const key of keyOf(model.panics[i]!)) {
        const had = found.get(text(key)) ?? { key, panics: [] };
        if (had.panics.at(-1) !== i && had.panics.length < MAX_RANKED) had.panics.push(i);
        found.set(text(key), had);
      }
    }
    return [...found.values()].map(({ key, panics }) => [key, [...new Set(panics.map(panicShard))].sort((a, b) => a - b)]);
  };
  return {
    head: {
      version: model.version,
      source: model.source,
      places: model.places,
      revisions: model.history?.revisions ?? null,
      shards: shards.length,
      files: [...files].map(([name, set]) => [name, [...set].sort((a, b) => a - b)]),
      messages: keyed((p) => p.messages.map((m): [string, boolean] => [m.template, m.generic]), ([t, g]) => `${g ? 1 : 0}${t}`),
      frames: keyed((p) => p.callChain.map((f) => f.symbol), (s) => s),
      code: keyed((p) => p.locations.map((l) => l.code), (c) => c),
    },
    shards,
  };
}
