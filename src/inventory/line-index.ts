/**
 * Text offsets ↔ rustc's 1-based line and character column, and a bounded excerpt of the line. Each lookup costs
 * a binary search, never a walk along the line: a generated line can hold a hundred thousand sites.
 */
import { CODE_EXCERPT } from '../model/inventory.ts';

/** Whether a UTF-16 unit is the second half of a surrogate pair: rustc counts the pair as one character. */
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

export interface Position {
  line: number;
  column: number;
  /** The line trimmed, or at most `CODE_EXCERPT` characters of it around the column, `…` where it was cut. */
  code: string;
}

export class LineIndex {
  readonly #starts: number[] = [0];
  readonly #text: string;
  /** Low surrogates before each offset, only for a text that holds any (most source is within the BMP). */
  readonly #lows: Uint32Array | undefined;

  constructor(text: string) {
    this.#text = text;
    let lows = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.#starts.push(i + 1);
      else if (isLowSurrogate(c)) lows++;
    }
    if (lows > 0) {
      const prefix = new Uint32Array(text.length + 1);
      for (let i = 0; i < text.length; i++) prefix[i + 1] = prefix[i]! + (isLowSurrogate(text.charCodeAt(i)) ? 1 : 0);
      this.#lows = prefix;
    }
  }

  #lineOf(offset: number): number {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The line and column of an offset, without the excerpt. */
  lineColumn(offset: number): { line: number; column: number } {
    const l = this.#lineOf(offset);
    const start = this.#starts[l]!;
    const lows = this.#lows ? this.#lows[offset]! - this.#lows[start]! : 0;
    return { line: l + 1, column: offset - start - lows + 1 };
  }

  position(offset: number): Position {
    const at = this.lineColumn(offset);
    const start = this.#starts[at.line - 1]!;
    let end = at.line < this.#starts.length ? this.#starts[at.line]! - 1 : this.#text.length;
    if (end > start && this.#text.charCodeAt(end - 1) === 13) end--;
    return { ...at, code: excerpt(this.#text, start, end, offset) };
  }

  /** The offset of a 1-based line and character column: where `position` would give them back. */
  offsetOf(line: number, column: number): number {
    const start = this.#starts[line - 1];
    if (start === undefined) return this.#text.length;
    const end = line < this.#starts.length ? this.#starts[line]! - 1 : this.#text.length;
    const lows = this.#lows;
    if (!lows) return Math.min(start + column - 1, end);
    // The column grows with the offset (a surrogate pair's second half adds none): the first offset that reaches it.
    let lo = start;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (mid - start - (lows[mid]! - lows[start]!) + 1 < column) lo = mid + 1;
      else hi = mid;
    }
    // The second half of a pair reads as the column after the pair: the character is the one after it.
    return lo < end && isLowSurrogate(this.#text.charCodeAt(lo)) ? lo + 1 : lo;
  }
}

/** The line from `start` to `end`, trimmed; a long one cut to a window that holds `offset`. */
function excerpt(text: string, start: number, end: number, offset: number): string {
  if (end - start <= CODE_EXCERPT * 4) {
    const whole = text.slice(start, end).trim();
    if (whole.length <= CODE_EXCERPT) return whole;
  }
  // A third of the window before the site: what the site's expression starts with is usually just before it.
  const from = Math.max(start, Math.min(offset - Math.floor(CODE_EXCERPT / 3), end - CODE_EXCERPT));
  const to = Math.min(end, from + CODE_EXCERPT);
  const body = text.slice(from, to).trim();
  return `${from > start ? '…' : ''}${body}${to < end ? '…' : ''}`;
}
