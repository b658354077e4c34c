/**
 * Undo what log collectors wrap around a panic: CRLF, ANSI colours, JSON records with `\n`
 * escapes, and per-line prefixes (timestamps, syslog headers, levels, `svc | `).
 * Every regex here is anchored (sticky) with bounded quantifiers: pastes are untrusted and
 * can be megabytes long.
 */

import { formatSourcePos } from '../model/anchor.ts';
import { reportsAsPanics } from './report-formats.ts';

const ANSI = /\x1b\[[0-9;?]{0,32}[ -/]{0,4}[@-~]/g;

// Text a panic or its backtrace is made of; decides which JSON field holds the panic, and
// which lines may be stripped when most of the paste carries no prefix.
const PANIC_TEXT = / panicked at |^\s{0,80}stack backtrace:|^\s{0,80}\d{1,6}:\s|^\s{0,80}at \S|^\s{0,80}note: /m;

// Fields log shippers put the line in: docker `log`, journald `MESSAGE`, tracing `fields.message`.
// `exception.values[].value` is where Sentry keeps a panic's message; `cause` is human-panic's.
const MESSAGE_KEYS = ['log', 'msg', 'message', 'MESSAGE', 'text', 'line', 'body', 'fields', 'formatted', 'exception', 'values', 'value', 'cause', 'error'];
const MAX_JSON_DEPTH = 8;

function collectRelevant(value: unknown, depth: number, out: string[]): void {
  if (depth > MAX_JSON_DEPTH) return;
  if (typeof value === 'string') {
    const nested = nestedJson(value, depth);
    if (nested !== undefined) collectRelevant(nested, depth + 1, out);
    else if (PANIC_TEXT.test(value)) out.push(value);
  } else if (Array.isArray(value)) {
    if (isFrameList(value)) out.push(renderFrames(value));
    else for (const v of value) collectRelevant(v, depth + 1, out);
  } else if (value !== null && typeof value === 'object') {
    const where = sourcePair(value as Record<string, unknown>);
    if (where) out.push(where);
    for (const [k, v] of Object.entries(value)) {
      // tracing-panic and log-panics name their fields `panic.payload`, `panic.location`: the panic, whatever it says.
      if (typeof v === 'string' && PANIC_FIELD.test(k)) out.push(LOCATION_FIELD.test(k) && /\.rs:\d/.test(v) ? `panic location: ${v}` : v);
      else collectRelevant(v, depth + 1, out);
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

const FILE_KEYS = ['panic.file', 'file', 'filename', 'abs_path', 'location.file', 'code.filepath', 'src_file', 'source_file'];
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
  return 'panic.file' in record || 'location.file' in record ? `panic location: ${where}` : `      at ${where}`;
}

const isFrameList = (list: unknown[]): boolean =>
  list.length > 0 && list.every((f) => f !== null && typeof f === 'object' && !Array.isArray(f) && (pick(f as Record<string, unknown>, FUNCTION_KEYS) !== undefined || pick(f as Record<string, unknown>, FILE_KEYS) !== undefined));

/**
 * Stack frames as JSON (Sentry's event: oldest first, `function`, `filename`, `lineno`, `in_app`), written as
 * `RUST_BACKTRACE=1` writes them, newest first, so that the backtrace reader takes them as they are.
 */
function renderFrames(frames: unknown[]): string {
  const records = frames as Record<string, unknown>[];
  const oldestFirst = records.length > 1 && isMain(records[0]!) && !isMain(records.at(-1)!);
  const ordered = oldestFirst || records.some((r) => 'in_app' in r) ? [...records].reverse() : records;
  const lines = ['stack backtrace:'];
  ordered.forEach((r, i) => {
    const fn = pick(r, FUNCTION_KEYS);
    lines.push(`  ${i}: ${typeof fn === 'string' ? fn : '<unknown>'}`);
    const at = sourcePair(r);
    if (at) lines.push(at.replace(/^panic location: /, '      at '));
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
  // Locations and frames alone (a Sentry event) leave the message in a field of its own: keep it above them.
  const panicText = relevant.some((r) => PANIC_TEXT.test(r) && !r.startsWith('stack backtrace:') && !/^\s*at /.test(r) && !r.startsWith('panic location:'));
  const message = panicText ? undefined : messageField(value, depth);
  const parts = message !== undefined && !relevant.includes(message) ? [message, ...relevant] : relevant;
  const text = parts.length > 0 ? parts.join('\n') : undefined;
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
  const logfmt = logfmtText(line);
  if (logfmt !== undefined) return logfmt;
  if (line.includes('\\n') && (line.includes('panicked') || line.includes('stack backtrace:'))) {
    return unescapeEmbedded(line);
  }
  return line;
}

// logfmt (`time=… level=error msg="…" panic.file=src/x.rs panic.line=242`): a record is at least two `key=value`
// pairs; its message is in `msg`, `message` or `log`, quoted, with Go's escapes.
const LOGFMT_PAIR = /(?:^|\s)[\w.-]{1,60}=(?:"(?:[^"\\\n]|\\.){0,20000}"|[^\s"]{0,2000})/g;
const LOGFMT_MESSAGE = /(?:^|\s)(?:msg|message|log)="((?:[^"\\\n]|\\.){0,20000})"/;
// Not `caller=`: that is where the logger was called, not where the panic was.
const LOGFMT_FILE = /(?:^|\s)(?:panic\.)?(?:file|filename)=("?)([^\s"]{1,500}\.rs)(?::(\d{1,9}))?\1/;
const LOGFMT_LINE = /(?:^|\s)(?:panic\.)?line=(\d{1,9})/;

