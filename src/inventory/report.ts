/** The terminal report of the inventory: a table of the sites, then coverage by subsystem and by file. Pure. */
import { fileName } from '../model/anchor.ts';
import type { InventorySite, SiteStatus } from '../model/inventory.ts';
import { type Coverage, type CoverageSummary, coveredPercent } from './coverage.ts';

const COLOURS: Record<SiteStatus, string> = { documented: '32', guarded: '36', undocumented: '33' };
const cut = (s: string, width: number): string => (s.length > width ? `${s.slice(0, width - 1)}…` : s);

function table(header: string[], rows: string[][], paintCol?: (row: string[], cell: string) => string): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[], paint = false) =>
    cells
      .map((c, i) => {
        const padded = i === cells.length - 1 ? c : c.padEnd(widths[i]!);
        return paint && paintCol && i === 0 ? paintCol(cells, padded) : padded;
      })
      .join('  ')
      .trimEnd();
  return [line(header.map((h) => h.toUpperCase())), ...rows.map((r) => line(r, true))].join('\n');
}

export function renderSites(sites: readonly InventorySite[], options: { colour: boolean }): string {
  const paint = (row: string[], cell: string) =>
    options.colour ? `\x1b[${COLOURS[row[0] as SiteStatus] ?? '0'}m${cell}\x1b[0m` : cell;
  const rows = sites.map((s) => [
    s.status,
    `${fileName(s.file)}:${s.line}:${s.column}`,
    s.kind,
    s.release ? 'release' : 'debug',
    cut(s.fn, 40),
    cut(s.message.replace(/\s+/g, ' '), 60),
  ]);
  return table(['status', 'site', 'kind', 'fires', 'function', 'message'], rows, paint);
}

const counts = (c: Coverage): string[] => [
  String(c.total),
  String(c.documented),
  String(c.guarded),
  String(c.undocumented),
  String(c.undocumentedRelease),
  `${coveredPercent(c)}%`,
];

export function renderCoverage(summary: CoverageSummary): string {
  const head = ['total', 'documented', 'guarded', 'undocumented', 'of which release', 'covered'];
  return [
    table(
      ['subsystem', ...head],
      summary.bySubsystem.map((r) => [r.key, ...counts(r)]),
    ),
    '',
    table(
      ['file', ...head],
      summary.byFile.map((r) => [r.key, ...counts(r)]),
    ),
  ].join('\n');
}

export function summaryLine(summary: CoverageSummary): string {
  const a = summary.all;
  return (
    `${a.total} panic sites: ${a.documented} documented, ${a.guarded} guarded, ${a.undocumented} undocumented ` +
    `(${a.undocumentedRelease} fire in release builds); ${coveredPercent(a)}% covered; ${summary.testOnly} more in test-only code, not counted.`
  );
}
