/**
 * The search model split for the search page (src/search/shards.ts): `/search-model/head.json`, which every search
 * reads, and `/search-model/<n>.json`, the shards a paste's evidence names. Types inferred here; the build checks
 * the files it wrote against these schemas.
 */
import { z } from 'astro/zod';
import { appFilesSchema } from './app-files-schema.ts';
import { revisionSchema } from './history.ts';
import {
  SEARCH_MODEL_VERSION,
  searchHistoryLocationSchema,
  searchPanicSchema,
  searchPlaceSchema,
  searchSiteSchema,
  sourceLinksSchema,
} from './search-model-schema.ts';

/** The number of a shard file: `search-model/<n>.json`. */
export const shardNumberSchema = z
  .number()
  .int()
  .nonnegative({
    error: (issue) =>
      `must be the number of a shard file (search-model/<n>.json: 0 or more), got ${JSON.stringify(issue.input)}`,
  });

/** A match key and the shard of the panic paths it concerns. */
const route = <K extends z.ZodType>(key: K) => z.tuple([key, shardNumberSchema]);

/** A record with its position in the whole model: merged shards keep the model's order, which ties are broken by. */
const at = <T extends z.ZodType>(record: T) => z.tuple([z.number().int().nonnegative(), record]);

export const searchShardSchema = z.strictObject({
  panics: z.array(at(searchPanicSchema)),
  sites: z.array(at(searchSiteSchema)),
  history: z.array(at(searchHistoryLocationSchema)),
});

export const searchHeadSchema = z.strictObject({
  version: z.literal(SEARCH_MODEL_VERSION),
  source: sourceLinksSchema.nullable(),
  places: z.array(searchPlaceSchema),
  revisions: z.array(revisionSchema).nullable(),
  /** The crate's files by root and name: what tells another program's panic from the market maker's. */
  appFiles: appFilesSchema,
  /** Source file names (`handlers.rs`): shard `n` holds everything located in a file named `files[n]`. */
  files: z.array(z.string().min(1)),
  /**
   * Message template (whether it is generic, and its match keys: the router compiles only the templates a paste
   * holds a key of) → the key shard of the first panic paths that print it.
   */
  messages: z.array(route(z.tuple([z.string().min(1), z.boolean(), z.string(), z.string()]))),
  /** Panic frame (the last of a call chain) → the key shard of the first paths whose call chain ends there. */
  frames: z.array(route(z.string().min(1))),
  /** Location code line → the key shard of the first panic paths with a location on such a line. */
  code: z.array(route(z.string())),
  /** Another call-chain symbol → the key shard of the first paths whose call chain names it: typed words only. */
  symbols: z.array(route(z.string().min(1))),
  /**
   * Every shard, shard `n` at `n`, when they are small together (src/search/shards.ts, `withSmallShards`): the
   * search then answers from the head alone, with no second round trip for the shards a paste needs.
   */
  shards: z.array(searchShardSchema).optional(),
});

export type SearchHead = z.infer<typeof searchHeadSchema>;
export type SearchShard = z.infer<typeof searchShardSchema>;
