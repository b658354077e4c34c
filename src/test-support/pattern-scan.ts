/**
 * Finds where source code spells a pattern of panic text (a head, a frame, an `at` line, a note, the backtrace
 * header, a timestamp, a log level): in regex literals, in strings and templates written as patterns (`new RegExp`
 * arguments, a TextMate grammar's `match`), and in strings that are a panic's needles (`"thread '"`). Prose and the
 * templates that write a panic (`thread '${t}' panicked at …`) are not patterns and are not reported.
 *
 * A scanner of source text, not a parser: good enough to keep the patterns in one folder, which is its only job.
 */

export interface PatternHit {
  line: number;
  what: string;
  text: string;
}

/** What each kind of panic pattern looks like once written as a regex source. */
const SIGNATURES: readonly (readonly [string, RegExp])[] = [
  ['panic head', /panicked at|thread '|thread \\'/],
  ['backtrace header', /stack backtrace/],
  ['note line', /note: /],
  ['frame', /\^\\s(?:\*|\+|\{\d*,?\d*\})\(?\\d/],
  ['at line', /\^\\s(?:\*|\+|\{\d*,?\d*\})at(?:\\s|\\b| )/],
  ['ISO timestamp', /\\d\{4\}-\\d\{2\}/],
  ['clock time', /\\d\{2\}:\\d\{2\}/],
  ['log level', /ERROR\|WARN/],
];

/** Strings that are a panic's needles themselves, searched for with `indexOf`/`includes`. */
const NEEDLES = new Set([' panicked at ', 'panicked at ', 'panicked at', "thread '", 'stack backtrace:', 'note: ']);

/** What only a regex source holds: an escape class, a group, an anchor at its start, an alternation of words. */
const LOOKS_LIKE_PATTERN = /\\[bsdwSDW]|\(\?[:=!<]|^\^|\[\^|[A-Z]{3}\|[A-Z]{3}/;

/** Regex literals, strings and templates of a source text, comments skipped, in one pass. */
function* literals(code: string): Generator<{ kind: 'regex' | 'string' | 'template'; body: string; at: number }> {
  let lastToken = '';
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c === '/' && code[i + 1] === '/') {
      i = code.indexOf('\n', i);
      if (i < 0) return;
      continue;
    }
    if (c === '/' && code[i + 1] === '*') {
      i = code.indexOf('*/', i + 2) + 1;
      if (i <= 0) return;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      let depth = 0;
      for (; j < code.length; j++) {
        const d = code[j];
        if (d === '\\') j++;
        else if (c === '`' && d === '$' && code[j + 1] === '{') depth++;
        else if (c === '`' && d === '}' && depth > 0) depth--;
        else if (d === c && depth === 0) break;
        else if (d === '\n' && c !== '`') break;
      }
      yield { kind: c === '`' ? 'template' : 'string', body: code.slice(i + 1, j), at: i };
      i = j;
      lastToken = c;
      continue;
    }
    // A `/` where an expression may start opens a regex literal; elsewhere it divides.
    if (c === '/' && (lastToken === '' || /[=(,:[!&|?{};]$|\breturn$/.test(lastToken))) {
      let j = i + 1;
      let inClass = false;
      for (; j < code.length && code[j] !== '\n'; j++) {
        const d = code[j];
        if (d === '\\') j++;
        else if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
      }
      yield { kind: 'regex', body: code.slice(i + 1, j), at: i };
      i = j;
      lastToken = '/';
      continue;
    }
    if (/\s/.test(c)) continue;
    lastToken = /\w/.test(c) ? (/\w$/.test(lastToken) ? lastToken + c : c) : c;
  }
}

const unescape = (s: string): string => s.replace(/\\(.)/g, '$1');
const lineAt = (text: string, index: number): number => text.slice(0, index).split('\n').length;

function signatureOf(source: string): string | undefined {
  return SIGNATURES.find(([, re]) => re.test(source))?.[0];
}

export function findPanicPatterns(code: string): PatternHit[] {
  const hits: PatternHit[] = [];
  for (const { kind, body, at } of literals(code)) {
    const hit = (what: string) => hits.push({ line: lineAt(code, at), what, text: body });
    if (kind === 'regex') {
      const what = signatureOf(body);
      if (what) hit(what);
      continue;
    }
    // In a quoted string a regex's backslash is doubled; a String.raw template keeps it single.
    const raw = kind === 'template' && code.slice(Math.max(0, at - 10), at).endsWith('String.raw');
    const value = raw ? body : unescape(body);
    if (NEEDLES.has(value)) hit('needle');
    else if (LOOKS_LIKE_PATTERN.test(value)) {
      const what = signatureOf(value);
      if (what) hit(what);
    }
  }
  return hits;
}
