/**
 * The search model split so that a search fetches only what can match its paste. A head every search reads: the
 * source file names, and the other match keys (message templates, panic frames, code lines, call-chain symbols). Then
 * two kinds of shards:
 * - a file shard per source file name, holding everything located in a file of that name: the panic paths with a
 *   location there, its inventory sites, the documented lines of every release there;
 * - key shards, each holding the panic paths of a group of keys: a paste that prints a message fetches the paths that
 *   print it, not the files they live in.
 * A paste names a few files and prints one message: it needs those shards, not the thousands of other sites.
 *
 * A key that many panic paths share (an `Option::unwrap()` message, `unwrap` in hundreds of code lines) gives them all
 * the same evidence, and the search ranks equal evidence by id and shows the first `MAX_RANKED`: a key's shard holds
 * those first paths only.
 */
import { fileName } from '../model/anchor.ts';
import type { SearchHistoryLocation, SearchModel, SearchPanic, SearchSite } from '../model/search-model-schema.ts';
import type { SearchHead, SearchShard } from '../model/search-split-schema.ts';
import { siteMessages } from '../model/site-messages.ts';
import { codeKeys, fileKeys, MAX_RANKED, messageKeys, panicFrameKeys, symbolKeys } from './match-keys.ts';

/** A record with its position in the whole model: merged shards keep the model's order, which ties are broken by. */
type At<T> = [at: number, record: T];

/**
 * Documented sites elsewhere that print the same message as an undocumented site of a shard, per message: the card's
 * nearest documented paths take at most three entries, after those of the same function and file.
 */
const SAME_MESSAGE_ENTRIES = 6;

/** About how many panic paths a key shard holds: a search fetches one per key it follows. */
const KEY_SHARD_PATHS = 24;

const emptyShard = () => ({
  panics: new Map<number, SearchPanic>(),
  sites: new Map<number, SearchSite>(),
  history: new Map<number, SearchHistoryLocation>(),
});
type Building = ReturnType<typeof emptyShard>;

export function splitSearchModel(model: SearchModel): { head: SearchHead; shards: SearchShard[] } {
  const files = [...new Set([...model.panics.flatMap(fileKeys), ...model.sites.map((s) => fileName(s.file))])].sort();
  const fileShards = fileShardsOf(model, files);
  // Shared keys: the first `MAX_RANKED` panic paths by id, as the search ranks equal evidence.
  const byId = model.panics
    .map((p, i) => ({ id: p.id, i }))
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((x) => x.i);
  const keyed = <K>(keyOf: (p: SearchPanic) => K[], text: (k: K) => string) => {
    const found = new Map<string, { key: K; panics: number[] }>();
    for (const i of byId) {
      for (const key of keyOf(model.panics[i]!)) {
        const had = found.get(text(key)) ?? { key, panics: [] };
        if (had.panics.at(-1) !== i && had.panics.length < MAX_RANKED) had.panics.push(i);
        found.set(text(key), had);
      }
    }
    return [...found.values()];
  };
  const kinds = {
    messages: keyed(
      (p) =>
        p.messages.map((m): [string, boolean, string, string] => {
          const { start, scan } = messageKeys(m.template);
          return [m.template, m.generic, start, scan];
        }),
      ([t, g]) => `${g ? 1 : 0}${t}`,
    ),
    frames: keyed(panicFrameKeys, (s) => s),
    code: keyed(codeKeys, (c) => c),
    symbols: keyed(symbolKeys, (s) => s),
  };
  // Keys in the order they come, filled into shards of about KEY_SHARD_PATHS paths: a key's paths are in one shard.
  const keyShards: Building[] = [];
  const routes = Object.fromEntries(
    Object.entries(kinds).map(([kind, keys]) => [
      kind,
      keys.map(({ key, panics }) => {
        let shard = keyShards.at(-1);
        if (!shard || shard.panics.size + panics.length > KEY_SHARD_PATHS) keyShards.push((shard = emptyShard()));
        for (const i of panics) shard.panics.set(i, model.panics[i]!);
        return [key, files.length + keyShards.length - 1];
      }),
    ]),
  ) as unknown as Pick<SearchHead, keyof typeof kinds>;
  const inOrder = <T>(records: Map<number, T>): At<T>[] => [...records].sort((a, b) => a[0] - b[0]);
  return {
    head: {
      version: model.version,
      source: model.source,
      places: model.places,
      revisions: model.history?.revisions ?? null,
      appFiles: model.appFiles,
      files,
      ...routes,
    },
    shards: [...fileShards, ...keyShards].map((s) => ({
      panics: inOrder(s.panics),
      sites: inOrder(s.sites),
      history: inOrder(s.history),
    })),
  };
}

