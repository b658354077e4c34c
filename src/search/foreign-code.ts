/**
 * A panic that is not the market maker's: its location and frames name no file of the crate and no symbol of it,
 * but another program's files or a crates.io dependency's (cargo's registry path says which crate and version). The
 * toolchain's own files (`/rustc/…/library/std/…`) say nothing either way. A dependency's panic with an application
 * frame under it is the application's: the highest application frame decides, as for any other panic.
 */
import { type AppFiles, isAppFile } from '../model/app-files.ts';
import { APP_CRATE, cleanSymbol } from '../panic-text/frames.ts';
import type { FoundRef } from './evidence-scan.ts';
import type { ParsedPanic } from '../panic-text/parse-paste.ts';

export interface ForeignCode {
  /** `dependency`: a crate of cargo's registry or a git checkout; `program`: files of another crate. */
  kind: 'dependency' | 'program';
  /** The path as the paste printed it, with its line. */
  path: string;
  /** For a dependency: the crate's name, and its version when the registry path gives it. */
  crate?: string;
  version?: string;
}

const TOOLCHAIN = [
  '/rustc/',
  'library/std/',
  'library/core/',
  'library/alloc/',
  '/library/',
  '.rustup/',
  '/csu/',
  '/sysdeps/',
];
// `…/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/tokio-1.38.0/src/…`; the version may carry `-alpha.1`.
// In a container CARGO_HOME is often `/cargo` or `/usr/local/cargo`, without the dot.
const REGISTRY =
  /(?:^|\/)\.?cargo\/registry\/src\/[^/]{1,200}\/([A-Za-z0-9_-]{1,100}?)-(\d{1,9}\.\d{1,9}\.\d{1,9}(?:[-+][0-9A-Za-z.+-]{1,60})?)\//;
const GIT = /(?:^|\/)\.?cargo\/git\/checkouts\/([A-Za-z0-9_.-]{1,100}?)-[0-9a-f]{6,40}\//;

type Place = { ours: true } | { ours: false; foreign?: ForeignCode };

function placeOf(raw: string, file: string, app: AppFiles, at: string): Place {
  const path = raw.replace(/\\/g, '/');
  const reg = REGISTRY.exec(path);
  if (reg)
    return { ours: false, foreign: { kind: 'dependency', path: `${raw}${at}`, crate: reg[1]!, version: reg[2]! } };
  const git = GIT.exec(path);
  if (git) return { ours: false, foreign: { kind: 'dependency', path: `${raw}${at}`, crate: git[1]! } };
  if (TOOLCHAIN.some((m) => path.includes(m))) return { ours: false };
  return isAppFile(app, file) ? { ours: true } : { ours: false, foreign: { kind: 'program', path: `${raw}${at}` } };
}

/** A symbol of the application's crate (`market_maker::…`, `<market_maker::… as …>::…`). */
const APP_SYMBOL = new RegExp(`^(?:<|&|mut |dyn |impl )*${APP_CRATE}::`);
const isAppSymbol = (symbol: string) => APP_SYMBOL.test(cleanSymbol(symbol));

const MAX_REFS = 200;

/**
 * What the panic names instead of the market maker, or undefined when it names a file or symbol of the crate, or
 * nothing but the toolchain. `refs`: the source references of the panic's part of the paste (its own location and
 * its frames' files, as printed); mentions in prose are not where a panic ran.
 */
export function foreignCode(panic: ParsedPanic, refs: readonly FoundRef[], app: AppFiles): ForeignCode | undefined {
  if (panic.frames.some((f) => isAppSymbol(f.symbol))) return undefined;
  let own: ForeignCode | undefined;
  let first: ForeignCode | undefined;
  const placed = [...refs.filter((r) => r.role !== 'mention').slice(0, MAX_REFS)];
  for (const r of placed) {
    const at = r.line === undefined ? '' : `:${r.line}${r.column === undefined ? '' : `:${r.column}`}`;
    const place = placeOf(r.raw, r.file, app, at);
    if (place.ours) return undefined;
    if (!place.foreign) continue;
    first ??= place.foreign;
    if (r.role === 'panic') own ??= place.foreign;
  }
  // The parser's reading (a JSON field, a frame it rebuilt) when the text's references said nothing.
  const where = panic.location;
  if (where && placed.length === 0) {
    const place = placeOf(
      where.file,
      where.file,
      app,
      `:${where.line}${where.column === undefined ? '' : `:${where.column}`}`,
    );
    if (place.ours) return undefined;
    first ??= place.foreign;
  }
  for (const f of panic.frames) if (f.location && f.inApp && isAppFile(app, f.location.file)) return undefined;
  return own ?? first;
}
