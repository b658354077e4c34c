/**
 * Find the panics (and their backtraces) in a pasted log. Works line by line with anchored,
 * bounded regexes so that a hostile or huge paste costs linear time.
 */
import { cleanSymbol, highestAppFrame, isInApp } from './frames.ts';
import { normalizePaste } from './normalize/index.ts';
import {
  AT,
  BACKTRACE_HEADER,
  FRAME,
  LEGACY_MESSAGE_END,
  NOTE,
  PANICKED,
  THREAD_HEAD,
  THREAD_OPEN,
} from './grammar.ts';
import { parseSourceRef } from './source-ref.ts';

export interface SourcePos {
  file: string;
  line: number;
  column?: number;
}
export interface ParsedFrame {
  index: number;
  symbol: string;
  raw: string;
  location?: SourcePos;
  inApp: boolean;
}
export interface ParsedPanic {
  thread: string;
  threadId?: number;
  location?: SourcePos;
  message: string;
  format: 'modern' | 'legacy';
  frames: ParsedFrame[];
  highestAppFrame?: ParsedFrame;
  secondary: boolean;
  start: number;
}
export interface ParsedPaste {
  text: string;
  panics: ParsedPanic[];
  looseFrames: ParsedFrame[];
}

// A multi-line message is capped so that a panic without a trailing `note:` in a long log
// does not swallow the rest of the log.
const MAX_MESSAGE_LINES = 200;
// How far a legacy `'MESSAGE', FILE:LINE:COL` may spread over lines when MESSAGE has newlines.
const MAX_LEGACY_LINES = 50;
// Real pastes hold a handful of panics; past this the paste is noise and only costs time.
export const MAX_PANICS = 1000;

export interface PanicHead {
  thread: string;
  threadId?: number;
  rest: string;
  offset: number;
}

export function readHead(line: string): PanicHead | undefined {
  const at = line.indexOf(PANICKED);
  if (at < 0) return undefined;
  const start = line.lastIndexOf(THREAD_OPEN, at);
  if (start < 0) return undefined;
  const m = THREAD_HEAD.exec(line.slice(start, at));
  if (!m) return undefined;
  return {
    thread: m[1],
    threadId: m[2] === undefined ? undefined : Number(m[2]),
    rest: line.slice(at + PANICKED.length),
    offset: start,
  };
}

function sourcePos(text: string): { pos: SourcePos; rawFile: string } | undefined {
  const ref = parseSourceRef(text);
  if (!ref || ref.line === undefined) return undefined;
  const pos: SourcePos = { file: ref.file, line: ref.line };
  if (ref.column !== undefined) pos.column = ref.column;
  return { pos, rawFile: ref.raw };
}

/** `'MESSAGE', FILE:LINE:COL` with MESSAGE possibly holding quotes and commas: the last `', ` wins. */
function splitLegacy(text: string): { message: string; location: SourcePos } | undefined {
  const cut = text.lastIndexOf(LEGACY_MESSAGE_END);
  if (cut < 0) return undefined;
  const loc = sourcePos(text.slice(cut + LEGACY_MESSAGE_END.length));
  return loc && { message: text.slice(0, cut), location: loc.pos };
}

function readFrame(line: string): ParsedFrame | undefined {
  const m = FRAME.exec(line);
  if (!m) return undefined;
  const symbol = cleanSymbol(m[2]);
  return { index: Number(m[1]), symbol, raw: line.trim(), inApp: isInApp(symbol) };
}

function attachLocation(frame: ParsedFrame, line: string): boolean {
  const at = AT.exec(line);
  const where = at ? sourcePos(line.slice(at[0].length)) : undefined;
  if (!where) return false;
  frame.location = where.pos;
  frame.inApp = isInApp(frame.symbol, where.rawFile);
  return true;
}

/**
 * The backtrace in lines[from, to): frames must count up by one from the first, which keeps
 * numbered log lines (`1: retrying`) elsewhere in a long log out of it.
 */
