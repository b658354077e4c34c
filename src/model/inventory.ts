import { z } from 'astro/zod';
import { lineSchema, rustFileSchema } from './line.ts';
import { lockGuardSchema } from './lock-guard.ts';

/** What can panic at a site: a method of Option/Result, a panicking macro, or an index/slice expression. */
export const SITE_KINDS = [
  'unwrap',
  'expect',
  'unwrap_err',
  'expect_err',
  'panic',
  'unreachable',
  'todo',
  'unimplemented',
  'assert',
  'assert_eq',
  'assert_ne',
  'debug_assert',
  'debug_assert_eq',
  'debug_assert_ne',
  'index',
  'slice',
] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

/** The longest `code` a site keeps of its line: a generated one-line file must not be copied once per site. */
export const CODE_EXCERPT = 240;

/** documented: a location of a panic path; guarded: a safe-by-design path's location; else undocumented. */
export const SITE_STATUSES = ['documented', 'guarded', 'undocumented'] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];

/**
 * One panic-capable site of the market maker's source, where rustc's panic location points: a fact of the source,
 * as `npm run inventory` read it. How it stands against the reference is derived from the model (`classify`).
 */
export const foundSiteSchema = z.strictObject({
  file: rustFileSchema,
  line: lineSchema,
  /** 1-based, in characters (Unicode scalar values) as rustc counts them, not bytes. */
  column: lineSchema,
  kind: z.enum(SITE_KINDS),
  /** The enclosing function as a backtrace names it: `EventLoop::handle_fill`, `main::{{closure}}`. */
  fn: z.string(),
  /** The message the binary prints, as a template with `{placeholders}` (src/model/template.ts). */
  message: z.string().min(1),
  /** Whether it fires in --release builds (`debug_assert!` and `#[cfg(debug_assertions)]` code do not). */
  release: z.boolean(),
  /** In `#[cfg(test)]`/`#[test]` code or under tests/, benches/, examples/: listed apart, never counted. */
  testOnly: z.boolean(),
  /** The source line, trimmed; on a line longer than `CODE_EXCERPT` characters, that much of it around the column. */
  code: z.string().max(CODE_EXCERPT + 2),
  /**
   * When the tree does not tell an Option from a Result: the message of the other one (`message` is the Option's).
   * A paste printing either is this site's panic.
   */
  alternative: z.string().min(1).optional(),
  /** How `.unwrap()`/`.expect()` was told an Option from a Result: `crate fn spot_meta returns Result`, … */
  decided: z.string().min(1).optional(),
  /**
   * The site is inside a `#[track_caller]` function and reported at this call of it: the name called, and whether
   * the call resolves to one function of the crate (false: several share the name, the site may be another's).
   */
  via: z.strictObject({ fn: z.string().min(1), resolved: z.boolean() }).optional(),
  /** The lock guards alive at the site (absent when none): a panic there poisons those locks. */
  guards: z.array(lockGuardSchema).optional(),
});

/** A site with where it stands against the model: the output of `classify` (src/inventory/classify.ts). */
export const inventorySiteSchema = foundSiteSchema.extend({
  status: z.enum(SITE_STATUSES),
  /** The model entry whose location covers the site (`panics/pending-fill-queue`), for documented and guarded. */
  entry: z.string().optional(),
  /** The frame group of content/frames.yaml whose frames name the file, or null. */
  subsystem: z.string().nullable(),
});

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 hex digest');

/**
 * `content/inventory.json`, written by `npm run inventory -- --repo PATH --record`: every panic site of the
 * checkout, sorted by file, line, column, and the commit it was read at. `digest` covers every other field, so that
 * a hand edit is detected. It holds facts of the source only: adding a panic path to the content changes how sites
 * are classified, never the file.
 */
export const inventoryRecordSchema = z.strictObject({
  version: z.literal(2),
  commit: z
    .string()
    .regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'must be a full git commit hash')
    .nullable(),
  digest: sha256,
  sites: z.array(foundSiteSchema),
});

export type FoundSite = z.output<typeof foundSiteSchema>;
export type InventorySite = z.output<typeof inventorySiteSchema>;
export type InventorySiteInput = z.input<typeof inventorySiteSchema>;
export type InventoryRecord = z.output<typeof inventoryRecordSchema>;

/** Where the record lives in the content folder. */
export const INVENTORY_FILE = 'inventory.json';

// Where a site's row is on /inventory/: with the other anchors and paths (anchor.ts, paths.ts), so that the browser's
// scripts reach them without this file's schemas.
export { siteAnchor } from './anchor.ts';
export { inventoryPath } from './paths.ts';
export { siteMessages } from './site-messages.ts';
