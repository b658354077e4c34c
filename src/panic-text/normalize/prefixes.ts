/**
 * Per-line log prefixes: timestamps, syslog headers, levels, logfmt fields, `svc | `, `[x]`, a logger's target
 * before the panic line. Each pattern is sticky with bounded quantifiers and consumes one separator only, so the
 * indentation of `   0: symbol` and `      at file` survives.
 */
import { BEFORE_HEAD, CLOCK, ISO_TIME, LEVELS, PANIC_TEXT, SYSLOG_TIME } from '../grammar.ts';
import type { Stage } from './stage.ts';

const SEP = '(?:[ \\t]|$)';
const ISO_PREFIX = new RegExp(`\\[?${ISO_TIME.source}\\]?${SEP}`, 'y');
const SYSLOG_PREFIX = new RegExp(`${SYSLOG_TIME.source}${SEP}`, 'y');
const CLOCK_PREFIX = new RegExp(`\\[?${CLOCK.source}\\]?${SEP}`, 'y');
// `host proc[pid]: ` only right after a time, where syslog and journald put it; after an ISO
// time the `[pid]` is required, else `stack backtrace:` would pass for a host and a process.
const HOST_PROC = new RegExp(`[^\\s\\[\\]:]{1,253}[ \\t][^\\s\\[\\]:]{1,100}(?:\\[\\d{1,10}\\])?:${SEP}`, 'y');
const HOST_PROC_PID = new RegExp(`[^\\s\\[\\]:]{1,253}[ \\t][^\\s\\[\\]:]{1,100}\\[\\d{1,10}\\]:${SEP}`, 'y');
const LEVEL_BRACKET = new RegExp(`[ \\t]{0,4}[\\[<](?:${LEVELS})[\\]>]:?${SEP}`, 'iy');
// Bare levels only in capitals: `Error: ...` is as likely to be the panic message itself.
const LEVEL_BARE = new RegExp(`[ \\t]{0,4}(?:${LEVELS}):?${SEP}`, 'y');
const LOGFMT_KEYS = 'time|ts|timestamp|level|lvl|severity|target|module|caller|logger|pid|host|service|pod|container';
const LOGFMT = new RegExp(`(?:${LOGFMT_KEYS})=(?:"[^"\\n]{0,300}"|[^\\s"]{1,300})${SEP}`, 'y');
const PIPE = new RegExp(`[\\w.\\-/@]{1,100}[ \\t]{0,20}\\|${SEP}`, 'y');
const BRACKET = new RegExp(`\\[[^\\]\\n]{1,100}\\]${SEP}`, 'y');
// Loki's label set after the time (`{app="mm", pod="…"}`); GitHub Actions' `##[error]`.
const LABELS = new RegExp(`\\{[^{}\\n]{0,500}\\}${SEP}`, 'y');
const WORKFLOW_COMMAND = new RegExp(`##\\[[a-z]{1,20}\\]`, 'y');

const MAX_PREFIX_PARTS = 10;

/**
 * A prefix pattern and the ASCII characters its match can start with: most positions a line is tried at (where its
 * payload starts, after the last prefix) rule out all but a few patterns by their first character, without a regex.
 * A character outside ASCII is tried against every pattern. Each character's answer is learned the first time it
 * is asked: filling the whole table at load ran every first-character pattern 128 times on every page load.
 */
export interface PrefixPart {
  re: RegExp;
  first: RegExp;
  /** By character code: 0 not yet asked, 1 may start a match, 2 cannot. */
  starts: Uint8Array;
}

const initials = (alternatives: string) => [...new Set(alternatives.split('|').map((w) => w[0]))].join('');

const part = (re: RegExp, first: RegExp): PrefixPart => ({ re, first, starts: new Uint8Array(128) });

/** Whether a match of the part can start with this character; any character outside ASCII can. */
export function mayStart(part: PrefixPart, c: number): boolean {
  if (c >= 128) return true;
  let known = part.starts[c]!;
  if (known === 0) known = part.starts[c] = part.first.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1;
}

export const PREFIX_PARTS = {
  iso: part(ISO_PREFIX, /[[\d]/),
  syslog: part(SYSLOG_PREFIX, /[A-Z]/),
  clock: part(CLOCK_PREFIX, /[[\d]/),
  hostProc: part(HOST_PROC, /[^\s[\]:]/),
  hostProcPid: part(HOST_PROC_PID, /[^\s[\]:]/),
  levelBracket: part(LEVEL_BRACKET, /[ \t[<]/),
  levelBare: part(LEVEL_BARE, new RegExp(`[ \\t${initials(LEVELS)}]`)),
  logfmt: part(LOGFMT, new RegExp(`[${initials(LOGFMT_KEYS)}]`)),
  pipe: part(PIPE, /[\w.\-/@]/),
  bracket: part(BRACKET, /\[/),
  labels: part(LABELS, /\{/),
  workflowCommand: part(WORKFLOW_COMMAND, /#/),
  beforeHead: part(BEFORE_HEAD, /[a-z_]/),
};
const P = PREFIX_PARTS;
const TIMES = [P.iso, P.syslog, P.clock];

function matchAt(part: PrefixPart, line: string, pos: number): number {
  if (!mayStart(part, line.charCodeAt(pos))) return -1;
  const { re } = part;
  re.lastIndex = pos;
  return re.test(line) ? re.lastIndex : -1;
}

/** Where a line's payload starts after its log prefixes; 0 when it has none. */
export function prefixLength(line: string): number {
  let pos = 0;
  let levelSeen = false;
  let hostProc: PrefixPart | undefined;
  for (let parts = 0; parts < MAX_PREFIX_PARTS && pos < line.length; parts++) {
    let next = -1;
    let followedBy: PrefixPart | undefined;
    for (const time of TIMES) {
      next = matchAt(time, line, pos);
      if (next >= 0) {
        followedBy = time === P.syslog ? P.hostProc : P.hostProcPid;
        break;
      }
    }
    if (next < 0) next = matchAt(P.levelBracket, line, pos);
    if (next < 0 && !levelSeen) {
      next = matchAt(P.levelBare, line, pos);
      if (next >= 0) levelSeen = true;
    }
    // After levels: `ERROR note:` must not pass for a host and a process name.
    if (next < 0 && hostProc) next = matchAt(hostProc, line, pos);
    if (next < 0) next = matchAt(P.logfmt, line, pos);
    if (next < 0) next = matchAt(P.pipe, line, pos);
    if (next < 0) next = matchAt(P.bracket, line, pos);
    if (next < 0 && parts > 0) next = matchAt(P.labels, line, pos);
    if (next < 0) next = matchAt(P.workflowCommand, line, pos);
    if (next < 0) next = matchAt(P.beforeHead, line, pos);
    if (next <= pos) break;
    hostProc = followedBy;
    pos = next;
  }
  return pos;
}

export const linePrefixes: Stage = {
  name: 'line prefixes',
  run(lines) {
    const lengths = lines.map(prefixLength);
    let nonBlank = 0;
    let prefixed = 0;
    for (let i = 0; i < lines.length; i++) {
      if (lines[i]!.trim() === '') continue;
      nonBlank++;
      if (lengths[i]! > 0) prefixed++;
    }
    // When most lines carry a prefix the log is uniformly wrapped and every prefix goes; otherwise
    // only lines whose payload is panic text lose theirs, so a message starting `[x]` stays whole.
    const uniform = prefixed * 2 > nonBlank;
    return lines.map((line, i) => {
      const n = lengths[i]!;
      if (n === 0) return line;
      const rest = line.slice(n);
      return uniform || PANIC_TEXT.test(rest) ? rest : line;
    });
  },
};