/** A logfmt record's message (and its source location, when it has fields for one), or undefined. */
function logfmtText(line: string): string | undefined {
  if (!line.includes('=') || !LOGFMT_MESSAGE.test(line)) return undefined;
  let pairs = 0;
  LOGFMT_PAIR.lastIndex = 0;
  while (pairs < 2 && LOGFMT_PAIR.exec(line)) pairs++;
  if (pairs < 2) return undefined;
  const message = unescapeJsonString(LOGFMT_MESSAGE.exec(line)![1]!);
  const file = LOGFMT_FILE.exec(line);
  const lineNo = file?.[3] ?? LOGFMT_LINE.exec(line)?.[1];
  return file && lineNo && line.includes('panic') ? `${message}\npanic location: ${file[2]}:${lineNo}` : message;
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
// Loki's label set after the time (`{app="mm", pod="…"}`); GitHub Actions' `##[error]`.
const LABELS = new RegExp(`\\{[^{}\\n]{0,500}\\}${SEP}`, 'y');
const WORKFLOW_COMMAND = new RegExp(`##\\[[a-z]{1,20}\\]`, 'y');
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
    if (next < 0 && parts > 0) next = matchAt(LABELS, line, pos);
    if (next < 0) next = matchAt(WORKFLOW_COMMAND, line, pos);
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

// Chat tools and word processors: curly quotes for straight ones, invisible joiners, non-breaking spaces.
const TYPOGRAPHY: Record<string, string> = { '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201c': '"', '\u201d': '"', '\u00a0': ' ', '\u202f': ' ', '\u200b': '', '\u200c': '', '\u200d': '', '\u2060': '' };
const TYPOGRAPHY_RE = /[\u2018\u2019\u201a\u201c\u201d\u00a0\u202f\u200b\u200c\u200d\u2060]/g;
// `[handlers.rs:242](http://handlers.rs:242/)`: chat tools turn every `name.rs:N` into a link to a host `name.rs`.
const MARKDOWN_LINK = /\[([^[\]\n]{1,300})\]\((?:https?:\/\/|mailto:)[^()\s]{0,500}\)/g;
// Slack's own link markup, `<http://spread_oracle.rs:88|spread_oracle.rs:88>`, as its exports and API give it.
const SLACK_LINK = /<(?:https?:\/\/|mailto:)[^<>|\s]{0,500}\|([^<>\n]{1,300})>/g;
// A paste copied out of HTML source (a chat export, a web log viewer): `&gt;`, `&#47;` for `/`.
const ENTITY = /&(?:(lt|gt|amp|quot|apos|nbsp)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };
const decodeEntity = (m: string, name?: string, dec?: string, hex?: string): string => {
  if (name) return NAMED_ENTITIES[name] ?? m;
  const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
};

/** Undo what a chat tool, an editor or a terminal did to the characters. */
export function cleanCharacters(input: string): string {
  return input
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    // Runs of empty lines say no more than two of them do; a megabyte of them would cost every pass a megabyte.
    .replace(/\n{4,}/g, '\n\n\n')
    .replace(ANSI, '')
    .replace(TYPOGRAPHY_RE, (c) => TYPOGRAPHY[c] ?? c)
    .replace(MARKDOWN_LINK, '$1')
    .replace(SLACK_LINK, '$1')
    .replace(ENTITY, decodeEntity);
}

/**
 * Top-level JSON values written one after another (`journalctl -o json-pretty`, a few records copied from a log
 * viewer): where each ends, found in one pass that tracks strings and nesting. Undefined when the text is not that.
 */
function splitJsonValues(text: string): unknown[] | undefined {
  const values: unknown[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth < 0) return undefined;
      if (depth === 0) {
        const value = tryJson(text.slice(start, i + 1));
        if (value === undefined) return undefined;
        values.push(value);
      }
    } else if (depth === 0 && !/\s|,/.test(c!)) return undefined;
  }
  return depth === 0 && values.length > 0 ? values : undefined;
}

