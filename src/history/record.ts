/**
 * The history of a content folder's locations against a git checkout, as `content/history.json` holds it:
 * sorted, no timestamp, written all at once (temp file + rename).
 */
import { formatLines, siteAnchor } from '../model/anchor.ts';
import { type History, historySchema, type LocationHistory, revisionLabel } from '../model/history.ts';
import type { FoundSite } from '../model/inventory.ts';
import type { Model } from '../model/model.ts';
import { targetsOf } from '../sources/check.ts';
import { listRevisions, type Selection, selectionLabel } from './revisions.ts';
import { type TraceOptions, traceHistory, type Traceable } from './trace.ts';

/**
 * The locations a history follows: every location with a line (a `throughout` one has none to follow, nor a frame
 * without a line). One the check skips for another reason, such as retired code, is still followed.
 */
export const traceableTargets = (model: Model): Traceable[] =>
  targetsOf(model).flatMap((t) => (t.line === undefined ? [] : [{ ...t, line: t.line }]));

/**
 * The inventory's panic sites (content/inventory.json), followed like the documented locations: entry `inventory`,
 * anchored as on /inventory/. Sites on one line share their row, so the line is followed once.
 */
export function siteTargets(sites: readonly FoundSite[]): Traceable[] {
  const byAnchor = new Map<string, Traceable>();
  for (const s of sites) {
    const anchor = siteAnchor(s);
    if (!byAnchor.has(anchor))
      byAnchor.set(anchor, { entry: 'inventory', anchor, file: s.file, line: s.line, code: s.code, word: false });
  }
  return [...byAnchor.values()];
}

export function recordHistory(
  repo: string,
  model: Model,
  selection: Selection,
  options: TraceOptions = {},
  sites: readonly FoundSite[] = [],
): History {
  const revisions = listRevisions(repo, selection);
  const locations = traceHistory(repo, [...traceableTargets(model), ...siteTargets(sites)], revisions, options);
  locations.sort((a, b) =>
    a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : a.anchor < b.anchor ? -1 : a.anchor > b.anchor ? 1 : 0,
  );
  return historySchema.parse({ selection: selectionLabel(selection), revisions, locations });
}

export const historyJson = (history: History): string => `${JSON.stringify(history, null, 2)}\n`;

/**
 * One line per location for the terminal: its lines as runs of revisions,
 * `panics/pending-fill-queue  handlers.rs:242  236 (v1.0.0) → 242 (v1.1.0 … HEAD)`.
 */
export function describeHistory(h: LocationHistory, revisions: History['revisions']): string {
  if (h.releases.length === 0) return 'not found in any revision (is its line right at HEAD?)';
  const head = revisions.at(-1)?.commit;
  const label = (r: { tag: string | null; commit: string }) =>
    r.commit === head && r.tag === null ? 'HEAD' : revisionLabel(r);
  const runs: { text: string; from: string; to: string }[] = [];
  for (const r of h.releases) {
    const text = `${r.file === h.file ? '' : `${r.file}:`}${formatLines({ file: r.file, line: r.line, endLine: r.endLine, openEnded: h.openEnded })}${r.edited ? ' (edited)' : ''}`;
    const last = runs.at(-1);
    if (last && last.text === text) last.to = label(r);
    else runs.push({ text, from: label(r), to: label(r) });
  }
  const parts = runs.map((r) => `${r.text} (${r.from === r.to ? r.from : `${r.from} … ${r.to}`})`).join(' → ');
  const since = h.introduced ? `introduced in ${label(h.introduced)}` : `since ${label(h.releases[0]!)} or earlier`;
  return `${parts}; ${since}${h.removed ? `; removed in ${label(h.removed)}` : ''}`;
}
