/**
 * Undo what log collectors, chat tools and terminals wrap around a panic, so that the parser reads the text Rust
 * printed: one stage per job, in this order. Every stage is linear in the paste, with anchored, bounded patterns:
 * pastes are untrusted and can be megabytes long.
 */
import { characters } from './characters.ts';
import { collapsedPanics } from './collapsed.ts';
import { criPartials } from './cri.ts';
import { hardWraps } from './hard-wraps.ts';
import { wholeJson } from './json.ts';
import { newestFirst } from './newest-first.ts';
import { linePrefixes } from './prefixes.ts';
import { records } from './records.ts';
import { reports } from './reports.ts';
import type { Stage } from './stage.ts';
import { tableRows } from './table-rows.ts';

export { cleanCharacters } from './characters.ts';
export { unescapeJsonString } from './escapes.ts';
export { prefixLength } from './prefixes.ts';
export { isJsonSpace, jsonFieldText, jsonStringEnd, jsonValueEnd } from './json.ts';

export const STAGES: readonly Stage[] = [
  characters, // CRLF, ANSI, curly quotes, link markup, HTML entities
  wholeJson, // a paste that is JSON as a whole (a record, `journalctl -o json-pretty`)
  hardWraps, // lines cut at a fixed width, joined back
  criPartials, // containerd's partial lines, joined
  tableRows, // a log viewer's table: its message cell
  records, // a line that is a JSON or logfmt record, or holds `\n` escapes
  newestFirst, // a log printed newest first, turned around
  linePrefixes, // timestamps, hosts, levels, `svc | ` before each line
  collapsedPanics, // a panic on one line, its line breaks put back
  reports, // color-eyre, human-panic, anyhow reports, written again as panics
];

export function normalizePaste(input: string): string {
  let lines = [input];
  for (const stage of STAGES) lines = stage.run(lines);
  return lines.join('\n');
}
