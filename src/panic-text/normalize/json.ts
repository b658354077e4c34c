/**
 * JSON records around a panic: docker's `log`, journald's `MESSAGE` (a string, or an array of byte values when the
 * text holds control characters), tracing's `fields.message`, Sentry's event with its frames, tracing-panic's
 * `panic.file`/`panic.line`. What a record holds is written as the text a panic prints.
 */
import { formatSourcePos } from '../../model/anchor.ts';
import { BACKTRACE_WORDS, PANIC_LOCATION_LABEL, PANIC_TEXT } from '../grammar.ts';
import { holdsSourcePos } from '../source-ref.ts';
import { ANSI, cleanCharacters } from './characters.ts';
import type { Stage } from './stage.ts';

// Fields log shippers put the line in: docker `log`, journald `MESSAGE`, tracing `fields.message`.
// `exception.values[].value` is where Sentry keeps a panic's message; `cause` is human-panic's.
const MESSAGE_KEYS = [
  'log',
  'msg',
  'message',
  'MESSAGE',
  'text',
  'line',
  'body',
  'fields',
  'formatted',
  'exception',
  'values',
  'value',
  'cause',
  'error',
];
const MAX_JSON_DEPTH = 8;

const utf8 = new TextDecoder('utf-8');

/**
 * journald writes a field as an array of its bytes when the text is not printable as a string (an ANSI-coloured
 * panic hook line): `"MESSAGE":[27,91,51,49,109,…]`. Any array of integers 0-255 is read that way, colours dropped.
 */
function byteText(value: unknown[]): string | undefined {
  if (value.length === 0) return undefined;
  for (const b of value) if (typeof b !== 'number' || !Number.isInteger(b) || b < 0 || b > 255) return undefined;
  return utf8.decode(Uint8Array.from(value as number[])).replace(ANSI, '');
}

/** A string field, or a byte-array field decoded. */
export function jsonFieldText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return Array.isArray(value) ? byteText(value) : undefined;
}

function collectRelevant(value: unknown, depth: number, out: string[]): void {
  if (depth > MAX_JSON_DEPTH) return;
  const text = jsonFieldText(value);
  if (text !== undefined) {
    const nested = nestedJson(text, depth);
    if (nested !== undefined) collectRelevant(nested, depth + 1, out);
    else if (PANIC_TEXT.test(text)) out.push(text);
  } else if (Array.isArray(value)) {
    if (isFrameList(value)) out.push(renderFrames(value));
    else for (const v of value) collectRelevant(v, depth + 1, out);
  } else if (value !== null && typeof value === 'object') {
    const where = sourcePair(value as Record<string, unknown>);
    if (where) out.push(where);
    for (const [k, v] of Object.entries(value)) {
      // tracing-panic and log-panics name their fields `panic.payload`, `panic.location`: the panic, whatever it says.
      const field = PANIC_FIELD.test(k) ? jsonFieldText(v) : undefined;
      if (field === undefined) collectRelevant(v, depth + 1, out);
      else out.push(LOCATION_FIELD.test(k) && holdsSourcePos(field) ? `${PANIC_LOCATION_LABEL}${field}` : field);
    }
  }
}

const PANIC_FIELD = /^panic[._-]?(?:payload|message|msg|location|info)$|^(?:panic|payload)$/i;
const LOCATION_FIELD = /location$/i;

/** A JSON string that holds a JSON record itself (a chat paste of a log line, a record forwarded twice). */
function nestedJson(value: string, depth: number): unknown {
  if (depth >= MAX_JSON_DEPTH || value.length < 2) return undefined;
  const t = value.trim();
  if (!((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']')))) return undefined;
  const parsed = tryJson(t);
  return parsed !== null && typeof parsed === 'object' ? parsed : undefined;
}

const FILE_KEYS = [
  'panic.file',
  'file',
  'filename',
  'abs_path',
  'location.file',
  'code.filepath',
  'src_file',
  'source_file',
];
const LINE_KEYS = ['panic.line', 'line', 'lineno', 'line_number', 'location.line', 'code.lineno', 'src_line'];
const COLUMN_KEYS = ['panic.column', 'column', 'colno', 'col', 'location.column'];
const FUNCTION_KEYS = ['function', 'symbol', 'fn', 'method', 'raw_function'];

const pick = (record: Record<string, unknown>, keys: string[]): unknown => {
  for (const k of keys) if (record[k] !== undefined && record[k] !== null) return record[k];
  return undefined;
};

/**
 * A record naming a Rust file and a line in fields of their own (tracing-panic's `panic.file`/`panic.line`, a Sentry
 * frame's `filename`/`lineno`, OpenTelemetry's `code.filepath`): written as the line a panic or a frame would print.
 */
function sourcePair(record: Record<string, unknown>): string | undefined {
  const file = pick(record, FILE_KEYS);
  const line = Number(pick(record, LINE_KEYS));
  if (typeof file !== 'string' || !file.endsWith('.rs') || !Number.isInteger(line) || line <= 0) return undefined;
  const column = Number(pick(record, COLUMN_KEYS));
  const where = formatSourcePos({ file, line, ...(Number.isInteger(column) && column > 0 ? { column } : {}) });
  return 'panic.file' in record || 'location.file' in record ? `${PANIC_LOCATION_LABEL}${where}` : `      at ${where}`;
}

const isFrameRecord = (f: unknown): boolean =>
  f !== null &&
  typeof f === 'object' &&
  !Array.isArray(f) &&
  (pick(f as Record<string, unknown>, FUNCTION_KEYS) !== undefined ||
    pick(f as Record<string, unknown>, FILE_KEYS) !== undefined);
const isFrameList = (list: unknown[]): boolean => list.length > 0 && list.every(isFrameRecord);

