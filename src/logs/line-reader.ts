/**
 * Splits a byte stream into lines without ever holding more than one line (bounded) and one chunk: a 200 MB log or
 * `kubectl logs -f` is read as it comes. Bytes are decoded as UTF-8 across chunk boundaries (a character split between
 * two chunks is joined); an invalid sequence becomes U+FFFD and is reported with its byte offset, and reading goes on.
 *
 * Most lines of a log are not about a panic: while its sink does not ask for every line, the reader looks for the
 * sink's needles in the decoded chunk and hands over only the lines holding one, so that a line costs a newline search
 * and nothing else.
 */
import { isUtf8 } from 'node:buffer';

export interface LineSink {
  /** True while the sink needs every line (inside a panic block); false: only lines holding a needle. */
  readonly wantsEveryLine: boolean;
  /** `holdsNeedle`: whether the line holds one of the reader's needles, found by the reader's search of its chunk. */
  line(text: string, lineNo: number, holdsNeedle: boolean): void;
}

export interface ReaderWarning {
  kind: 'invalid-utf8' | 'long-line';
  /** Byte offset in the input (0-based) of an invalid sequence. */
  offset?: number;
  /** 1-based line number. */
  line: number;
  message: string;
}

export interface ReaderOptions {
  /** Lines holding one of these texts are handed over even when the sink does not want every line. */
  needles: readonly string[];
  /** Characters of one line kept at most; the rest of a longer line is dropped (and reported once per line). */
  maxLineChars?: number;
  onWarning?: (w: ReaderWarning) => void;
}

export interface ReaderStats {
  bytes: number;
  lines: number;
  invalidSequences: number;
  longLines: number;
}

export const MAX_LINE_CHARS = 1 << 20;

/**
 * Bytes decoded into one string at most: a string over 128 KiB is allocated outside V8's young generation, which
 * makes decoding a large chunk at once several times slower than decoding it in pieces.
 */
const DECODE_BYTES = 1 << 15;

/** Length of a UTF-8 sequence from its lead byte; 0 for a continuation or invalid lead. */
function sequenceLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

/** Where an incomplete sequence at the end of `bytes` starts (bytes.length when it ends on a whole character). */
function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue;
    const len = sequenceLength(b);
    return len > back ? n - back : n;
  }
  return n;
}

/** Offsets of invalid sequences in `bytes` (only called when isUtf8 said there is one: rare, linear). */
function invalidOffsets(bytes: Uint8Array, atEnd: boolean): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = sequenceLength(b);
    if (len === 1) {
      i++;
      continue;
    }
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) {
      const c = bytes[i + k];
      // Second byte ranges that exclude overlongs and surrogates (Unicode table 3-7).
      const lo = k > 1 ? 0x80 : b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
      const hi = k > 1 ? 0xbf : b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
      ok = c >= lo && c <= hi;
    }
    if (ok) {
      i += len;
      continue;
    }
    if (len > 0 && i + len > bytes.length && !atEnd) break;
    out.push(i);
    i++;
    while (i < bytes.length && (bytes[i] & 0xc0) === 0x80) i++;
  }
  return out;
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 10) n++;
  return n;
}

export class LineReader {
  readonly stats: ReaderStats = { bytes: 0, lines: 0, invalidSequences: 0, longLines: 0 };
  private readonly decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  private readonly sink: LineSink;
  private readonly needles: Needle[];
  /** Counts the texts `consume` is given: a needle's next hit is remembered within one. */
  private textNo = 0;
  private readonly maxLine: number;
  private readonly onWarning: (w: ReaderWarning) => void;
  /** Bytes of an incomplete character held back from validation until the next chunk. */
  private carry: Uint8Array = new Uint8Array(0);
  /** The current line so far (no newline in it). */
  private partial = '';
  /** Set while the rest of an overlong line is being dropped. */
  private dropping = false;

  constructor(sink: LineSink, options: ReaderOptions) {
    this.sink = sink;
    this.needles = options.needles.map((text) => {
      const probe = text.trimStart() || text;
      return { text, probe, skip: text.length - probe.length, textNo: -1, from: 0, hit: -1 };
    });
    this.maxLine = options.maxLineChars ?? MAX_LINE_CHARS;
    this.onWarning = options.onWarning ?? (() => {});
  }

