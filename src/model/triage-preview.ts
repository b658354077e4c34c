import { SEVERITIES, type Severity } from './severity.ts';

/**
 * How many panic paths the home page's quick triage shows. Each path costs its triage rows and a list item (about
 * 0.75 KB with the synthetic content's rows), so 20 keeps the home page near 25 KB at any N, well under its 100 KB
 * budget, while a reference of today's size (5 paths) is shown whole. `/panics/` has them all.
 */
export const HOME_PREVIEW_LIMIT = 20;

/** The 404 page's cut is shorter: it is a way back in, not the reference. Above the real content's 5 (and the e2e's 6). */
export const NOT_FOUND_PREVIEW_LIMIT = 10;

export interface TriagePreview<P> {
  /** The paths to show, most urgent first (the order of `SEVERITIES`, then the order they were given in). */
  shown: P[];
  /** How many paths there are in all. */
  total: number;
  /** Whether some were left out (`shown.length < total`). */
  cut: boolean;
}

/** The most urgent `limit` panic paths of `panics`: one pass per severity, stopping once `limit` are taken. */
export function triagePreview<P extends { severity: Severity }>(panics: readonly P[], limit: number): TriagePreview<P> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`triagePreview: \`limit\` must be a positive integer, got ${limit}`);
  const shown: P[] = [];
  for (const severity of SEVERITIES) {
    for (const p of panics) {
      if (shown.length === limit) break;
      if (p.severity === severity) shown.push(p);
    }
  }
  return { shown, total: panics.length, cut: shown.length < panics.length };
}
