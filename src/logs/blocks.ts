/**
 * Cuts a log into panic blocks: from a line where a panic starts (`thread '…' panicked at`, under any log prefix or
 * inside a JSON or logfmt record) through its message, backtrace and closing `note:`, in the wrapper the head line
 * came in. Lines of other streams in between (the application's own log records) are left out; too many of them in
 * a row, a line of the same stream that is no part of a panic, a blank line or the next panic end the block.
 * Blocks are bounded in lines and characters, so a log that never closes a panic costs no more than one that does.
 */
import { LOCATION_ONLY, PANICKED, PANICKED_BYTES, THREAD_ID_PANICKED } from '../panic-text/grammar.ts';
import { readHead } from '../panic-text/parse-paste.ts';
import type { LineSink } from './line-reader.ts';
import { type LineView, LineViews, markerOf } from './line-view.ts';
import { rawRecordTime, RECORD_TIME_KEYS, timeOf } from './timestamp.ts';

/** Every panic head holds this; the line reader hands over only lines holding it outside a block. */
export const PANIC_NEEDLE = PANICKED;
/** The texts one of which every panic head line holds: the head as text, or as journald's array of its bytes. */
export const PANIC_NEEDLES = [PANICKED, PANICKED_BYTES] as const;

export interface PanicBlock {
  /** The block's lines as the log wrote them, wrapper included. */
  text: string;
  /** 1-based line number of the head line. */
  line: number;
  /** The head line's own time, when it carries one. */
  time: string | undefined;
  /**
   * What the block says without its times: each line's wrapper shape and payload, and whether its times go up or
   * down. Blocks with the same key read the same (a crash loop prints one panic thousands of times, each with its own
   * timestamps), so the triage reads a key once. Undefined for a block too large to remember.
   */
  key: string | undefined;
  /** The thread id of the head line (`thread 'main' (5123) panicked`), left out of the key: each run has its own. */
  threadId: number | undefined;
}

/** Blocks whose key would be longer are read every time: remembered keys stay small. */
export const MAX_KEY_CHARS = 16 * 1024;

export const BLOCK_LIMITS = {
  /** Message lines after the head (Rust prints multi-line messages, e.g. `{:#?}` of a config). */
  messageLines: 60,
  /** A `RUST_BACKTRACE=full` of a deep async stack is a few hundred lines. */
  lines: 800,
  chars: 512 * 1024,
  /** Lines of other streams tolerated in a row inside a block. */
  foreignLines: 8,
} as const;

type Phase = 'message' | 'frames';

// A modern head ends with its location (`src/x.rs:43:5:`), the message following on the next lines; anything more on
// the head's own text (a legacy `'msg', file`, a JSON record holding the whole panic, a logfmt `\n`) means the
// message is already there: LOCATION_ONLY tells them apart.

interface Open {
  lines: string[];
  threadId: number | undefined;
  /** The block's key so far; undefined once it outgrew MAX_KEY_CHARS. */
  key: string | undefined;
  /** The latest time a line of the block carried (its prefix, or its record's time), to note whether times go up or down. */
  lastTime: string | number | undefined;
  chars: number;
  line: number;
  time: string | undefined;
  shape: string;
  phase: Phase;
  messageLines: number;
  foreign: number;
}

export class BlockCollector implements LineSink {
  private open: Open | undefined;
  private readonly views = new LineViews();
  private readonly onBlock: (block: PanicBlock) => void;

  constructor(onBlock: (block: PanicBlock) => void) {
    this.onBlock = onBlock;
  }

  get wantsEveryLine(): boolean {
    return this.open !== undefined;
  }