/**
 * Up to this much JSON in all the shards together (the real reference's: 170 KiB, 12 KiB compressed), the head
 * carries every shard. The shards a paste needs are known only once the head and the page's script have arrived and
 * read the paste: fetching them then is a second round trip (and a request per shard) on the way to the verdict,
 * longer than downloading the few compressed kilobytes of the others with the head. Past it, a search fetches only
 * the shards its paste needs.
 */
export const HEAD_CARRIES_SHARDS_BYTES = 256 * 1024;

/** The head with every shard in it when they are small together (`HEAD_CARRIES_SHARDS_BYTES`), else as it is. */
export function withSmallShards(head: SearchHead, shards: readonly SearchShard[]): SearchHead {
  const bytes = shards.reduce((sum, shard) => sum + JSON.stringify(shard).length, 0);
  return bytes <= HEAD_CARRIES_SHARDS_BYTES ? { ...head, shards: [...shards] } : head;
}

/** One shard per file name: the panic paths located there, its sites, the releases' documented lines there. */
function fileShardsOf(model: SearchModel, files: string[]): Building[] {
  const panicAt = new Map(model.panics.map((p, i) => [p.id, i]));
  const entryAt = (entry: string) => panicAt.get(entry.replace(/^panics\//, ''));
  const shardOf = new Map(files.map((n, i) => [n, i]));
  const shards = files.map(emptyShard);
  const shardFor = (file: string) => shards[shardOf.get(fileName(file))!]!;

  model.panics.forEach((p, i) => {
    for (const l of p.locations) shardFor(l.file).panics.set(i, p);
  });
  (model.history?.locations ?? []).forEach((h, at) => {
    const i = entryAt(h.entry);
    if (i === undefined) return;
    // A release may have had the line in a file that no longer holds it: the paste from that release names it.
    for (const r of h.releases) {
      const shard = shards[shardOf.get(fileName(r.file)) ?? -1];
      if (!shard) continue;
      shard.history.set(at, h);
      shard.panics.set(i, model.panics[i]!);
    }
  });
  const documentedByMessage = new Map<string, number[]>();
  model.sites.forEach((s, at) => {
    shardFor(s.file).sites.set(at, s);
    if (s.status !== 'documented' || !s.entry) return;
    for (const message of siteMessages(s)) {
      const list = documentedByMessage.get(message);
      if (list) list.push(at);
      else documentedByMessage.set(message, [at]);
    }
  });
  // The documented sites with an undocumented site's message, from other files: the card's "same message" paths.
  for (const shard of shards) {
    const messages = new Set(
      [...shard.sites.values()].filter((s) => s.status === 'undocumented').flatMap(siteMessages),
    );
    for (const message of messages) {
      const entries = new Set<string>();
      for (const at of documentedByMessage.get(message) ?? []) {
        const s = model.sites[at]!;
        if (!entries.has(s.entry!) && entries.size >= SAME_MESSAGE_ENTRIES) break;
        entries.add(s.entry!);
        shard.sites.set(at, s);
        const i = entryAt(s.entry!);
        if (i !== undefined) shard.panics.set(i, model.panics[i]!);
      }
    }
  }
  return shards;
}
