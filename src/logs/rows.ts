/**
 * The log page's answer, from the groups of a triage (src/logs/groups.ts): one row per group with what the CLI's table
 * says, sorted so that the original panic of the incident comes first; the table as Markdown for the incident channel;
 * the groups as the CLI's `--json` (one object per line). Pure: no DOM.
 */
import type { PanicGroup } from './groups.ts';

export interface LogRow {
  group: PanicGroup;
  /** `data-log-group`: the panic id, or `unknown` for an undocumented site or an unknown panic. */
  id: string;
  /** `original`, `secondary of #2`, `secondary`. */
  role: string;
  /** The group this one is secondary of, when it is in the log. */
  cause: PanicGroup | undefined;
  first: string;
  last: string;
  /** What the panic is: the page's title, the undocumented site, or the unknown panic's signature. */
  what: string;
  /** What the link is to: `page`, `inventory`, `search`. */
  link: 'page' | 'inventory' | 'search';
}

export const seenText = (s: PanicGroup['first']): string => s.time ?? `${s.source}:${s.line}`;

function whatOf(g: PanicGroup): string {
  if (g.kind === 'documented') return `${g.id}: ${g.title}`;
  const where = g.location ? ` (${g.location})` : '';
  return g.kind === 'inventory' ? `undocumented site: ${g.title}${where}` : `unknown: ${g.signature}${where}`;
}

/**
 * Rows in the order an engineer reads an incident: original panics before secondary ones (a PoisonError is the
 * consequence of another panic), an original that caused secondary ones before the other originals, then by first
 * appearance in the log.
 */
export function toRows(groups: readonly PanicGroup[]): LogRow[] {
  const byKey = new Map(groups.map((g) => [g.key, g]));
  const causes = new Set(groups.map((g) => g.causedBy).filter((k): k is string => k !== null));
  const rank = (g: PanicGroup) => (g.role === 'secondary' ? 2 : causes.has(g.key) ? 0 : 1);
  return [...groups]
    .sort((a, b) => rank(a) - rank(b) || a.number - b.number)
    .map((g) => {
      const cause = g.causedBy ? byKey.get(g.causedBy) : undefined;
      return {
        group: g,
        id: g.kind === 'documented' && g.id ? g.id : 'unknown',
        role: g.role === 'original' ? 'original' : cause ? `secondary of #${cause.number}` : 'secondary',
        cause,
        first: seenText(g.first),
        last: seenText(g.last),
        what: whatOf(g),
        link: g.kind === 'documented' ? 'page' : g.kind === 'inventory' ? 'inventory' : 'search',
      };
    });
}

// A cell of a Markdown table: no pipe or newline may end it early, no bracket may open a link.
const cell = (s: string) =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/([[\]`*_<>])/g, '\\$1')
    .replace(/[\r\n]+/g, ' ');
// A link target: spaces and parentheses would end it.
const target = (url: string) => url.replace(/[ ()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The table as Markdown, each panic linked to its page, its inventory row or the site's search. */
export function toMarkdown(rows: readonly LogRow[], summary: string): string {
  const lines = [
    '| # | count | first seen | last seen | role | severity | panic |',
    '| --: | --: | --- | --- | --- | --- | --- |',
    ...rows.map(
      ({ group: g, role, first, last, what }) =>
        `| ${g.number} | ${g.count} | ${cell(first)} | ${cell(last)} | ${role} | ${g.severity ?? '-'} | [${cell(what)}](${target(g.url)}) |`,
    ),
  ];
  return `${lines.join('\n')}\n\n${summary}\n`;
}

/** As `mm-panics triage --json`: one object per group, in order of first appearance. */
export const toNdjson = (groups: readonly PanicGroup[]): string => groups.map((g) => `${JSON.stringify(g)}\n`).join('');

/** `5 panics in 3 groups: 2 documented, 0 at undocumented sites of the inventory, 1 unknown`, as the CLI ends. */
export function summaryOf(groups: readonly PanicGroup[], panics: number): string {
  const count = (kind: PanicGroup['kind']) => groups.filter((g) => g.kind === kind).length;
  const n = (x: number) => x.toLocaleString('en-US');
  return (
    `${n(panics)} panic${panics === 1 ? '' : 's'} in ${n(groups.length)} group${groups.length === 1 ? '' : 's'}: ` +
    `${count('documented')} documented, ${count('inventory')} at undocumented sites of the inventory, ${count('unknown')} unknown`
  );
}
