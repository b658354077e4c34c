/**
 * A JSON record line as the text around the values of its fields that differ on every record (its time, journald's
 * cursor: `RECORD_VARYING_KEYS`). A panic printed again as records differs from the last time only in those values,
 * so a later line holding the same text around values of the same kinds is the same record at another time, found
 * without parsing it.
 *
 * Only what reads exactly so is made a template: a compact object on the whole line whose varying fields stand at
 * its top level, each a string without escapes or a number. The scan is linear and gives up on anything else.
 */
import { isJsonSpace, jsonStringEnd, jsonValueEnd } from '../panic-text/normalize/index.ts';
import { RECORD_VARYING_KEYS } from './timestamp.ts';

export interface RecordTemplate {
  /** The text before, between and after the varying values: one more than the values. */
  around: string[];
  /** Each varying value's field. */
  keys: string[];
  /** Whether each is a string (its quotes in `around`), else a number. */
  strings: boolean[];
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/** What a string value written without escapes cannot hold. */
const NOT_PLAIN = /[\\"\u0000-\u001f]/;

function skipSpace(text: string, at: number): number {
  while (isJsonSpace(text[at])) at++;
  return at;
}

/**
 * The template of a record line JSON.parse read as an object; undefined when it has no varying field or is not
 * written as a template needs.
 */
export function recordTemplate(text: string): RecordTemplate | undefined {
  if (!text.startsWith('{') || !text.endsWith('}')) return undefined;
  const around: string[] = [];
  const keys: string[] = [];
  const strings: boolean[] = [];
  let from = 0;
  let i = skipSpace(text, 1);
  if (text[i] === '}') return undefined;
  for (;;) {
    if (text[i] !== '"') return undefined;
    const keyEnd = jsonStringEnd(text, i);
    if (keyEnd < 0) return undefined;
    const key = text.slice(i + 1, keyEnd - 1);
    i = skipSpace(text, keyEnd);
    if (text[i] !== ':') return undefined;
    i = skipSpace(text, i + 1);
    if (RECORD_VARYING_KEYS.has(key)) {
      const string = text[i] === '"';
      let start = i;
      let end: number;
      if (string) {
        start = i + 1;
        end = text.indexOf('"', start);
        if (end < 0 || NOT_PLAIN.test(text.slice(start, end))) return undefined;
        i = end + 1;
      } else {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) return undefined;
        end = i = NUMBER.lastIndex;
      }
      around.push(text.slice(from, start));
      keys.push(key);
      strings.push(string);
      from = end;
    } else {
      i = jsonValueEnd(text, i);
      if (i < 0) return undefined;
    }
    i = skipSpace(text, i);
    if (text[i] === ',') i = skipSpace(text, i + 1);
    else if (text[i] === '}' && i === text.length - 1) break;
    else return undefined;
  }
  if (keys.length === 0) return undefined;
  around.push(text.slice(from));
  return { around, keys, strings };
}

/**
 * The varying values of a line that is the template's record with other values (strings without escapes, numbers),
 * by field (the last of a field written twice, as JSON.parse reads it); undefined when the line is not.
 */
export function varyingValues(line: string, t: RecordTemplate): Record<string, string | number> | undefined {
  const values: Record<string, string | number> = {};
  let at = 0;
  for (let k = 0; k < t.keys.length; k++) {
    const before = t.around[k]!;
    // Compared as a slice: V8 compares whole strings several times faster than it runs startsWith.
    if (line.slice(at, at + before.length) !== before) return undefined;
    at += before.length;
    let end: number;
    if (t.strings[k]) {
      end = line.indexOf('"', at);
      if (end < 0) return undefined;
      const value = line.slice(at, end);
      if (NOT_PLAIN.test(value)) return undefined;
      values[t.keys[k]!] = value;
    } else {
      NUMBER.lastIndex = at;
      if (!NUMBER.test(line)) return undefined;
      end = NUMBER.lastIndex;
      values[t.keys[k]!] = Number(line.slice(at, end));
    }
    at = end;
  }
  const after = t.around[t.keys.length]!;
  return line.length - at === after.length && line.slice(at) === after ? values : undefined;
}
