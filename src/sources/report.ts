/** The terminal report of the source check: one row per location, readable at a glance. Pure. */
import { fileName, formatLines } from '../model/anchor.ts';
import { allHold, countStatuses, type Result, type Status, STATUSES } from './check.ts';

const COLOURS: Record<Status, string> = {
  ok: '32',
  moved: '33',
  gone: '31',
  ambiguous: '31',
  'missing-file': '31',
  skipped: '2',
};

export interface ReportOptions {
  colour: boolean;
  /** Longest code shown before it is cut with `…`. */
  codeWidth?: number;
}

/** `spread_oracle.rs:43-44`; the full path when two files of the results share a name. */
function locationLabel(r: Result, fullPaths: boolean): string {
  const file = fullPaths ? r.file : fileName(r.file);
  if (r.line === undefined) return r.throughout ? `${file} (throughout)` : file;
  return `${file}:${formatLines(r)}`;
}

/** Where the code is now: `→ 51`, `→ 51-52`, `lines 52, 96`, `not in the file`. */
export function nowLabel(r: Result): string {
  switch (r.status) {
    case 'ok':
      return '';
    case 'moved': {
      const to = r.foundAt![0]!;
      return `→ ${formatLines({ file: r.file, line: to, endLine: r.endLine === undefined ? undefined : r.endLine + to - r.line!, openEnded: r.openEnded })}`;
    }
    case 'ambiguous':
      return `lines ${r.foundAt!.join(', ')}${r.note?.startsWith('found on 1 line') ? ' (shared by several places of the model)' : ''}`;
    case 'gone':
      return r.note ?? 'not in the file';
    case 'missing-file':
      return 'no such file';
    case 'skipped':
      return r.note ?? 'no line';
  }
}

const cut = (s: string, width: number): string => (s.length > width ? `${s.slice(0, width - 1)}…` : s);

export function renderTable(results: readonly Result[], options: ReportOptions): string {
  const codeWidth = options.codeWidth ?? 44;
  const names = new Map<string, Set<string>>();
  for (const r of results) names.set(fileName(r.file), (names.get(fileName(r.file)) ?? new Set()).add(r.file));
  const fullPaths = [...names.values()].some((s) => s.size > 1);
  const header = ['status', 'entry', 'location', 'code', 'now'];
  const rows = results.map((r) => [
    r.status,
    r.entry,
    locationLabel(r, fullPaths),
    cut(r.code.replace(/\s+/g, ' '), codeWidth),
    nowLabel(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const paint = (s: string, code: string) => (options.colour ? `\x1b[${code}m${s}\x1b[0m` : s);
  const line = (cells: string[], status?: Status) =>
    cells
      .map((c, i) => {
        const padded = i === cells.length - 1 ? c : c.padEnd(widths[i]!);
        return i === 0 && status ? paint(padded, COLOURS[status]) : padded;
      })
      .join('  ')
      .trimEnd();
  return [line(header.map((h) => h.toUpperCase())), ...rows.map((row, i) => line(row, results[i]!.status))].join('\n');
}

/** `31 locations: 29 ok, 2 moved · 6 skipped (no line)`. */
export function summaryLine(results: readonly Result[]): string {
  const counts = countStatuses(results);
  const checked = results.length - counts.skipped;
  const parts = STATUSES.filter((s) => s !== 'skipped' && counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  const skipped = counts.skipped > 0 ? `; ${counts.skipped} skipped` : '';
  return `${checked} locations checked: ${parts.join(', ') || 'none'}${skipped}. ${allHold(results) ? 'All hold.' : 'Some do not hold.'}`;
}
