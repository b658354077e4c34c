/**
 * Undo what log collectors wrap around a panic: CRLF, ANSI colours, JSON records with `\n`
 * escapes, and per-line prefixes (timestamps, syslog headers, levels, `svc | `).
 * Every regex here is anchored (sticky) with bounded quantifiers: pastes are untrusted and
 * can be megabytes long.
 */

const ANSI = /\x1b\[[0-9;?]{0,32}[ -/]{0,4}[@-~]/g;

// Text a panic or its backtrace is made of; decides which JSON field holds the panic, and
// which lines may be stripped when most of the paste carries no prefix.
const PANIC_TEXT = / panicked at |^\s{0,80}stack backtrace:|^\s{0,80}\d{1,6}:\s|^\s{0,80}at \S|^\s{0,80}note: /m;

// Fields log shippers put the line in: docker `log`, journald `MESSAGE`, tracing `fields.message`.
const MESSAGE_KEYS = ['log', 'msg', 'message', 'MESSAGE', 'text', 'line', 'body', 'fields'];
const MAX_JSON_DEPTH = 8;

function collectRelevant(value: unknown, depth: number, out: string[]): void {
  if (depth > MAX_JSON_DEPTH) return;
  if (typeof value === 'string') {
    if (PANIC_TEXT.test(value)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectRelevant(v, depth + 1, out);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) collectRelevant(v, depth + 1, out);
  }
}

function messageField(value: unknown, depth: number): string | undefined {
  if (depth > MAX_JSON_DEPTH || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    const parts = value.map((v) => jsonText(v, depth + 1)).filter((v) => v !== undefined);
    return parts.length > 0 ? parts.join('\n') : undefined;
  }
  const record = value as Record<string, unknown>;
  for (const key of MESSAGE_KEYS) {
    const v = record[key];
    if (typeof v === 'string') return v;
    const nested = messageField(v, depth + 1);
    if (nested !== undefined) return nested;
  }
  return undefined;
}

/** The panic text a decoded JSON value carries, or its log message when it carries none. */
function jsonText(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return messageField(value, depth);
  const relevant: string[] = [];
  collectRelevant(value, depth, relevant);
  const text = relevant.length > 0 ? relevant.join('\n') : messageField(value, depth);
  // Docker's json-file driver keeps each line's own newline; it would add a blank line.
  return text?.replace(/\r?\n$/, '');
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

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

/**
 * A line that is not valid JSON (logfmt `msg="..."`, a truncated record) but carries a panic
 * with `\n` escapes: decode the quoted string around the panic, drop what follows it.
 */
function unescapeEmbedded(line: string): string {
  const anchor = line.indexOf('panicked');
  const at = anchor >= 0 ? anchor : line.indexOf('stack backtrace:');
  let open = line.lastIndexOf('"', at);
  while (open > 0 && isEscapedAt(line, open)) open = line.lastIndexOf('"', open - 1);
  if (open < 0) return unescapeJsonString(line);
  let close = line.indexOf('"', at);
  while (close >= 0 && isEscapedAt(line, close)) close = line.indexOf('"', close + 1);
  const end = close < 0 ? line.length : close;
  return line.slice(0, open) + unescapeJsonString(line.slice(open + 1, end));
}

function decodeJsonLine(line: string): string {
  const brace = line.indexOf('{');
  const trimmed = line.trimEnd();
  if (brace >= 0 && trimmed.endsWith('}')) {
    const value = tryJson(trimmed.slice(brace));
    if (value !== undefined) {
      const text = jsonText(value);
      if (text !== undefined) return text;
    }
  }
  if (line.includes('\\n') && (line.includes('panicked') || line.includes('stack backtrace:'))) {
    return unescapeEmbedded(line);
  }
  return line;
}

// Prefix patterns, tried repeatedly at the start of a line. Each consumes one separator only,
// so the indentation of `   0: symbol` and `      at file` survives.
const SEP = '(?:[ \\t]|$)';
const ISO_TIME = new RegExp(`\\[?\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?\\]?${SEP}`, 'y');
const SYSLOG_TIME = new RegExp(`[A-Z][a-z]{2}[ \\t]{1,2}\\d{1,2}[ \\t]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?${SEP}`, 'y');
const CLOCK = new RegExp(`\\[?\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?\\]?${SEP}`, 'y');
// `host proc[pid]: ` only right after a time, where syslog and journald put it; after an ISO
// time the `[pid]` is required, else `stack backtrace:` would pass for a host and a process.
const HOST_PROC = new RegExp(`[^\\s\\[\\]:]{1,253}[ \\t][^\\s\\[\\]:]{1,100}(?:\\[\\d{1,10}\\])?:${SEP}`, 'y');
const HOST_PROC_PID = new RegExp(`[^\\s\\[\\]:]{1,253}[ \\t][^\\s\\[\\]:]{1,100}\\[\\d{1,10}\\]:${SEP}`, 'y');
const LEVELS = 'ERROR|WARNING|WARN|INFO|DEBUG|TRACE|FATAL|CRITICAL|CRIT|ERR|PANIC';
const LEVEL_BRACKET = new RegExp(`[ \\t]{0,4}[\\[<](?:${LEVELS})[\\]>]:?${SEP}`, 'iy');
// Bare levels only in capitals: `Error: ...` is as likely to be the panic message itself.
const LEVEL_BARE = new RegExp(`[ \\t]{0,4}(?:${LEVELS}):?${SEP}`, 'y');
const LOGFMT = new RegExp(`(?:time|ts|timestamp|level|lvl|severity|target|module|caller|logger|pid|host|service|pod|container)=(?:"[^"\\n]{0,300}"|[^\\s"]{1,300})${SEP}`, 'y');
const PIPE = new RegExp(`[\\w.\\-/@]{1,100}[ \\t]{0,20}\\|${SEP}`, 'y');
const BRACKET = new RegExp(`\\[[^\\]\\n]{1,100}\\]${SEP}`, 'y');
// A logger's target (`market_maker: `) or logfmt's `msg="` is stripped only before the panic
// line itself; elsewhere it is indistinguishable from message text.
const BEFORE_PANIC = /(?:[a-z_][a-z0-9_]{0,60}(?:::[a-z0-9_]{1,60}){0,10}:[ \t]|(?:msg|message|log)="?)(?=thread ')/y;

const MAX_PREFIX_PARTS = 10;
const TIMES = [ISO_TIME, SYSLOG_TIME, CLOCK];

function matchAt(re: RegExp, line: string, pos: number): number {
  re.lastIndex = pos;
  return re.test(line) ? re.lastIndex : -1;
}

/** Where a line's payload starts after its log prefixes; 0 when it has none. */
export function prefixLength(line: string): number {
  let pos = 0;
  let levelSeen = false;
  let hostProc: RegExp | undefined;
  for (let parts = 0; parts < MAX_PREFIX_PARTS && pos < line.length; parts++) {
    let next = -1;
    let followedBy: RegExp | undefined;
    for (const re of TIMES) {
      next = matchAt(re, line, pos);
      if (next >= 0) {
        followedBy = re === SYSLOG_TIME ? HOST_PROC : HOST_PROC_PID;
        break;
      }
    }
    if (next < 0) next = matchAt(LEVEL_BRACKET, line, pos);
    if (next < 0 && !levelSeen) {
      next = matchAt(LEVEL_BARE, line, pos);
      if (next >= 0) levelSeen = true;
    }
    // After levels: `ERROR note:` must not pass for a host and a process name.
    if (next < 0 && hostProc) next = matchAt(hostProc, line, pos);
    if (next < 0) next = matchAt(LOGFMT, line, pos);
    if (next < 0) next = matchAt(PIPE, line, pos);
    if (next < 0) next = matchAt(BRACKET, line, pos);
    if (next < 0) next = matchAt(BEFORE_PANIC, line, pos);
    if (next <= pos) break;
    hostProc = followedBy;
    pos = next;
  }
  return pos;
}

function stripPrefixes(lines: string[]): string[] {
  const lengths = lines.map(prefixLength);
  let nonBlank = 0;
  let prefixed = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    nonBlank++;
    if (lengths[i] > 0) prefixed++;
  }
  // When most lines carry a prefix the log is uniformly wrapped and every prefix goes; otherwise
  // only lines whose payload is panic text lose theirs, so a message starting `[x]` stays whole.
  const uniform = prefixed * 2 > nonBlank;
  return lines.map((line, i) => {
    const n = lengths[i];
    if (n === 0) return line;
    const rest = line.slice(n);
    return uniform || PANIC_TEXT.test(rest) ? rest : line;
  });
}

export function normalizePaste(input: string): string {
  let text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(ANSI, '').replace(/\u00a0/g, ' ');
  const trimmed = text.trim();
  if (/^[{["]/.test(trimmed)) {
    const value = tryJson(trimmed);
    const decoded = value === undefined ? undefined : jsonText(value);
    if (decoded !== undefined) text = decoded.replace(/\r\n?/g, '\n');
  }
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const decoded = decodeJsonLine(line);
    if (decoded === line) lines.push(line);
    else for (const part of decoded.replace(/\r\n?/g, '\n').split('\n')) lines.push(part);
  }
  return stripPrefixes(lines).join('\n');
}