// A CRI log file line (containerd, CRI-O): time, stream, `F` full or `P` partial, then the text.
const CRI = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})) (?:stdout|stderr) ([FP]) ?(.*)$/;

/** CRI partial lines (`P`) continue on the next record: join them, as `kubectl logs` would have printed them. */
function joinCriPartials(lines: string[]): string[] {
  if (!lines.some((l) => l.includes(' stderr ') || l.includes(' stdout '))) return lines;
  const out: string[] = [];
  let pending: string | undefined;
  for (const line of lines) {
    const m = CRI.exec(line);
    if (!m) {
      if (pending !== undefined) out.push(pending);
      pending = undefined;
      out.push(line);
      continue;
    }
    const text = (pending ?? `${m[1]} `) + m[3];
    if (m[2] === 'P') pending = text;
    else {
      out.push(text);
      pending = undefined;
    }
  }
  if (pending !== undefined) out.push(pending);
  return out;
}

// A table row of a log viewer (CloudWatch Logs Insights, a markdown table): `| 2026-… | message |`.
const TABLE_ROW = /^\s{0,20}\|(.*)\|\s{0,20}$/;
const TABLE_RULE = /^[\s|:+-]*$/;

/** The last cell of a table row is the log message; the cells before it are its time and fields. */
function tableCells(lines: string[]): string[] {
  if (!lines.some((l) => l.includes('|'))) return lines;
  const rows = lines.filter((l) => TABLE_ROW.test(l)).length;
  if (rows * 2 < lines.filter((l) => l.trim() !== '').length) return lines;
  return lines.flatMap((line) => {
    const m = TABLE_ROW.exec(line);
    if (!m) return [line];
    if (TABLE_RULE.test(line)) return [];
    const cells = m[1]!.split(' | ');
    const last = cells.at(-1)!.trim();
    const time = cells.length > 1 ? cells[0]!.trim() : '';
    return [time && /^\d{4}-\d{2}-\d{2}/.test(time) ? `${time} ${last}` : last];
  });
}

