/**
 * What the block collector needs to know about one line of a log: its wrapper (the log prefix or the JSON record
 * around the text), so that the lines a panic wrote (all from the same stream, in the same wrapper) are told from
 * the application's own log lines between them; and the text it carries, to see whether it is part of a panic
 * (`stack backtrace:`, a frame, `at file:line`, `note:`).
 *
 * This frames a panic; it does not read one. The block is handed whole, wrapper included, to the site's parser.
 */
import {
  AT_LINE,
  BACKTRACE_HEADER,
  BEFORE_PANIC_TEXT_AT_END,
  FRAME_START,
  literal,
  NOTE,
} from '../panic-text/grammar.ts';
import { jsonFieldText, prefixLength } from '../panic-text/normalize/index.ts';
import { type RecordTemplate, recordTemplate, varyingValues } from './record-template.ts';

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
  const text = jsonFieldText(value);
  if (text !== undefined) out.push(text);
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

/** The shape of a line that is no JSON record, from its prefix: digits folded, a logger's target at its end left out. */
const prefixShape = (prefix: string) => foldDigits(prefix).replace(BEFORE_PANIC_TEXT_AT_END, '');

export function viewLine(line: string): LineView {
  return viewWith(line, prefixShape);
}

function viewWith(line: string, shapeOf: (prefix: string) => string): LineView {
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
    shape: shapeOf(line.slice(0, prefixEnd)),
    texts: [rest],
    prefixEnd,
  };
}

const foldDigits = (s: string) => s.replace(/\d+/g, '0');

export type Marker = 'note' | 'backtrace' | 'frame' | 'blank' | 'text';

/** The part of a panic one text is, if any: the backtrace's header, a note, a frame or its `at` line. */
function markOf(t: string): 'backtrace' | 'note' | 'frame' | undefined {
  if (BACKTRACE_HEADER.test(t)) return 'backtrace';
  if (NOTE.test(t)) return 'note';
  if (FRAME_START.test(t) || AT_LINE.test(t)) return 'frame';
  return undefined;
}

/** What a line of a panic block is, judged on the text it carries. */
export function markerOf(view: LineView): Marker {
  let blank = true;
  for (const t of view.texts) {
    const mark = markOf(t);
    if (mark) return mark;
    if (t.trim() !== '') blank = false;
  }
  // A JSON record always carries other fields (time, stream): it is never a blank line.
  return blank && !view.record ? 'blank' : 'text';
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Whether two texts are the same but for which digits stand where digits stand. */
export function sameButDigits(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y && !(isDigit(x) && isDigit(y))) return false;
  }
  return true;
}

/** A line viewed before, kept to tell whether a later line has its view (`viewsAlike`). */
export interface SeenLine {
  /** The line, a copy of its own (`ownCopy`). */
  text: string;
  view: LineView;
  /** The line after its prefix. */
  rest: string;
  /** Its prefix as a pattern: each digit stands for any digit. */
  prefix: RegExp;
  /**
   * A record line whose record has fields that differ on every record (its time): the text around them, none of
   * whose values reads as part of a panic (`alikeRecord`).
   */
  template?: RecordTemplate;
}

const DIGIT = /\d/g;

/**
 * A line viewed before, for `viewsAlike`: `own`, a copy of its own (`ownCopy`), viewed. The patterns of prefixes
 * already made are in `patterns` (by the prefix with its digits as 0), which the caller bounds: a log's lines share
 * a few prefixes.
 */
export function seenLine(own: string, view: LineView, patterns: Map<string, RegExp>): SeenLine {
  const prefix = own.slice(0, view.prefixEnd);
  const masked = prefix.replace(DIGIT, '0');
  let pattern = patterns.get(masked);
  if (!pattern) {
    pattern = new RegExp(`^${literal(prefix).replace(DIGIT, '\\d')}`);
    patterns.set(masked, pattern);
  }
  const seen: SeenLine = { text: own, view, rest: own.slice(view.prefixEnd), prefix: pattern };
  const template = view.record && view.prefixEnd === 0 ? recordTemplate(own) : undefined;
  if (template && !template.keys.some((k) => typeof view.record![k] === 'string' && markOf(view.record![k] as string)))
    seen.template = template;
  return seen;
}

/**
 * For a line seen as a record with varying fields (`seen.template`): the varying values of `line` when it is that
 * record with other values, none of which reads as part of a panic; undefined otherwise. Such a line's record is
 * the seen one's with these values, and so is its view: its texts but these values carry what they carried, and it
 * has the seen line's marker and key.
 */
export function alikeRecord(line: string, seen: SeenLine): Record<string, string | number> | undefined {
  const values = seen.template && varyingValues(line, seen.template);
  if (!values) return undefined;
  for (const v of Object.values(values)) if (typeof v === 'string' && markOf(v)) return undefined;
  return values;
}

/**
 * Whether `line` has the view `seen` has: the same text after the prefix, and a prefix the same but for which
 * digits stand where digits stand (its time). Every prefix pattern reads a digit as any digit (prefixes.test.ts
 * holds them to that), so such a prefix ends where the other ends and folds to its shape, and the rest, the same
 * text, carries the same texts and record. Equality of the rest and a compiled pattern for the prefix: a loop over
 * the characters costs several times more.
 */
export function viewsAlike(line: string, seen: SeenLine): boolean {
  return line.length === seen.text.length && line.slice(seen.view.prefixEnd) === seen.rest && seen.prefix.test(line);
}

/**
 * A copy of a text that holds on to nothing else: a slice of a line is a view into the whole chunk the line was cut
 * from, which a text kept past the chunk (a remembered line, a stream's shape) would keep alive.
 */
export const ownCopy = (text: string): string => ` ${text}`.slice(1);

/**
 * viewLine for the lines of one stream in a row, as a panic block reads them: a line's shape is its prefix's with
 * the digits folded, so a prefix that differs from the line before's only in its digits (its time) has that line's
 * shape, found with one pass over the prefix instead of two regexes.
 */
export class LineViews {
  private prefix = '';
  private shape = prefixShape('');
  private readonly shapeOf = (prefix: string): string => {
    if (!sameButDigits(prefix, this.prefix)) {
      this.prefix = ownCopy(prefix);
      this.shape = ownCopy(prefixShape(prefix));
    }
    return this.shape;
  };

  of(line: string): LineView {
    return viewWith(line, this.shapeOf);
  }
}
