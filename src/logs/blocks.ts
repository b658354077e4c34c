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
import {
  type LineView,
  LineViews,
  type Marker,
  markerOf,
  ownCopy,
  alikeRecord,
  sameButDigits,
  type SeenLine,
  seenLine,
  viewsAlike,
} from './line-view.ts';
import { holdsVarying, rawRecordTime, RECORD_VARYING_KEYS, timeOf } from './timestamp.ts';

/** Every panic head holds this; the line reader hands over only lines holding it outside a block. */
export const PANIC_NEEDLE = PANICKED;
/** The texts one of which every panic head line holds: the head as text, or as journald's array of its bytes. */
export const PANIC_NEEDLES = [PANICKED, PANICKED_BYTES] as const;

export interface PanicBlock {
  /**
   * The block's lines as the log wrote them, wrapper included (joined with newlines, they are the text the parser
   * reads: only for a block whose key was not seen before).
   */
  lines: readonly string[];
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

/**
 * A line of a block as the collector read it. A crash loop prints one panic thousands of times, the same lines under
 * new times: the lines of the blocks read so far are kept as a tree, from each head down its lines in their order,
 * and a line of a later block that is alike one the tree holds at its place (the same but for its prefix's digits,
 * `viewsAlike`) is read as that one was, without a regex.
 */
interface ReadLine extends SeenLine {
  /** Names the line and the lines before it in its block: unique in the process, never reused. */
  id: number;
  marker: Marker;
  /** What the line adds to its block's key. */
  part: string;
  /** The lines read after this one, in the blocks that had it. */
  next: ReadLine[];
}

/** Bounds on the memory the tree takes: heads, lines after one line, characters of all its lines. */
const READ_HEADS = 256;
const READ_BRANCHES = 16;
const READ_CHARS = 2 * 1024 * 1024;
let readLines = 0;

// A modern head ends with its location (`src/x.rs:43:5:`), the message following on the next lines; anything more on
// the head's own text (a legacy `'msg', file`, a JSON record holding the whole panic, a logfmt `\n`) means the
// message is already there: LOCATION_ONLY tells them apart.

interface Open {
  lines: string[];
  threadId: number | undefined;
  /** The block's key so far, in parts (each line's time order and part); undefined once it outgrew MAX_KEY_CHARS. */
  key: string[] | undefined;
  keyChars: number;
  /** Whether each line's time went up, down or stayed, in order. */
  orders: string;
  /** The latest time a line of the block carried (its prefix, or its record's time), to note whether times go up or down. */
  lastTime: string | number | undefined;
  chars: number;
  line: number;
  time: string | undefined;
  shape: string;
  phase: Phase;
  messageLines: number;
  foreign: number;
  /** The lines read before after the block's last line, where its next line is looked for; undefined: none kept. */
  read: ReadLine[] | undefined;
  /** The block's last line in the tree while every line after the head is there: it names all of them. */
  last: ReadLine | undefined;
  offTree: boolean;
}

export class BlockCollector implements LineSink {
  private open: Open | undefined;
  private readonly views = new LineViews();
  /** By the head's part of the key: the lines read after that head (`ReadLine`). */
  private readonly heads = new Map<string, ReadLine[]>();
  private readChars = 0;
  /** The patterns of the tree's lines' prefixes (`seenLine`). */
  private readonly patterns = new Map<string, RegExp>();
  private readonly onBlock: (block: PanicBlock) => void;

  constructor(onBlock: (block: PanicBlock) => void) {
    this.onBlock = onBlock;
  }

  get wantsEveryLine(): boolean {
    return this.open !== undefined;
  }

