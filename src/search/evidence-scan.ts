/**
 * The evidence layer: what a text says about a panic, found wherever it stands and whatever wraps it. Source
 * references with the part they play (the panic's own location, a backtrace frame, a mention) and the model's
 * message templates. Parsers of known formats add structure on top; a verdict never needs them.
 */
// What stands before a panic's own location: Rust's `panicked at`, the pre-1.73 `', `, color-eyre's `Location:`,
// tracing-panic's `panic.file`, human-panic's `Panic occurred in file '`, a JSON field rendered by normalizePaste.
import {
  BEFORE_FRAME_LOCATION as FRAME_BEFORE,
  BEFORE_LEGACY_LOCATION as LEGACY_BEFORE,
  BEFORE_PANIC_LOCATION as PANIC_BEFORE,
} from '../panic-text/grammar.ts';
import { findSourceRefs, type SourceRef } from '../panic-text/source-ref.ts';
import type { TemplateHit, TemplateScanner } from './template-scan.ts';

export type RefRole = 'panic' | 'frame' | 'mention';
export interface FoundRef extends SourceRef {
  role: RefRole;
}

export interface Scan {
  refs: FoundRef[];
  hits: TemplateHit[];
}

const LOOK_BACK = 80;

const LEGACY_LOOK_BACK = 4000;

/** Where the line holding `at` starts, looking back at most `limit` characters (a megabyte-long line stays cheap). */
function lineStartWithin(text: string, at: number, limit: number): number {
  const stop = Math.max(0, at - limit);
  for (let i = at - 1; i >= stop; i--) if (text.charCodeAt(i) === 10) return i + 1;
  return stop;
}

function roleOf(text: string, ref: SourceRef): RefRole {
  const before = text.slice(lineStartWithin(text, ref.start, LOOK_BACK), ref.start);
  if (PANIC_BEFORE.test(before)) return 'panic';
  if (FRAME_BEFORE.test(before)) return before.trim() === 'at' ? 'frame' : 'mention';
  if (
    before.endsWith("', ") &&
    LEGACY_BEFORE.test(text.slice(lineStartWithin(text, ref.start, LEGACY_LOOK_BACK), ref.start))
  )
    return 'panic';
  // A location alone on its line, ending with `:` as Rust ends it: a panic line whose head went elsewhere (two
  // threads writing at once interleave `thread '…' panicked at ` and the location).
  if (
    before.trim() === '' &&
    ref.line !== undefined &&
    text.startsWith(':', ref.end) &&
    (text[ref.end + 1] ?? '\n') === '\n'
  )
    return 'panic';
  return 'mention';
}

export function scanText(text: string, templates: TemplateScanner): Scan {
  const refs = findSourceRefs(text).map((r): FoundRef => ({ ...r, role: roleOf(text, r) }));
  return { refs, hits: templates.scan(text) };
}

/** The first index of a list sorted by `at` whose `at` is at least `offset`. */
function firstAt<T>(list: T[], at: (x: T) => number, offset: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(list[mid]!) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const refAt = (r: FoundRef) => r.start;
const hitAt = (h: TemplateHit) => h.lineStart;

/**
 * The part of a scan between two offsets of the text: the evidence of one panic of a paste. Both lists are in text
 * order, so a slice is two binary searches, not a pass over the whole scan for each panic of a long log.
 */
export function scanSlice(scan: Scan, from: number, to: number): Scan {
  return {
    refs: scan.refs.slice(firstAt(scan.refs, refAt, from), firstAt(scan.refs, refAt, to)),
    hits: scan.hits.slice(firstAt(scan.hits, hitAt, from), firstAt(scan.hits, hitAt, to)),
  };
}
