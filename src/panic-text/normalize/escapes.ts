/** JSON's string escapes, undone in text that is not (or no longer) valid JSON. */
import { BACKTRACE_WORDS } from '../grammar.ts';

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '', '"': '"', '\\': '\\', '/': '/', b: '', f: '' };

/** JSON string unescaping that tolerates truncated or invalid escapes instead of throwing. */
export function unescapeJsonString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const e = s[i + 1];
    if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
      i += 5;
    } else if (e in ESCAPES) {
      out += ESCAPES[e];
      i += 1;
    } else {
      out += c;
    }
  }
  return out;
}

function isEscapedAt(s: string, i: number): boolean {
  let n = 0;
  for (let j = i - 1; j >= 0 && s[j] === '\\'; j--) n++;
  return n % 2 === 1;
}

/** Whether a line carries a panic written with `\n` escapes (a truncated JSON record, a logfmt value). */
export const hasEscapedPanic = (line: string): boolean =>
  line.includes('\\n') && (line.includes('panicked') || line.includes(BACKTRACE_WORDS));

/**
 * A line that is not valid JSON (logfmt `msg="..."`, a truncated record) but carries a panic
 * with `\n` escapes: decode the quoted string around the panic, drop what follows it.
 */
export function unescapeEmbedded(line: string): string {
  const anchor = line.indexOf('panicked');
  const at = anchor >= 0 ? anchor : line.indexOf(BACKTRACE_WORDS);
  let open = line.lastIndexOf('"', at);
  while (open > 0 && isEscapedAt(line, open)) open = line.lastIndexOf('"', open - 1);
  if (open < 0) return unescapeJsonString(line);
  let close = line.indexOf('"', at);
  while (close >= 0 && isEscapedAt(line, close)) close = line.indexOf('"', close + 1);
  const end = close < 0 ? line.length : close;
  return line.slice(0, open) + unescapeJsonString(line.slice(open + 1, end));
}
