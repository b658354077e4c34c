/**
 * The shape of `/panics.json`, the contract with runbook tooling and bots. The types of the export are inferred from
 * these schemas, `/panics.schema.json` is generated from them, and the tests validate the built export against them.
 * A field added to the export is added here first: the schemas are strict, so an unlisted field fails the tests.
 */
import { z } from 'astro/zod';
import { LOCATION_ROLES } from './location.ts';
import { PHASES, SEVERITIES } from './severity.ts';

export const EXPORT_VERSION = 1;

const line = z.number().int().positive();
/** Relative to the site's base, e.g. `panics/glft-kappa-gamma/#spread_oracle-L43`. */
const sitePath = z
  .string()
  .meta({ description: "Relative to the site's base, e.g. panics/glft-kappa-gamma/#spread_oracle-L43" });
/** Absolute, for runbooks and bots. */
const absoluteUrl = z.url().meta({ description: 'Absolute URL of the page and anchor' });

/** Where a location was in one release of the market maker (from `content/history.json`). */
export const exportReleaseSchema = z
  .strictObject({
    tag: z
      .string()
      .nullable()
      .meta({ description: 'The release tag, e.g. v1.4.0; null for an untagged commit (HEAD)' }),
    commit: z.string(),
    file: z.string().meta({ description: 'The path the file had in that release' }),
    line,
  })
  .meta({ id: 'ReleaseLine', description: "A location's line in one release" });

export const exportLocationSchema = z
  .strictObject({
    file: z.string(),
    line: line.nullable(),
    endLine: line.nullable(),
    openEnded: z.boolean(),
    throughout: z.boolean(),
    code: z.string(),
    role: z.enum(LOCATION_ROLES),
    release: z.boolean().nullable(),
    message: z.string().nullable(),
    group: z.string().nullable(),
    anchor: z.string(),
    path: sitePath,
    url: absoluteUrl,
    releases: z
      .array(exportReleaseSchema)
      .meta({ description: 'Its line in each recorded release, oldest first; empty when no history was recorded' }),
  })
  .meta({ id: 'Location', description: 'A place in the market maker source, with its anchor on the site' });

export const exportFrameSchema = z
  .strictObject({
    symbol: z.string(),
    file: z.string().nullable(),
    line: line.nullable(),
    openEnded: z.boolean(),
    anchor: z.string(),
    path: sitePath,
    url: absoluteUrl,
  })
  .meta({ id: 'Frame', description: 'A backtrace frame, as /frames/ shows it' });

export const exportPanicSchema = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    path: sitePath,
    url: absoluteUrl,
    severity: z.enum(SEVERITIES),
    phase: z.enum(PHASES),
    secondary: z.boolean(),
    firesInRelease: z
      .enum(['yes', 'no', 'some lines'])
      .meta({ description: 'Whether its panic sites fire in --release builds' }),
    summary: z.string(),
    cause: z.string(),
    triggers: z.array(z.string()),
    fix: z.string(),
    triage: z.array(
      z.strictObject({
        message: z.string(),
        context: z.string().nullable(),
        rootCause: z.string(),
        fix: z.string(),
        severity: z.enum(SEVERITIES),
      }),
    ),
    messages: z.array(z.strictObject({ template: z.string(), shown: z.string(), generic: z.boolean() })),
    locations: z.array(exportLocationSchema),
    callChain: z.array(exportFrameSchema),
    related: z.array(z.strictObject({ id: z.string().nullable(), page: z.string().nullable(), note: z.string() })),
    retired: z
      .strictObject({ release: z.string(), replacedBy: z.string().nullable(), note: z.string().nullable() })
      .nullable()
      .meta({ description: 'Set when builds from that release on no longer have this panic; its page stays' }),
    redirects: z.array(z.string()).meta({ description: 'Former ids: /panics/<old>/ leads to this page' }),
  })
  .meta({ id: 'PanicPath', description: 'One panic path: one page of the site' });

export const panicExportSchema = z
  .strictObject({
    version: z.literal(EXPORT_VERSION),
    /** The absolute origin plus base, e.g. `https://runbooks.example/docs/panics/`. */
    site: z.url(),
    panics: z.array(exportPanicSchema),
    safeByDesign: z.array(
      z.strictObject({ id: z.string(), path: z.string(), protection: z.string(), location: exportLocationSchema }),
    ),
    frameGroups: z.array(
      z.strictObject({
        id: z.string(),
        title: z.string(),
        note: z.string().nullable(),
        inApp: z.boolean(),
        frames: z.array(exportFrameSchema),
      }),
    ),
    numericalStability: z.array(
      z.strictObject({
        id: z.string(),
        layer: z.number().int().positive(),
        title: z.string(),
        locations: z.array(exportLocationSchema),
      }),
    ),
    checklist: z.array(
      z.strictObject({ id: z.string(), step: z.number().int().positive(), title: z.string(), detail: z.string() }),
    ),
    reproduce: z.array(z.strictObject({ id: z.string(), title: z.string(), note: z.string(), command: z.string() })),
  })
  .meta({
    title: 'Market maker panic reference export',
    description: 'The model of every panic path, as /panics.json',
  });

export type ExportRelease = z.output<typeof exportReleaseSchema>;
export type ExportLocation = z.output<typeof exportLocationSchema>;
export type ExportFrame = z.output<typeof exportFrameSchema>;
export type ExportPanic = z.output<typeof exportPanicSchema>;
export type PanicExport = z.output<typeof panicExportSchema>;

/** `/panics.schema.json`: JSON Schema (draft 2020-12) of the export, for tools that validate it without zod. */
export const exportJsonSchema = () => z.toJSONSchema(panicExportSchema, { target: 'draft-2020-12' });
