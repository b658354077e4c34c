/**
 * The synthetic inventory of the scale benchmark: N panic sites of the generated files, as `npm run inventory` would
 * have read them from a crate that size, added to the real inventory's sites (so that a captured real panic still
 * lands on its site's card at every size). Some are the generated panic paths' own locations (they classify as
 * documented), the rest are ordinary code of every kind — unwrap, expect, index, slice, assert…, with std's
 * messages or custom ones — in the functions of the generated frames, and a few are in test modules.
 * Recorded with the inventory CLI's own helpers (src/inventory/record.ts): same order, same digest, same bytes.
 */
import { createHash } from 'node:crypto';
import type { FoundSite, SiteKind } from '../model/inventory.ts';
import { inventoryRecord, serializeRecord } from '../inventory/record.ts';
import { prng } from './prng.ts';

/** A generated source file and the functions of it that the generated frames name. */
export interface SiteFile {
  path: string;
  stem: string;
  frames: { symbol: string; line: number }[];
}

/** A panic location of a generated panic path: a site of the inventory, documented by that path. */
export interface DocumentedSite {
  file: string;
  line: number;
  kind: SiteKind;
  code: string;
  message: string;
  release: boolean;
}

export interface SyntheticInventoryOptions {
  /** How many synthetic sites (the real ones come on top). */
  n: number;
  seed: number;
  files: readonly SiteFile[];
  /** The generated panic paths' panic locations, in the order of the paths. */
  documented: readonly DocumentedSite[];
  /** The real inventory's sites, kept as they are. */
  real: readonly FoundSite[];
  /** Whether a location of the model covers this line: an undocumented site is never put there. */
  claimed: (file: string, line: number, code: string) => boolean;
}

/** Shares of the N synthetic sites: the rest are undocumented sites of ordinary code. */
export const SHARES = { documented: 0.4, testOnly: 0.05 } as const;

/** The lines code occupies in a generated file; test modules sit below them, as `mod tests` ends a Rust file. */
export const CODE_LINES = { first: 20, last: 2800 } as const;

/**
 * The commit a generated knowledge base was "read at": the same for source-check.json and inventory.json, so that the
 * build's stale check holds, and different per size and seed, as two checkouts' commits are.
 */
export const syntheticCommit = (n: number, seed: number): string =>
  createHash('sha1').update(`src/bench/generate.ts n=${n} seed=${seed}`).digest('hex');

// ---- the vocabulary of ordinary code ---------------------------------------------------------------------------

const QUANTITIES = ['kappa', 'gamma', 'sigma', 'spread', 'mid_price', 'queue_depth', 'tick_size', 'lot_size', 'skew', 'leverage', 'notional', 'half_spread', 'order_size', 'decay', 'horizon', 'markout', 'basis', 'delta', 'vwap', 'ema'];
const NOUNS = ['order', 'fill', 'quote', 'level', 'snapshot', 'nonce', 'position', 'entry', 'leg', 'trade', 'candle', 'signature', 'frame', 'profile', 'balance', 'window'];
const VERBS = ['parse', 'decode', 'sign', 'open', 'connect', 'load', 'serialize', 'spawn', 'subscribe', 'acquire', 'flush', 'persist', 'resolve'];

