/**
 * Git's own diff, read: the hunks of `git diff -U0 -M A B` per file pair, and a line carried across them.
 * Nothing here compares texts; git has decided what changed, this only follows a line number through its answer.
 */

export interface Hunk {
  /** `@@ -oldStart,oldCount +newStart,newCount @@`; a count of 0 means "after line start". */
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  oldLines: string[];
  newLines: string[];
}

export interface FileDiff {
  /** Path in the older revision, or null for a file that is new. */
  oldPath: string | null;
  /** Path in the newer revision, or null for a file that was deleted. */
  newPath: string | null;
  hunks: Hunk[];
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const unquote = (p: string): string => p.replace(/\t$/, '');

/** Parses `git diff -U0 --no-color` output (paths unquoted: core.quotePath=false) into one FileDiff per file pair. */
export function parseDiff(text: string): FileDiff[] {
  const out: FileDiff[] = [];
  let cur: FileDiff | undefined;
  let hunk: Hunk | undefined;
  let header = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('diff --git ')) {
      cur = { oldPath: null, newPath: null, hunks: [] };
      // Both paths come again below (---/+++ or rename from/to); this line alone is ambiguous when a path has spaces.
      const m = /^diff --git a\/(.*) b\/(.*)$/.exec(line);
      if (m && m[1] === m[2]) cur.oldPath = cur.newPath = m[1]!;
      out.push(cur);
      hunk = undefined;
      header = true;
      continue;
    }
    if (!cur) continue;
    if (header) {
      if (line.startsWith('rename from ')) cur.oldPath = line.slice(12);
      else if (line.startsWith('rename to ')) cur.newPath = line.slice(10);
      else if (line.startsWith('new file mode')) cur.oldPath = null;
      else if (line.startsWith('deleted file mode')) cur.newPath = null;
      else if (line.startsWith('--- ')) cur.oldPath = line === '--- /dev/null' ? null : unquote(line.slice(6));
      else if (line.startsWith('+++ ')) cur.newPath = line === '+++ /dev/null' ? null : unquote(line.slice(6));
    }
    const h = HUNK.exec(line);
    if (h) {
      header = false;
      hunk = {
        oldStart: Number(h[1]),
        oldCount: h[2] === undefined ? 1 : Number(h[2]),
        newStart: Number(h[3]),
        newCount: h[4] === undefined ? 1 : Number(h[4]),
        oldLines: [],
        newLines: [],
      };
      cur.hunks.push(hunk);
      continue;
    }
    if (!hunk) continue;
    if (line.startsWith('-')) hunk.oldLines.push(line.slice(1));
    else if (line.startsWith('+')) hunk.newLines.push(line.slice(1));
  }
  return out;
}

export interface Carried {
  line: number;
  /** The text of the line when the diff shows it (the line was in a hunk); undefined when git left it unchanged. */
  text?: string;
}

type Side = { start: number; count: number; lines: string[] };
const sides = (h: Hunk, backward: boolean): { from: Side; to: Side } => {
  const o = { start: h.oldStart, count: h.oldCount, lines: h.oldLines };
  const n = { start: h.newStart, count: h.newCount, lines: h.newLines };
  return backward ? { from: n, to: o } : { from: o, to: n };
};

/** Identifiers and numbers of a line of code: what an edit in place mostly keeps. */
const tokens = (line: string): Set<string> => new Set(line.match(/[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?/g) ?? []);

/** How alike two lines of code are: shared tokens over the larger count (0 to 1). */
export function likeness(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let common = 0;
  for (const t of ta) if (tb.has(t)) common++;
  return common / Math.max(ta.size, tb.size);
}

/** At least this alike, a touched line is the same statement edited in place. */
export const EDITED_LIKENESS = 0.5;

/**
 * Carries line `line` of one side of a file diff to the other (`backward`: from the newer revision to the older).
 *
 * - Outside every hunk, git left the line as it was: it shifts by what the hunks before it added or removed.
 * - Inside a hunk, the line was touched: it is followed to the other side's line of the hunk that holds the code
 *   (`holds`), the nearest to its place if several do; failing that, to the line of the other side most like it
 *   (at least EDITED_LIKENESS: the statement was edited in place). Otherwise the code was not there: null.
 */
export function carryLine(
  diff: FileDiff,
  line: number,
  backward: boolean,
  holds: (text: string) => boolean,
): Carried | null {
  let shift = 0;
  for (const h of diff.hunks) {
    const { from, to } = sides(h, backward);
    const fromEnd = from.count === 0 ? from.start : from.start + from.count - 1;
    if (from.count > 0 && line >= from.start && line <= fromEnd) {
      const offset = line - from.start;
      // Where the line would sit in the other side if the hunk were stretched to its length.
      const place = to.count === from.count ? offset : Math.round((offset * to.count) / from.count);
      const nearest = (a: number, b: number) => (Math.abs(b - place) < Math.abs(a - place) ? b : a);
      const matches = to.lines.flatMap((t, i) => (holds(t) ? [i] : []));
      if (matches.length > 0) {
        const best = matches.reduce(nearest);
        return { line: to.start + best, text: to.lines[best]! };
      }
      const text = from.lines[offset] ?? '';
      let best = -1;
      let score = EDITED_LIKENESS;
      to.lines.forEach((t, i) => {
        const s = likeness(text, t);
        if (s > score || (s === score && (best < 0 || nearest(best, i) === i))) [best, score] = [i, s];
      });
      return best < 0 ? null : { line: to.start + best, text: to.lines[best]! };
    }
    if (from.count === 0 ? from.start < line : fromEnd < line) shift += to.count - from.count;
    else break;
  }
  return { line: line + shift };
}