/**
 * Stack frames as JSON (Sentry's event: oldest first, `function`, `filename`, `lineno`, `in_app`), written as
 * `RUST_BACKTRACE=1` writes them, newest first, so that the backtrace reader takes them as they are.
 */
function renderFrames(frames: unknown[]): string {
  const records = frames as Record<string, unknown>[];
  const oldestFirst = records.length > 1 && isMain(records[0]!) && !isMain(records.at(-1)!);
  const ordered = oldestFirst || records.some((r) => 'in_app' in r) ? [...records].reverse() : records;
  const lines = [BACKTRACE_WORDS];
  ordered.forEach((r, i) => {
    const fn = pick(r, FUNCTION_KEYS);
    lines.push(`  ${i}: ${typeof fn === 'string' ? fn : '<unknown>'}`);
    const at = sourcePair(r);
    if (at) lines.push(at.startsWith(PANIC_LOCATION_LABEL) ? `      at ${at.slice(PANIC_LOCATION_LABEL.length)}` : at);
  });
  return lines.join('\n');
}

const isMain = (r: Record<string, unknown>): boolean => {
  const fn = pick(r, FUNCTION_KEYS);
  return typeof fn === 'string' && /(^|::)main$|lang_start|_start$/.test(fn);
};

function messageField(value: unknown, depth: number): string | undefined {
  if (depth > MAX_JSON_DEPTH || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    const parts = value.map((v) => jsonText(v, depth + 1)).filter((v) => v !== undefined);
    return parts.length > 0 ? parts.join('\n') : undefined;
  }
  const record = value as Record<string, unknown>;
  for (const key of MESSAGE_KEYS) {
    const v = record[key];
    const text = jsonFieldText(v);
    if (text !== undefined) return text;
    const nested = messageField(v, depth + 1);
    if (nested !== undefined) return nested;
  }
  return undefined;
}

const isPanicLine = (r: string): boolean =>
  PANIC_TEXT.test(r) && !r.startsWith(BACKTRACE_WORDS) && !/^\s*at /.test(r) && !r.startsWith(PANIC_LOCATION_LABEL);

/** The panic text a decoded JSON value carries, or its log message when it carries none. */
export function jsonText(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return messageField(value, depth);
  const relevant: string[] = [];
  collectRelevant(value, depth, relevant);
  // Locations and frames alone (a Sentry event) leave the message in a field of its own: keep it above them.
  const message = relevant.some(isPanicLine) ? undefined : messageField(value, depth);
  const parts = message !== undefined && !relevant.includes(message) ? [message, ...relevant] : relevant;
  const text = parts.length > 0 ? parts.join('\n') : undefined;
  // Docker's json-file driver keeps each line's own newline; it would add a blank line.
  return text?.replace(/\r?\n$/, '');
}

export function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Where the JSON string whose opening quote is at `at` ends, past its closing quote; -1 when the text ends first. */
export function jsonStringEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
  }
  return -1;
}

/** White space as JSON has it between its tokens. */
export const isJsonSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * Where the JSON value starting at `at` ends, past its last character, in one pass that skips strings whole and
 * counts brackets: a string or a bracketed value after its close, a number or a literal at the `,`, closing bracket
 * or white space after it (or the text's end). -1 when the text ends inside a string or a bracket.
 */
export function jsonValueEnd(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length;) {
    const c = text[i]!;
    if (c === '"') {
      i = jsonStringEnd(text, i);
      if (i < 0) return -1;
      if (depth === 0) return i;
    } else if (c === '{' || c === '[') {
      depth++;
      i++;
    } else if (c === '}' || c === ']') {
      if (depth === 0) return i;
      depth--;
      i++;
      if (depth === 0) return i;
    } else if (depth === 0 && (c === ',' || isJsonSpace(c))) return i;
    else i++;
  }
  return depth === 0 ? text.length : -1;
}

/**
 * Top-level JSON values written one after another (`journalctl -o json-pretty`, a few records copied from a log
 * viewer): where each ends, found in one pass that tracks strings and nesting. Undefined when the text is not that.
 */
function splitJsonValues(text: string): unknown[] | undefined {
  const values: unknown[] = [];
  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    if (c === '{' || c === '[' || c === '"') {
      const end = jsonValueEnd(text, i);
      // A string left open runs to the end of the text; a bracket left open is no value.
      if (end < 0) {
        if (c === '"') break;
        return undefined;
      }
      if (c !== '"') {
        const value = tryJson(text.slice(i, end));
        if (value === undefined) return undefined;
        values.push(value);
      }
      i = end;
    } else if (/\s|,/.test(c)) i++;
    else return undefined;
  }
  return values.length > 0 ? values : undefined;
}

/** A JSON record on one line, after whatever prefix stands before its `{`: the text it carries. */
export function jsonRecordText(line: string): string | undefined {
  const brace = line.indexOf('{');
  const trimmed = line.trimEnd();
  if (brace < 0 || !trimmed.endsWith('}')) return undefined;
  const value = tryJson(trimmed.slice(brace));
  return value === undefined ? undefined : jsonText(value);
}

/** A paste that is JSON as a whole (one value, or values one after another): the text its records carry. */
export const wholeJson: Stage = {
  name: 'JSON paste',
  run(lines) {
    const first = lines.find((l) => l.trim() !== '');
    if (first === undefined || !/^\s*[{["]/.test(first)) return lines;
    const trimmed = lines.join('\n').trim();
    const value = tryJson(trimmed);
    const values = value === undefined ? splitJsonValues(trimmed) : [value];
    const decoded = values?.map((v) => jsonText(v)).filter((t) => t !== undefined);
    return decoded && decoded.length > 0 ? cleanCharacters(decoded.join('\n')).split('\n') : lines;
  },
};
