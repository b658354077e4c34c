/**
 * The shape of the search model (src/model/search-model.ts): what `/triage.js` and `mm-panics triage` embed whole and
 * the search page reads split (search-split-schema.ts). Not a contract like `/panics.json`, but it crosses the wire:
 * its types are inferred from these schemas, and the build checks what it wrote against them. Strict, so that a field
 * added to the model is added here first.
 */
import { z } from 'astro/zod';
import { appFilesSchema } from './app-files-schema.ts';
import { exportPanicSchema } from './export-schema.ts';
import { locationHistorySchema, revisionSchema, releaseLineSchema } from './history.ts';
import { inventorySiteSchema } from './inventory.ts';
import { lineSchema } from './line.ts';
import { LOCATION_ROLES } from './location.ts';
import { PHASES } from './severity.ts';

export const SEARCH_MODEL_VERSION = 2;

/** A location as the matcher reads it: absent values are null, so that the JSON says every field. */
export const searchLocationSchema = z.strictObject({
  file: z.string().min(1),
  line: lineSchema.nullable(),
  endLine: lineSchema.nullable(),
  openEnded: z.boolean(),
  code: z.string(),
  role: z.enum(LOCATION_ROLES),
  release: z.boolean().nullable(),
  anchor: z.string().min(1),
});

export const searchPanicSchema = z.strictObject({
  id: z.string().min(1),
  title: z.string(),
  /** Relative to the site's base: the page knows its base. */
  path: z.string().min(1),
  severity: exportPanicSchema.shape.severity,
  phase: z.enum(PHASES),
  secondary: z.boolean(),
  firesInRelease: exportPanicSchema.shape.firesInRelease,
  /** The release it was retired in: a hint, never a verdict. */
  retired: z.string().nullable(),
  summary: z.string(),
  messages: z.array(z.strictObject({ template: z.string().min(1), generic: z.boolean() })),
  locations: z.array(searchLocationSchema),
  callChain: z.array(z.strictObject({ symbol: z.string().min(1) })),
});

/** A line a reference page names outside any panic path: a guard, a layer of protection, a frame. */
export const searchPlaceSchema = z.strictObject({
  title: z.string(),
  file: z.string().min(1),
  line: lineSchema.optional(),
  endLine: lineSchema.optional(),
  openEnded: z.boolean(),
  path: z.string().min(1),
});

/** A panic site of the source outside test code (content/inventory.json, classified). */
export const searchSiteSchema = inventorySiteSchema.extend({ testOnly: z.literal(false) });

/** A panic path's location through the releases (content/history.json). */
export const searchHistoryLocationSchema = locationHistorySchema
  .pick({ entry: true, anchor: true, openEnded: true })
  .extend({ releases: z.array(releaseLineSchema) });

export const searchHistorySchema = z.strictObject({
  revisions: z.array(revisionSchema),
  locations: z.array(searchHistoryLocationSchema),
});

/** `SOURCE_URL` and the recorded commit (src/model/source-link.ts). */
export const sourceLinksSchema = z.strictObject({ template: z.string().min(1), commit: z.string().nullable() });

export const searchModelSchema = z.strictObject({
  version: z.literal(SEARCH_MODEL_VERSION),
  panics: z.array(searchPanicSchema),
  places: z.array(searchPlaceSchema),
  history: searchHistorySchema.nullable(),
  source: sourceLinksSchema.nullable(),
  sites: z.array(searchSiteSchema),
  /** The crate's files by root and name: what tells another program's panic from the market maker's. */
  appFiles: appFilesSchema,
});

export type SearchModel = z.infer<typeof searchModelSchema>;
export type SearchPanic = z.infer<typeof searchPanicSchema>;
export type SearchLocation = z.infer<typeof searchLocationSchema>;
export type SearchPlace = z.infer<typeof searchPlaceSchema>;
export type SearchSite = z.infer<typeof searchSiteSchema>;
export type SearchHistoryLocation = z.infer<typeof searchHistoryLocationSchema>;