interface Rng {
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

function rng(seed: number): Rng {
  const next = prng(seed);
  return {
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    chance: (p) => next() < p,
  };
}

/** Kinds weighted as a real crate has them (the real inventory: about a third each unwrap, expect, index). */
const KIND_WEIGHTS: [SiteKind, number][] = [
  ['unwrap', 28], ['expect', 26], ['index', 24], ['slice', 3], ['assert', 5], ['assert_eq', 2], ['assert_ne', 1],
  ['debug_assert', 3], ['debug_assert_eq', 1], ['panic', 3], ['unreachable', 2], ['todo', 1], ['unimplemented', 1],
  ['unwrap_err', 0.5], ['expect_err', 0.5],
];
const TEST_KINDS: SiteKind[] = ['assert_eq', 'assert_eq', 'assert', 'unwrap', 'expect', 'assert_ne', 'unwrap_err'];

function weighted(r: Rng): SiteKind {
  const total = KIND_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let x = r.int(0, 9999) / 10000 * total;
  for (const [k, w] of KIND_WEIGHTS) if ((x -= w) < 0) return k;
  return 'unwrap';
}

const STD = {
  optionUnwrap: 'called `Option::unwrap()` on a `None` value',
  resultUnwrap: 'called `Result::unwrap()` on an `Err` value: {error}',
  unwrapErr: 'called `Result::unwrap_err()` on an `Ok` value: {value}',
  index: 'index out of bounds: the len is {len} but the index is {index}',
  sliceStart: 'range start index {index} out of range for slice of length {len}',
  sliceEnd: 'range end index {index} out of range for slice of length {len}',
  eq: 'assertion `left == right` failed\n  left: {left}\n right: {right}',
  ne: 'assertion `left != right` failed\n  left: {left}\n right: {right}',
} as const;

const camel = (s: string) => s.split('_').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

/** A code line of `kind` and the message the binary prints for it, as a template. */
function ordinary(r: Rng, kind: SiteKind, stem: string): { code: string; message: string } {
  const q = r.pick(QUANTITIES);
  const noun = r.pick(NOUNS);
  const verb = r.pick(VERBS);
  switch (kind) {
    case 'unwrap':
      return r.chance(0.6)
        ? { code: `let ${noun} = self.${noun}s.get(&id).unwrap();`, message: STD.optionUnwrap }
        : { code: `let ${noun} = ${verb}_${noun}(&raw).unwrap();`, message: STD.resultUnwrap };
    case 'expect':
      return r.chance(0.6)
        ? { code: `let ${noun} = ${verb}_${noun}(&ctx).expect("failed to ${verb} ${noun}");`, message: `failed to ${verb} ${noun}: {error}` }
        : { code: `let ${q} = self.${q}_by_${noun}.get(&key).expect("${q} of ${noun} is set");`, message: `${q} of ${noun} is set` };
    case 'unwrap_err':
      return { code: `let err = ${verb}_${noun}(&raw).unwrap_err();`, message: STD.unwrapErr };
    case 'expect_err':
      return { code: `let err = ${verb}_${noun}(&raw).expect_err("${noun} must be rejected");`, message: `${noun} must be rejected: {value}` };
    case 'index':
      return { code: `let ${q} = self.${q}s[${r.pick(['i', 'idx', 'level', 'self.cursor'])}];`, message: STD.index };
    case 'slice':
      return r.chance(0.5)
        ? { code: `let tail = &self.${q}_history[self.${q}_history.len() - n..];`, message: STD.sliceStart }
        : { code: `let head = &buf[..${noun}_len];`, message: STD.sliceEnd };
    case 'assert':
      return r.chance(0.5)
        ? { code: `assert!(${q} > 0.0, "${q} must be positive, got {${q}}");`, message: `${q} must be positive, got {${q}}` }
        : { code: `assert!(self.${q}.is_finite());`, message: `assertion failed: self.${q}.is_finite()` };
    case 'assert_eq':
      return { code: `assert_eq!(self.${noun}s.len(), expected_${noun}s);`, message: STD.eq };
    case 'assert_ne':
      return { code: `assert_ne!(self.${q}, 0.0);`, message: STD.ne };
    case 'debug_assert':
      return { code: `debug_assert!(${q}.is_finite(), "${q} is not finite: {${q}}");`, message: `${q} is not finite: {${q}}` };
    case 'debug_assert_eq':
      return { code: `debug_assert_eq!(self.${noun}s.len(), self.${q}s.len());`, message: STD.eq };
    case 'debug_assert_ne':
      return { code: `debug_assert_ne!(self.${q}, 0.0);`, message: STD.ne };
    case 'panic':
      return { code: `other => panic!("unexpected ${noun} state {other:?} in ${camel(stem)}"),`, message: `unexpected ${noun} state {other} in ${camel(stem)}` };
    case 'unreachable':
      return { code: `_ => unreachable!("unknown ${noun} kind {}", kind),`, message: `internal error: entered unreachable code: unknown ${noun} kind {kind}` };
    case 'todo':
      return { code: 'todo!()', message: 'not yet implemented' };
    case 'unimplemented':
      return { code: `unimplemented!("${verb} for ${noun}s")`, message: `not implemented: ${verb} for ${noun}s` };
  }
}

/** Where rustc's location points on the line: the method's name, the macro's name, the indexed expression. */
function column(code: string, kind: SiteKind): number {
  const indent = 8;
  let at = -1;
  if (kind === 'unwrap' || kind === 'expect' || kind === 'unwrap_err' || kind === 'expect_err') {
    const dot = code.lastIndexOf(`.${kind}(`);
    at = dot < 0 ? -1 : dot + 1;
  } else if (kind === 'index' || kind === 'slice') at = /[\w.]+\[/.exec(code)?.index ?? -1;
  else at = code.indexOf(`${kind}!`);
  return indent + Math.max(at, 0) + 1;
}

/** The function a line is in: the frame of the file that starts last at or before it. */
function enclosing(file: SiteFile, line: number): string {
  let fn = file.frames[0]!;
  for (const f of file.frames) if (f.line <= line && f.line >= fn.line) fn = f;
  return fn.line <= line ? fn.symbol : file.frames[0]!.symbol;
}

/** The real sites followed by N synthetic ones: documented, undocumented and test-only, each file:line once. */
export function syntheticSites(o: SyntheticInventoryOptions): FoundSite[] {
  const r = rng(o.seed ^ 0x1a7e_51fe);
  const byPath = new Map(o.files.map((f) => [f.path, f]));
  const taken = new Set(o.real.map((s) => `${s.file}:${s.line}`));
  const out: FoundSite[] = [];
  const add = (s: FoundSite) => {
    taken.add(`${s.file}:${s.line}`);
    out.push(s);
  };
  const testOnly = Math.round(o.n * SHARES.testOnly);
  const documented = Math.min(Math.floor(o.n * SHARES.documented), o.n - testOnly);

  // The generated paths' own panic locations, path after path: the paths the inventory knows of are whole.
  for (const d of o.documented) {
    if (out.length >= documented) break;
    const file = byPath.get(d.file);
    if (!file || taken.has(`${d.file}:${d.line}`)) continue;
    add({ file: d.file, line: d.line, column: column(d.code, d.kind), kind: d.kind, fn: enclosing(file, d.line), message: d.message, release: d.release, testOnly: false, code: d.code });
  }

  // Test modules at the end of files: below the code lines, in `tests::…` functions.
  for (let k = 0; k < testOnly; k++) {
    const file = r.pick(o.files);
    let line = r.int(CODE_LINES.last + 100, CODE_LINES.last + 600);
    while (taken.has(`${file.path}:${line}`)) line++;
    const kind = r.pick(TEST_KINDS);
    const { code, message } = ordinary(r, kind, file.stem);
    const test = `tests::${r.pick(QUANTITIES)}_${r.pick(['is_rejected', 'round_trips', 'stays_finite', 'fires_once', 'is_clamped'])}`;
    add({ file: file.path, line, column: column(code, kind), kind, fn: test, message, release: true, testOnly: true, code });
  }

  // Ordinary code: every kind, on lines no location of the model covers (they would be documented, or guarded).
  const last = CODE_LINES.last + Math.ceil((2 * o.n) / o.files.length);
  while (out.length < o.n) {
    const file = r.pick(o.files);
    const line = r.int(CODE_LINES.first, last);
    const kind = weighted(r);
    const { code, message } = ordinary(r, kind, file.stem);
    if (taken.has(`${file.path}:${line}`) || o.claimed(file.path, line, code)) continue;
    const fn = enclosing(file, line);
    const closure = r.chance(0.08);
    add({
      file: file.path, line, column: column(code, kind), kind,
      fn: closure ? `${fn}::{{closure}}` : fn,
      message,
      release: !kind.startsWith('debug_') && !r.chance(0.02),
      testOnly: false,
      code,
    });
  }
  return [...o.real, ...out];
}

/** `content/inventory.json` of a generated knowledge base: the CLI's record, at the generated source-check's commit. */
export function syntheticInventoryJson(sites: readonly FoundSite[], commit: string): string {
  return serializeRecord(inventoryRecord(sites, commit));
}
