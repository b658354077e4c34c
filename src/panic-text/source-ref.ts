/**
 * The one reader of `file.rs:LINE[:COL]` in untrusted text (its one writer is `formatSourcePos` in model/anchor.ts;
 * `shortLocation` there writes the reference's own `file.rs:43-44` ranges).
 * Finds every Rust source reference wherever it stands: after `panicked at`, in a frame's `at` line, inside JSON
 * or logfmt, a markdown link, a Windows or elided path (`…/src/x.rs`), human-panic's `file 'x.rs' at line N`.
 *
 * One pass, no backtracking: each `.rs` is found with indexOf and its path is read backwards, never past the end
 * of the reference before it, so a megabyte of `a`, `/` or `.rs` costs one read of the text.
 */
import { normalizeFile } from './frames.ts';

export interface SourceRef {
  /** As the text wrote it (`C:\build\src\x.rs`, `/home/deploy/hl-mm/src/x.rs`). */
  raw: string;
  /** Forward slashes, cut to its last `src/` (normalizeFile). */
  file: string;
  line?: number;
  column?: number;
  /** Offsets of the reference in the text, `raw` included, `:LINE:COL` included. */
  start: number;
  end: number;
}

const isPathChar = (c: number): boolean =>
  (c >= 48 && c <= 57) ||
  (c >= 65 && c <= 90) ||
  (c >= 97 && c <= 122) ||
  c === 95 ||
  c === 46 ||
  c === 47 ||
  c === 92 ||
  c === 45;
const isWordChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

const MAX_PATH = 400;
// `:242`, `:242:68`; human-panic writes `' at line 2056`; a GitHub link `#L242`.
const LINE_COL = /:(\d{1,9})(?::(\d{1,9}))?/y;
const AT_LINE = /['"]? at line (\d{1,9})/y;
const HASH_LINE = /#L(\d{1,9})/y;
// A `Location` or a frame printed with `{:?}`: `file: "src/x.rs", line: 242, col: 68`.
const DEBUG_LINE = /["']?,\s{0,4}line:\s{0,4}(\d{1,9})(?:,\s{0,4}col(?:umn)?:\s{0,4}(\d{1,9}))?/y;

/** Every source reference in `text`, in order; at most `limit`. */
export function findSourceRefs(text: string, limit = 10_000): SourceRef[] {
  const refs: SourceRef[] = [];
  let floor = 0;
  let from = 0;
  // The run of path characters read last: [runStart, runEnd). Reading back from the next `.rs` stops where that
  // run ended and takes its start, so no character is read twice (`a.rsa.rsa.rs…` stays linear).
  let runStart = 0;
  let runEnd = -1;
  while (refs.length < limit) {
    const dot = text.indexOf('.rs', from);
    if (dot < 0) break;
    from = dot + 3;
    let start = dot;
    const stop = Math.max(floor, dot - MAX_PATH);
    while (start > stop && start !== runEnd && isPathChar(text.charCodeAt(start - 1))) start--;
    if (start === runEnd && start > stop) start = Math.max(runStart, stop);
    runStart = start;
    runEnd = from;
    if (from < text.length && isWordChar(text.charCodeAt(from))) continue;
    // A Windows drive (`C:\build\src\x.rs`): the colon ended the run of path characters.
    if (
      start >= 2 &&
      text[start - 1] === ':' &&
      /[A-Za-z]/.test(text[start - 2]!) &&
      (text[start] === '\\' || text[start] === '/') &&
      !(start >= 3 && isPathChar(text.charCodeAt(start - 3)))
    )
      start -= 2;
    // `.rs` alone, or a path that is all separators: not a file name.
    const raw = text.slice(start, from);
    if (!/[\w-]\.rs$/.test(raw)) continue;
    const ref: SourceRef = { raw, file: normalizeFile(raw), start, end: from };
    for (const re of [LINE_COL, AT_LINE, HASH_LINE, DEBUG_LINE]) {
      re.lastIndex = from;
      const m = re.exec(text);
      if (!m) continue;
      ref.line = Number(m[1]);
      if (m[2] !== undefined) ref.column = Number(m[2]);
      ref.end = re.lastIndex;
      break;
    }
    refs.push(ref);
    floor = ref.end;
    from = Math.max(from, ref.end);
  }
  return refs;
}

/** Whether `text` names a Rust file with a line anywhere (`x.rs:43`, `x.rs#L43`): a line or field with a location. */
export const holdsSourcePos = (text: string): boolean => findSourceRefs(text, 100).some((r) => r.line !== undefined);

/** The reference `text` is, whole (`src/x.rs:43:5`), or undefined: for a field that holds one and nothing else. */
export function parseSourceRef(text: string): SourceRef | undefined {
  const t = text.trim();
  const [ref] = findSourceRefs(t, 1);
  return ref && ref.start === 0 && ref.end === t.length ? ref : undefined;
}

/** The stem of a Rust file named in a path (`./src/…/quote_engine.rs:276:13` → `quote_engine`). */
export const fileStem = (file: string): string => (file.split(/[\\/]/).at(-1) ?? file).replace(/\.rs$/, '');
