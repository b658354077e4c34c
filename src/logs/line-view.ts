/**
 * What the block collector needs to know about one line of a log: its wrapper (the log prefix or the JSON record
 * around the text), so that the lines a panic wrote (all from the same stream, in the same wrapper) are told from
 * the application's own log lines between them; and the text it carries, to see whether it is part of a panic
 * (`stack backtrace:`, a frame, `at file:line`, `note:`).
 *
 * This frames a panic; it does not read one. The block is handed whole, wrapper included, to the site's parser.
 */
import { AT_LINE, BACKTRACE_HEADER, BEFORE_PANIC_TEXT_AT_END, FRAME_START, NOTE } from '../panic-text/grammar.ts';
import { prefixLength } from '../panic-text/normalize/index.ts';

export interface LineView {
  /** Identifies the wrapper: lines with the same shape come from the same stream. */
  shape: string;
  /** The texts the line carries: its payload after the prefix, or the string values of a JSON record. */
  texts: string[];
  /** The decoded JSON record, when the line is one. */
  record?: Record<string, unknown>;
  /** Where the payload starts after the log prefix. */
  prefixEnd: number;
}

const MAX_JSON_DEPTH = 6;
const MAX_JSON_STRINGS = 200;
// Values that tell streams apart when records of both sit in one log (docker's json-file: `stream`).
const STREAM_KEYS = [
  'stream',
  'level',
  'lvl',
  'severity',
  'PRIORITY',
  'SYSLOG_IDENTIFIER',
  'container_name',
  'service',
  'pod',
];

function collectStrings(value: unknown, depth: number, out: string[]): void {
  if (depth > MAX_JSON_DEPTH || out.length >= MAX_JSON_STRINGS) return;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, depth + 1, out);
  else if (value !== null && typeof value === 'object')
    for (const v of Object.values(value)) collectStrings(v, depth + 1, out);
}

function parseRecord(text: string): Record<string, unknown> | undefined {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return undefined;
  try {
    const v: unknown = JSON.parse(t);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function viewLine(line: string): LineView {
  const prefixEnd = prefixLength(line);
  const rest = line.slice(prefixEnd);
  const record = parseRecord(rest);
  if (record) {
    const texts: string[] = [];
    collectStrings(record, 0, texts);
    const keys = Object.keys(record)
      .filter((k) => !k.startsWith('_'))
      .sort();
    const streams = STREAM_KEYS.map((k) =>
      typeof record[k] === 'string' || typeof record[k] === 'number' ? `${k}=${record[k]}` : '',
    ).join(',');
    return {
      shape: `json:${foldDigits(line.slice(0, prefixEnd))}{${keys.join(',')}}${streams}`,
      texts,
      record,
      prefixEnd,
    };
  }
  return {
    shape: foldDigits(line.slice(0, prefixEnd)).replace(BEFORE_PANIC_TEXT_AT_END, ''),
    texts: [rest],
    prefixEnd,
  };
}

const foldDigits = (s: string) => s.replace(/\d+/g, '0');

export type Marker = 'note' | 'backtrace' | 'frame' | 'blank' | 'text';

/** What a line of a panic block is, judged on the text it carries. */
export function markerOf(view: LineView): Marker {
  let blank = true;
  for (const t of view.texts) {
    if (BACKTRACE_HEADER.test(t)) return 'backtrace';
    if (NOTE.test(t)) return 'note';
    if (FRAME_START.test(t) || AT_LINE.test(t)) return 'frame';
    if (t.trim() !== '') blank = false;
  }
  // A JSON record always carries other fields (time, stream): it is never a blank line.
  return blank && !view.record ? 'blank' : 'text';
}
