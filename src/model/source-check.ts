import { z } from 'astro/zod';

const count = z.number().int().nonnegative();

/**
 * `content/source-check.json`, written by `npm run check-sources -- --repo PATH --record` (and `--fix`):
 * when, and against which commit of the market maker, the source locations were last checked.
 * `results` is keyed by entry: `panics/<id>`, `safe-by-design/<id>`, `numerical-stability/<id>`, `frames/<id>`.
 */
export const sourceCheckSchema = z.strictObject({
  /** `git rev-parse HEAD` of the checkout, or null when it is not a git repository. */
  commit: z
    .string()
    .regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'must be a full git commit hash')
    .nullable(),
  checkedAt: z.iso.datetime({ offset: true }),
  /** Whether every location held (moved, gone, ambiguous and missing files all make it false). */
  ok: z.boolean(),
  results: z.record(z.string().min(1), z.strictObject({ ok: count, failed: count })),
});

export type SourceCheck = z.output<typeof sourceCheckSchema>;

export interface SourceCheckSummary {
  commit: string | null;
  /** The commit's first 7 characters, as git shows it, or null. */
  shortCommit: string | null;
  checkedAt: string;
  ok: number;
  failed: number;
  /** Every checked location of this entry held. */
  holds: boolean;
}

/** What the check says about one entry (`panics/glft-kappa-gamma`), or undefined when it was not checked. */
export function summaryFor(check: SourceCheck, entry: string): SourceCheckSummary | undefined {
  const r = Object.hasOwn(check.results, entry) ? check.results[entry] : undefined;
  if (!r) return undefined;
  return {
    commit: check.commit,
    shortCommit: check.commit === null ? null : check.commit.slice(0, 7),
    checkedAt: check.checkedAt,
    ok: r.ok,
    failed: r.failed,
    holds: r.failed === 0,
  };
}

/** The sentence a panic page shows under its source locations. */
export function checkNote(summary: SourceCheckSummary | undefined): string {
  if (!summary) {
    return 'These locations have not been checked against a checkout of the market maker yet (`npm run check-sources -- --repo PATH --record` records it).';
  }
  const total = summary.ok + summary.failed;
  const against = summary.shortCommit ? `commit ${summary.shortCommit}` : 'a checkout that is not a git repository';
  const verdict = summary.holds
    ? `all ${total} held`
    : `${summary.failed} of ${total} did not hold: the line numbers on this page may be stale`;
  return `Last checked against ${against} on ${summary.checkedAt.slice(0, 10)}: ${verdict}.`;
}