  line(text: string, lineNo: number): void {
    const view = PANIC_NEEDLES.some((n) => text.includes(n)) ? this.views.of(text) : undefined;
    const head = view && headOf(text, view);
    if (head) {
      this.close();
      const time = timeOf(text, view);
      this.open = {
        lines: [text],
        threadId: head.threadId,
        key: keyPart('', text, view, head.threadId !== undefined),
        lastTime: view.record ? rawRecordTime(view.record) : text.slice(0, view.prefixEnd),
        chars: text.length,
        line: lineNo,
        time,
        shape: view.shape,
        phase: head.selfContained ? 'frames' : 'message',
        messageLines: 0,
        foreign: 0,
      };
      return;
    }
    const block = this.open;
    if (!block) return;
    const v = view ?? this.views.of(text);
    if (v.shape !== block.shape) {
      if (++block.foreign > BLOCK_LIMITS.foreignLines) this.close();
      return;
    }
    block.foreign = 0;
    const marker = markerOf(v);
    if (marker === 'blank') return this.close();
    if (marker === 'text') {
      if (block.phase === 'frames' || ++block.messageLines > BLOCK_LIMITS.messageLines) return this.close();
    }
    if (block.lines.length >= BLOCK_LIMITS.lines || block.chars + text.length > BLOCK_LIMITS.chars) return this.close();
    block.lines.push(text);
    block.chars += text.length + 1;
    if (block.key !== undefined) {
      // Lines of one shape hold their times at the same places: their prefixes compare as their times do.
      const time = v.record ? rawRecordTime(v.record) : text.slice(0, v.prefixEnd);
      const last = block.lastTime;
      const order = time === undefined || last === undefined ? '' : time < last ? '<' : time > last ? '>' : '=';
      if (time !== undefined) block.lastTime = time;
      block.key = keyPart(block.key + order, text, v);
    }
    if (marker === 'backtrace' || marker === 'frame') block.phase = 'frames';
    if (marker === 'note') this.close();
  }

  /** Hands over the block being read, if any: at the end of the input, or when a followed stream goes quiet. */
  close(): void {
    const block = this.open;
    if (!block) return;
    this.open = undefined;
    this.onBlock({
      text: block.lines.join('\n'),
      line: block.line,
      time: block.time,
      key: block.key,
      threadId: block.threadId,
    });
  }
}

// A JSON record's fields that hold its time: left out of the key, as a log prefix is.
// journald's other fields that differ on every record.
const RECORD_VARYING = [...RECORD_TIME_KEYS, '__MONOTONIC_TIMESTAMP', '__CURSOR'];

/** A record as text without its time fields: what it says. */
function recordPayload(record: Record<string, unknown>): string {
  let rest: Record<string, unknown> | undefined;
  for (const k of RECORD_VARYING) {
    if (!Object.hasOwn(record, k)) continue;
    rest ??= { ...record };
    delete rest[k];
  }
  return JSON.stringify(rest ?? record);
}

/**
 * The key with one more line: its shape (digits folded) and what it carries after its prefix, or its record's
 * fields; a head line's thread id left out.
 */
function keyPart(key: string, line: string, view: LineView, maskThreadId = false): string | undefined {
  const whole = view.record ? recordPayload(view.record) : line.slice(view.prefixEnd);
  const payload = maskThreadId ? whole.replace(THREAD_ID_PANICKED, ` ()${PANICKED}`) : whole;
  const next = `${key}${view.shape}\u0002${payload}\n`;
  return next.length > MAX_KEY_CHARS ? undefined : next;
}

/** Whether the line starts a panic, whether its own text already holds the message, and its thread id. */
function headOf(line: string, view: LineView): { selfContained: boolean; threadId: number | undefined } | undefined {
  // In a JSON record the text is a string value (or a decoded byte array): read the head there, where `\n` is a
  // real newline.
  const text = view.record ? view.texts.find((t) => t.includes(PANIC_NEEDLE)) : line;
  const head = text === undefined ? undefined : readHead(text.split('\n', 1)[0]!);
  const first = text === line ? head : (readHead(line) ?? head);
  if (first === undefined) return undefined;
  if (!head || text === undefined) return { selfContained: true, threadId: first.threadId };
  const after = text.slice(text.indexOf('\n') < 0 ? text.length : text.indexOf('\n') + 1);
  const locationOnly = head.rest.length <= 2100 && LOCATION_ONLY.test(head.rest);
  return { selfContained: !locationOnly || after.trim() !== '', threadId: head.threadId };
}
