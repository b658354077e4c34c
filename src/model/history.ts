import { z } from 'astro/zod';
import { lineSchema } from './line.ts';

const commit = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'must be a full git commit hash');
/** A release tag (`v1.4.0`), or null for a commit that is not tagged (HEAD, or `--last N` commits). */
const tag = z.string().min(1).nullable();

/** One revision of the market maker the history went through. */
export const revisionSchema = z.strictObject({ tag, commit });

/** Where one documented location was in one revision. */
export const releaseLineSchema = z.strictObject({
  tag,
  commit,
  /** The file's path in that revision (it differs from today's when the file was renamed since). */
  file: z.string().min(1),
  line: lineSchema,
  endLine: lineSchema.optional(),
  /** The line is the same statement, edited in place: the documented code is not on it in this revision. */
  edited: z.boolean().optional(),
});

/** One documented location through the revisions: the lines it had, where it came in and where it went out. */
export const locationHistorySchema = z.strictObject({
  /** `panics/<id>`, `safe-by-design/<id>`, `numerical-stability/<id>`, `frames/<id>`: as in source-check.json. */
  entry: z.string().min(1),
  /** The location's anchor in the content the history was recorded against. */
  anchor: z.string().min(1),
  file: z.string().min(1),
  /** The revision the code first appears in; null when it was already in the oldest revision looked at. */
  introduced: revisionSchema.nullable(),
  /** The first revision after its last appearance, for code that is gone; null when it is still there. */
  removed: revisionSchema.nullable(),
  openEnded: z.boolean().optional(),
  /** Oldest first; only the revisions the code is in. */
  releases: z.array(releaseLineSchema),
});

/**
 * `content/history.json`, written by `npm run check-sources -- --repo PATH --history --record`: every documented
 * location's line in each release of the market maker. No timestamp, sorted: recording twice gives the same bytes.
 */
export const historySchema = z.strictObject({
  /** What was walked: `tags v*` or `last 20 commits`. */
  selection: z.string().min(1),
  /** Oldest first; the last is the commit the content was checked against (HEAD). */
  revisions: z.array(revisionSchema),
  /** Sorted by entry, then anchor. */
  locations: z.array(locationHistorySchema),
});

/** Written by `check-sources --history --record`; optional: without it pages show no lines per release. */
export const HISTORY_FILE = 'history.json';

export type Revision = z.output<typeof revisionSchema>;
export type ReleaseLine = z.output<typeof releaseLineSchema>;
export type LocationHistory = z.output<typeof locationHistorySchema>;
export type History = z.output<typeof historySchema>;
export type HistoryInput = z.input<typeof historySchema>;

/** The short name of a revision: its tag, or its commit's first 7 characters. */
export const revisionLabel = (r: { tag: string | null; commit: string }): string => r.tag ?? r.commit.slice(0, 7);

/** Looks up a location's history by entry (`panics/x`) and anchor (`handlers-L242`); undefined when not recorded. */
export function historyIndex(
  history: History | undefined,
): (entry: string, anchor: string) => LocationHistory | undefined {
  const byKey = new Map((history?.locations ?? []).map((l) => [`${l.entry}#${l.anchor}`, l]));
  return (entry, anchor) => byKey.get(`${entry}#${anchor}`);
}

/** A location's lines for the page and the export: oldest first, every revision it is in. */
export const releasesOf = (
  h: LocationHistory | undefined,
): { tag: string | null; commit: string; file: string; line: number }[] =>
  (h?.releases ?? []).map((r) => ({ tag: r.tag, commit: r.commit, file: r.file, line: r.line }));

/** Consecutive revisions that put a location on the same lines of the same file: one row of a page's table. */
export interface ReleaseRun {
  first: ReleaseLine;
  last: ReleaseLine;
  count: number;
}

export function releaseRuns(h: LocationHistory): ReleaseRun[] {
  const runs: ReleaseRun[] = [];
  const same = (a: ReleaseLine, b: ReleaseLine) =>
    a.file === b.file && a.line === b.line && a.endLine === b.endLine && (a.edited ?? false) === (b.edited ?? false);
  for (const r of h.releases) {
    const run = runs.at(-1);
    if (run && same(run.last, r)) {
      run.last = r;
      run.count++;
    } else runs.push({ first: r, last: r, count: 1 });
  }
  return runs;
}

/** `Introduced in v1.1.0`, `In every recorded release since v1.0.0`, `…; removed in v2.0.0`: the page's line. */
export function introducedText(h: LocationHistory): string {
  const first = h.releases[0];
  if (!first) return 'Not found in any recorded release';
  const since = h.introduced
    ? `Introduced in ${revisionLabel(h.introduced)}`
    : `In every recorded release since ${revisionLabel(first)}`;
  return h.removed ? `${since}; removed in ${revisionLabel(h.removed)}` : since;
}