  push(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length; at += DECODE_BYTES) this.pushPiece(bytes.subarray(at, at + DECODE_BYTES));
  }

  private pushPiece(bytes: Uint8Array): void {
    this.validate(bytes, false);
    this.stats.bytes += bytes.length;
    this.consume(this.decoder.decode(bytes, { stream: true }));
  }

  end(): void {
    this.validate(new Uint8Array(0), true);
    this.consume(this.decoder.decode());
    if (this.partial !== '' || this.dropping) this.emit(this.partial);
    this.partial = '';
    this.dropping = false;
  }

  /** Reports invalid sequences by byte offset; the decoder itself replaces them. */
  private validate(bytes: Uint8Array, atEnd: boolean): void {
    const joined = this.carry.length === 0 ? bytes : concat(this.carry, bytes);
    const base = this.stats.bytes - this.carry.length;
    const cut = atEnd ? joined.length : completeLength(joined);
    const piece = joined.subarray(0, cut);
    this.carry = cut === joined.length ? new Uint8Array(0) : joined.slice(cut);
    if (isUtf8(piece)) return;
    for (const at of invalidOffsets(piece, true)) {
      this.stats.invalidSequences++;
      // Lines completed so far plus the newlines of this piece before the bad byte (pieces start at a chunk start
      // or at held-back bytes, which hold no newline).
      const line = this.stats.lines + 1 + countNewlines(piece, at);
      this.onWarning({
        kind: 'invalid-utf8',
        offset: base + at,
        line,
        message: `invalid UTF-8 byte sequence at byte ${base + at} (0x${piece[at].toString(16).padStart(2, '0')}), read as U+FFFD`,
      });
    }
  }

  private consume(text: string): void {
    this.textNo++;
    let pos = 0;
    while (pos < text.length) {
      // Where the next needle stands, for a line that starts in this text (one spanning two texts is searched whole).
      const hit = this.partial === '' && !this.dropping ? this.find(text, pos) : -1;
      if (!this.sink.wantsEveryLine && !this.dropping) {
        // Skip whole lines up to the next one holding the needle, counting them.
        if (hit < 0 && this.partial === '') {
          const lastNl = text.lastIndexOf('\n');
          if (lastNl < pos) {
            this.append(text.slice(pos));
            return;
          }
          this.stats.lines += countChar(text, pos, lastNl + 1);
          pos = lastNl + 1;
          continue;
        }
        if (hit >= 0) {
          const lineStart = text.lastIndexOf('\n', hit) + 1;
          if (lineStart > pos) {
            this.stats.lines += countChar(text, pos, lineStart);
            pos = lineStart;
          }
        }
      }
      const nl = text.indexOf('\n', pos);
      if (nl < 0) {
        this.append(text.slice(pos));
        return;
      }
      const whole = this.partial === '' && !this.dropping;
      this.append(text.slice(pos, nl));
      this.emit(this.partial, whole ? hit >= 0 && hit < nl : undefined);
      pos = nl + 1;
    }
  }

  /**
   * Where a needle next stands in the text from `pos`, or -1. Each needle's next hit is remembered while it lies
   * ahead, so that a rare needle is not searched for to the end of the text again at each hit of another.
   */
  private find(text: string, pos: number): number {
    let best = -1;
    for (const n of this.needles) {
      if (n.textNo !== this.textNo || n.from > pos || (n.hit >= 0 && n.hit < pos)) {
        n.textNo = this.textNo;
        n.from = pos;
        n.hit = findNeedle(n, text, pos);
      }
      if (n.hit >= 0 && (best < 0 || n.hit < best)) best = n.hit;
    }
    return best;
  }

  private append(s: string): void {
    if (this.dropping) return;
    if (this.partial.length + s.length <= this.maxLine) {
      this.partial += s;
      return;
    }
    this.partial = (this.partial + s).slice(0, this.maxLine);
    this.dropping = true;
    this.stats.longLines++;
    this.onWarning({
      kind: 'long-line',
      line: this.stats.lines + 1,
      message: `line ${this.stats.lines + 1} is longer than ${this.maxLine} characters: the rest of it is not read`,
    });
  }

  /** `needle`: whether the line holds a needle, when the search of its text told; undefined: look in it. */
  private emit(line: string, needle?: boolean): void {
    this.stats.lines++;
    this.partial = '';
    this.dropping = false;
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    const holds = needle ?? this.needles.some((n) => text.includes(n.text));
    if (this.sink.wantsEveryLine || holds) this.sink.line(text, this.stats.lines, holds);
  }
}

interface Needle {
  text: string;
  /** The needle from its first character that is not a space, and how many characters stand before it. */
  probe: string;
  skip: number;
  /** Its next hit (-1: none) in text `textNo` from `from`. */
  textNo: number;
  from: number;
  hit: number;
}

/**
 * Where the needle next stands in the text from `pos`, or -1. V8 finds a string by scanning for its first
 * character: one that stands on every line (a space) makes it stop everywhere, so the needle is looked for from
 * its first character that is not a space, and what stands before is checked at each hit.
 */
function findNeedle({ text: needle, probe, skip }: Needle, text: string, pos: number): number {
  for (let at = pos + skip; ; at++) {
    const hit = text.indexOf(skip === 0 ? needle : probe, at);
    if (hit < 0 || skip === 0) return hit;
    if (hit - skip >= pos && text.startsWith(needle, hit - skip)) return hit - skip;
    at = hit;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function countChar(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Reads a whole stream (file, stdin, a test's generator) into a reader. */
export async function readAll(source: AsyncIterable<Uint8Array | string>, reader: LineReader): Promise<void> {
  const encoder = new TextEncoder();
  for await (const chunk of source) reader.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
  reader.end();
}