function readFrames(lines: string[], from: number, to: number): ParsedFrame[] {
  const frames: ParsedFrame[] = [];
  let last: ParsedFrame | undefined;
  for (let i = from; i < to; i++) {
    const line = lines[i];
    const frame = readFrame(line);
    const expected = frames.length === 0 ? undefined : frames[frames.length - 1].index + 1;
    if (frame && (expected === undefined || frame.index === expected)) {
      frames.push(frame);
      last = frame;
      continue;
    }
    if (last && last.location === undefined && attachLocation(last, line)) continue;
    last = undefined;
  }
  return frames;
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

/**
 * Index of the line after the message that starts at `from`. `nextFilled[i]` is the first line at or after `i`
 * that is not blank, computed once per paste: a run of blank lines is not read again for every line of it.
 */
function messageEnd(lines: string[], from: number, heads: (PanicHead | undefined)[], nextFilled: Int32Array): number {
  const limit = Math.min(lines.length, from + MAX_MESSAGE_LINES);
  for (let i = from; i < limit; i++) {
    const line = lines[i];
    if (NOTE.test(line) || BACKTRACE_HEADER.test(line) || heads[i]) return i;
    if (isBlank(line)) {
      const j = nextFilled[i]!;
      if (j >= lines.length || heads[j]) return i;
    }
  }
  return limit;
}

function nextFilledLines(lines: string[]): Int32Array {
  const next = new Int32Array(lines.length + 1);
  next[lines.length] = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) next[i] = isBlank(lines[i]!) ? next[i + 1]! : i;
  return next;
}

function joinMessage(lines: string[]): string {
  const kept = lines.map((l) => l.trimEnd());
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return kept.join('\n');
}

export function parsePaste(input: string): ParsedPaste {
  const text = normalizePaste(input);
  const lines = text.split('\n');
  const offsets: number[] = [];
  let offset = 0;
  for (const line of lines) {
    offsets.push(offset);
    offset += line.length + 1;
  }
  const heads = lines.map(readHead);
  const headLines: number[] = [];
  for (let i = 0; i < lines.length && headLines.length < MAX_PANICS; i++) if (heads[i]) headLines.push(i);

  const panics: ParsedPanic[] = [];
  let nextFilled: Int32Array | undefined;
  for (let k = 0; k < headLines.length; k++) {
    const i = headLines[k];
    const head = heads[i]!;
    const next = k + 1 < headLines.length ? headLines[k + 1] : lines.length;
    let message: string;
    let location: SourcePos | undefined;
    let format: ParsedPanic['format'];
    let bodyStart: number;

    if (head.rest.startsWith("'")) {
      format = 'legacy';
      let legacy: ReturnType<typeof splitLegacy>;
      let j = i;
      let joined = head.rest.slice(1);
      for (; j < Math.min(next, i + MAX_LEGACY_LINES); j++) {
        if (j > i) joined += '\n' + lines[j];
        legacy = splitLegacy(joined.trimEnd());
        if (legacy) break;
      }
      if (legacy) {
        message = legacy.message;
        location = legacy.location;
        bodyStart = j + 1;
      } else {
        // No location found: keep the first line as the message rather than drop the panic.
        message = head.rest.slice(1).trimEnd();
        bodyStart = i + 1;
      }
    } else {
      format = 'modern';
      location = sourcePos(head.rest.trim().replace(/:$/, ''))?.pos;
      const end = messageEnd(lines, i + 1, heads, (nextFilled ??= nextFilledLines(lines)));
      message = joinMessage(lines.slice(i + 1, Math.min(end, next)));
      bodyStart = end;
    }

    const frames = readFrames(lines, Math.min(bodyStart, next), next);
    const panic: ParsedPanic = {
      thread: head.thread,
      message,
      format,
      frames,
      secondary: message.includes('PoisonError'),
      start: offsets[i] + head.offset,
    };
    if (head.threadId !== undefined) panic.threadId = head.threadId;
    if (location) panic.location = location;
    const top = highestAppFrame(frames);
    if (top) panic.highestAppFrame = top;
    panics.push(panic);
  }

  const looseFrames = panics.length === 0 ? readFrames(lines, 0, lines.length) : [];
  return { text, panics, looseFrames };
}