  /** `holdsNeedle`: whether the line holds one of `PANIC_NEEDLES`, as the line reader found it. */
  line(text: string, lineNo: number, holdsNeedle = PANIC_NEEDLES.some((n) => text.includes(n))): void {
    const view = holdsNeedle ? this.views.of(text) : undefined;
    const head = view && headOf(text, view);
    if (head) {
      this.close();
      const time = timeOf(text, view);
      const part = linePart(text, view, head.threadId !== undefined);
      const headPart = part.length > MAX_KEY_CHARS ? undefined : part;
      this.open = {
        lines: [text],
        threadId: head.threadId,
        key: headPart === undefined ? undefined : [headPart],
        keyChars: headPart?.length ?? 0,
        orders: '',
        lastTime: view.record ? rawRecordTime(view.record) : text.slice(0, view.prefixEnd),
        chars: text.length,
        line: lineNo,
        time,
        shape: view.shape,
        phase: head.selfContained ? 'frames' : 'message',
        messageLines: 0,
        foreign: 0,
        read: headPart === undefined ? undefined : this.afterHead(headPart),
        last: undefined,
        offTree: false,
      };
      return;
    }
    const block = this.open;
    if (!block) return;
    // A line holding a needle is read anew: whether it opens a panic is not a matter of its view alone.
    const read = holdsNeedle ? undefined : block.read;
    // A record alike a kept one gives the values of its varying fields: its time.
    let values: Record<string, string | number> | undefined;
    let alike: ReadLine | undefined;
    for (const r of read ?? []) {
      if (r.template ? (values = alikeRecord(text, r)) !== undefined : viewsAlike(text, r)) {
        alike = r;
        break;
      }
    }
    const v = alike?.view ?? this.views.of(text);
    // A line kept in the tree passed this test in the block that kept it: its head's, whose shape is this block's.
    if (!alike && v.shape !== block.shape) {
      if (++block.foreign > BLOCK_LIMITS.foreignLines) this.close();
      return;
    }
    block.foreign = 0;
    const marker = alike?.marker ?? markerOf(v);
    if (marker === 'blank') return this.close();
    if (marker === 'text') {
      if (block.phase === 'frames' || ++block.messageLines > BLOCK_LIMITS.messageLines) return this.close();
    }
    if (block.lines.length >= BLOCK_LIMITS.lines || block.chars + text.length > BLOCK_LIMITS.chars) return this.close();
    block.lines.push(text);
    block.chars += text.length + 1;
    const part = alike?.part ?? linePart(text, v);
    const node = alike ?? this.kept(read, text, marker, v.record);
    block.read = node?.next;
    block.last = node;
    if (!node) block.offTree = true;
    // Lines of one shape hold their times at the same places: their prefixes compare as their times do.
    const record = values ?? v.record;
    const time = record ? rawRecordTime(record) : text.slice(0, v.prefixEnd);
    const last = block.lastTime;
    const order = time === undefined || last === undefined ? '' : time < last ? '<' : time > last ? '>' : '=';
    if (time !== undefined) block.lastTime = time;
    block.orders += order || '-';
    if (block.key) {
      block.keyChars += order.length + part.length;
      if (block.keyChars > MAX_KEY_CHARS) block.key = undefined;
      else block.key.push(order, part);
    }
    if (marker === 'backtrace' || marker === 'frame') block.phase = 'frames';
    if (marker === 'note') this.close();
  }

  /** The lines read after a head, a new branch of the tree when there is room. */
  private afterHead(headPart: string): ReadLine[] {
    let read = this.heads.get(headPart);
    if (!read) {
      if (this.heads.size >= READ_HEADS) this.forget();
      this.heads.set(headPart, (read = []));
    }
    return read;
  }

  /**
   * Keeps a line read anew in the tree where the block stands, when there is room and a later line can be alike it;
   * undefined otherwise. What is kept is read from a copy of the line: a slice would keep its whole chunk alive.
   */
  private kept(
    read: ReadLine[] | undefined,
    text: string,
    marker: Marker,
    record: Record<string, unknown> | undefined,
  ): ReadLine | undefined {
    // A line the same as one read there but for digits after its prefix is so in every block: the lines of such a
    // block are not kept.
    if (!read || read.length >= READ_BRANCHES || read.some((r) => sameButDigits(text, r.text))) return undefined;
    const own = ownCopy(text);
    const view = this.views.of(own);
    const seen = seenLine(own, view, this.patterns);
    // Nor is a record holding its own time that is no template: no later record is alike it.
    if (record && !seen.template && holdsVarying(record)) return undefined;
    const line: ReadLine = { ...seen, id: ++readLines, marker, part: linePart(own, view), next: [] };
    this.readChars += line.text.length + line.part.length;
    // The tree is dropped whole when full; the blocks being read keep their branch until they end.
    if (this.readChars > READ_CHARS) this.forget();
    read.push(line);
    return line;
  }

  private forget(): void {
    this.heads.clear();
    this.patterns.clear();
    this.readChars = 0;
  }

  /** Hands over the block being read, if any: at the end of the input, or when a followed stream goes quiet. */
  close(): void {
    const block = this.open;
    if (!block) return;
    this.open = undefined;
    // A block whose lines are all in the tree is named by its last one (and its times' order): a short key, where the
    // key of its texts would be a long string to hash. A key of texts always holds \u0002, which a tree key never does.
    const key =
      block.last && !block.offTree ? `\0${block.last.id}${block.orders}` : block.key ? block.key.join('') : undefined;
    this.onBlock({
      lines: block.lines,
      line: block.line,
      time: block.time,
      key,
      threadId: block.threadId,
    });
  }
}

/**
 * A record as text without its time fields: what it says. A copy without them, not one they are deleted from: an
 * object that lost a property is slow to write out.
 */
function recordPayload(record: Record<string, unknown>): string {
  if (!holdsVarying(record)) return JSON.stringify(record);
  const kept = Object.keys(record).filter((k) => !RECORD_VARYING_KEYS.has(k));
  return JSON.stringify(Object.fromEntries(kept.map((k) => [k, record[k]])));
}

/**
 * What a line adds to its block's key: its shape (digits folded) and what it carries after its prefix, or its
 * record's fields; a head line's thread id left out.
 */
function linePart(line: string, view: LineView, maskThreadId = false): string {
  const whole = view.record ? recordPayload(view.record) : line.slice(view.prefixEnd);
  const payload = maskThreadId ? whole.replace(THREAD_ID_PANICKED, ` ()${PANICKED}`) : whole;
  return `${view.shape}\u0002${payload}\n`;
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
