import { FRAME_ADDRESS } from './grammar.ts';

/** The application's crate: its frames are the ones a reader can act on. */
export const APP_CRATE = 'market_maker';

// v0 mangling prints `std[e28293b1aa0f68bd]::`; the hash changes with every toolchain, so it
// would defeat matching against the reference.
const CRATE_HASH = /\[[0-9a-f]{8,32}\]/g;
// Legacy mangling appends `::h` + 16 hex digits, which differs per build.
const SYMBOL_HASH = /::h[0-9a-f]{16}$/;
// v0 prints `{closure#0}` where legacy prints `{{closure}}`; one spelling keeps matching simple.
const V0_CLOSURE = /\{closure#\d{1,6}\}/g;

export function cleanSymbol(raw: string): string {
  let s = raw.trim().replace(FRAME_ADDRESS, '');
  s = s.replace(CRATE_HASH, '').replace(SYMBOL_HASH, '');
  // Replace only closures not already written `{{closure}}`; the v0 form never has `{{`.
  s = s.replace(V0_CLOSURE, (m, offset: number, all: string) => (all[offset - 1] === '{' ? m : '{{closure}}'));
  return s.trim();
}

const RUNTIME_SYMBOL_PREFIXES = [
  'std::',
  'core::',
  'alloc::',
  'tokio::',
  '__rustc::',
  '__rust_',
  'rust_begin_unwind',
  'backtrace::',
  '_start',
  '__libc_start',
  '<unknown>',
];

// Paths the toolchain, cargo's registry or libc print; normalisation would cut
// `/rustc/<hash>/library/std/src/panicking.rs` to `src/panicking.rs`, so the raw path decides.
const FOREIGN_PATH_MARKERS = [
  '/rustc/',
  'library/std',
  'library/core',
  'library/alloc',
  '/library/',
  '.cargo/registry',
  '.cargo/git',
  '.rustup',
  '/csu/',
  '/sysdeps/',
];

/** The symbol without the `<`, `&`, `impl `, `dyn ` that open `<impl X for Y>::f` and `<&X as Y>::f`. */
function leadingPath(symbol: string): string {
  let s = symbol;
  for (let i = 0; i < 8; i++) {
    const next = s.replace(/^(?:<|&(?:mut )?|impl |dyn )/, '');
    if (next === s) break;
    s = next;
  }
  return s;
}

/**
 * Whether a frame belongs to the application. `file` is the path as the backtrace printed it
 * (not normalised), so that std's own `library/std/src/...` is recognised.
 */
export function isInApp(symbol: string, file?: string): boolean {
  const f = file?.replace(/\\/g, '/');
  if (f !== undefined && FOREIGN_PATH_MARKERS.some((m) => f.includes(m))) return false;
  const sym = cleanSymbol(symbol);
  if (sym === 'main' || sym === '') return false;
  if (RUNTIME_SYMBOL_PREFIXES.some((p) => sym.startsWith(p))) return false;
  if (leadingPath(sym).startsWith(APP_CRATE + '::')) return true;
  return f !== undefined && normalizeFile(f).startsWith('src/');
}

/**
 * Forward slashes, and cut to the last `src/` segment: the same file prints as
 * `/home/deploy/hl-mm/src/x.rs`, `./src/x.rs` or `C:\build\src\x.rs` depending on the machine.
 */
export function normalizeFile(file: string): string {
  const f = file.trim().replace(/\\/g, '/');
  const i = f.lastIndexOf('/src/');
  if (i >= 0) return f.slice(i + 1);
  return f.startsWith('./') ? f.slice(2) : f;
}

/** The first frame (lowest index) in the application: where the reader should look. */
export function highestAppFrame<T extends { index: number; inApp: boolean }>(frames: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const f of frames) if (f.inApp && (best === undefined || f.index < best.index)) best = f;
  return best;
}

/**
 * The last `::` segments of a symbol, without closures and generics, with `<impl Trait for T>` and `<T as Trait>`
 * read as `T`: `handlers::<impl …::EventLoop>::handle_fill` → `EventLoop::handle_fill`.
 */
export function symbolTail(symbol: string, parts = 2): string {
  // Called for every frame of a paste against every panic frame: cache by symbol and depth.
  const key = `${parts}\u0000${symbol}`;
  let tail = TAILS.get(key);
  if (tail === undefined) {
    if (TAILS.size > 20_000) TAILS.clear();
    tail = computeTail(symbol, parts);
    TAILS.set(key, tail);
  }
  return tail;
}
const TAILS = new Map<string, string>();

function computeTail(symbol: string, parts: number): string {
  const cleaned = symbol
    .replace(/::\{\{closure\}\}|::\{closure#\d+\}/g, '')
    .replace(
      /<impl (?:[^<>]* for )?([^<>]*)>|<([^<>]*?) as [^<>]*>/g,
      (_m, impl?: string, as?: string) => (impl ?? as ?? '').split('::').at(-1) ?? '',
    )
    .replace(/<[^<>]*>/g, '');
  return cleaned.split('::').filter(Boolean).slice(-parts).join('::');
}

/** A pasted frame's symbol is the model's `frame` (`EventLoop::run`, or `handlers::*` for any function there). */
export function symbolMatches(symbol: string, frame: string): boolean {
  const want = frame.replace(/::\*$/, '');
  const tail = symbolTail(symbol, want.split('::').length);
  return tail === want || symbol.endsWith(`::${want}`);
}