// The time at the start of a line, as a sortable string: ISO 8601 and `YYYY-MM-DD HH:MM:SS`.
const LEADING_TIME = /^\[?(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?)/;

/**
 * Log viewers that print newest first (Loki's logcli, CloudWatch, Grafana): when the lines' own times only go
 * down, the log is read upside down and is turned the right way up, so that a panic's message follows its line.
 */
function oldestFirst(lines: string[]): string[] {
  let previous: string | undefined;
  let down = 0;
  let up = 0;
  for (const line of lines) {
    const m = LEADING_TIME.exec(line);
    if (!m) continue;
    const t = `${m[1]} ${m[2]!.replace(',', '.')}`;
    if (previous !== undefined) {
      if (t < previous) down++;
      else if (t > previous) up++;
    }
    previous = t;
  }
  return down > 0 && up === 0 ? [...lines].reverse() : lines;
}

// A panic whose newlines were lost (an issue title, a chat preview, a log viewer's one-line view): the line breaks
// go back where Rust wrote them — after the location, before `note:` and `stack backtrace:`, before each frame.
const JOINED_HEAD = /( panicked at [^\s'"]{1,500}?\.rs:\d{1,9}(?::\d{1,9})?):[ \t]+(?=\S)/g;
const JOINED_BREAKS = /[ \t]{1,4}(?=note: run with `?RUST_BACKTRACE|note: Some details are omitted|stack backtrace:)/g;
const JOINED_FRAME = /[ \t]{1,4}(?=\d{1,4}: (?:0x[0-9a-f]{1,16} - )?[\w<_$][^\s]{0,300}(?:[ \t]|$))/g;
const JOINED_AT = /[ \t]{1,4}(?=at (?:[A-Za-z]:)?[./\\\w-]{0,400}\.rs:\d)/g;

const MAX_JOINED_FRAMES = 1000;
const MAX_JOINED_TRACE = 256 * 1024;

function splitJoined(line: string): string[] {
  if (!line.includes(' panicked at ') && !line.includes('stack backtrace:')) return [line];
  let text = line.replace(JOINED_HEAD, '$1:\n').replace(JOINED_BREAKS, '\n');
  if (text.includes('stack backtrace:')) {
    const cut = text.indexOf('stack backtrace:');
    // A backtrace has tens of frames, `full` a few hundred: past that the line is not one, and is left as it is.
    let frames = 0;
    const trace = text.slice(cut, cut + MAX_JOINED_TRACE).replace(JOINED_FRAME, (m) => (++frames > MAX_JOINED_FRAMES ? m : '\n  '));
    text = text.slice(0, cut) + trace.replace(JOINED_AT, '\n      ') + text.slice(cut + MAX_JOINED_TRACE);
  }
  return text.split('\n');
}

const MIN_WRAP = 40;

/**
 * A paste hard-wrapped at a fixed width (a terminal, an email client, a ticket field): most long lines have the same
 * length, and a line of that length continues on the next. Joined back so that `s` + `rc/…/kill_switch.rs:563:33`
 * and `Poi` + `sonError` are read whole.
 */
function unwrapHardWraps(lines: string[]): string[] {
  const counts = new Map<number, number>();
  let longest = 0;
  for (const l of lines) {
    longest = Math.max(longest, l.length);
    if (l.length >= MIN_WRAP) counts.set(l.length, (counts.get(l.length) ?? 0) + 1);
  }
  // Wrapped text: no line is longer than the width, and at least two end exactly at it.
  if ((counts.get(longest) ?? 0) < 2) return lines;
  const cutMidWord = (i: number) => {
    const line = lines[i]!;
    const next = lines[i + 1];
    return line.length === longest && next !== undefined && next !== '' && !/\s/.test(line.at(-1)!) && !/^\s/.test(next);
  };
  const out: string[] = [];
  let joined = '';
  for (let i = 0; i < lines.length; i++) {
    joined += lines[i];
    if (cutMidWord(i)) continue;
    out.push(joined);
    joined = '';
  }
  return out;
}

export function normalizePaste(input: string): string {
  let text = cleanCharacters(input);
  const trimmed = text.trim();
  if (/^[{["]/.test(trimmed)) {
    const value = tryJson(trimmed);
    const values = value === undefined ? splitJsonValues(trimmed) : [value];
    const decoded = values?.map((v) => jsonText(v)).filter((t) => t !== undefined);
    if (decoded && decoded.length > 0) text = cleanCharacters(decoded.join('\n'));
  }
  const lines: string[] = [];
  for (const line of tableCells(joinCriPartials(unwrapHardWraps(text.split('\n'))))) {
    const decoded = decodeJsonLine(line);
    if (decoded === line) lines.push(line);
    else for (const part of cleanCharacters(decoded).split('\n')) lines.push(part);
  }
  const out: string[] = [];
  for (const line of stripPrefixes(oldestFirst(lines))) {
    // One push per line: a collapsed megabyte-long line may split into more parts than a call takes arguments.
    if (line.includes(' panicked at ') || line.includes('stack backtrace:')) for (const part of splitJoined(line)) out.push(part);
    else out.push(line);
  }
  const reports = reportsAsPanics(out);
  return (reports.length > 0 ? [...out, '', ...reports] : out).join('\n');
}
