/**
 * Which source files are the market maker's, for a reader of pastes that must tell its panics from other programs'
 * and dependencies'. A path is compared by its root under `src/` (`src/market_maker/…`, `src/bin/market_maker.rs`,
 * `src/lib.rs`): a module folder of the crate holds files the model has never seen (`src/market_maker/book/l2.rs`),
 * and another program's `src/main.rs` is not ours. A path without `src/` (elided, a bare name) is compared by name.
 * No zod here: the search page reads this (src/model/app-files-schema.ts checks it at build).
 */
import { fileName } from './anchor.ts';
import { pathSegments } from './source-path.ts';

/** `src/<module folder>`, `src/<file>.rs`, `src/bin/<file>.rs` (`roots`) and file names (`names`): see its schema. */
export interface AppFiles {
  roots: string[];
  names: string[];
}

/** `src/market_maker/risk/kill_switch.rs` → `src/market_maker`; `src/bin/x.rs` → `src/bin/x.rs`; no `src/` → undefined. */
export function rootOf(file: string): string | undefined {
  const segs = pathSegments(file);
  const at = segs.lastIndexOf('src');
  if (at < 0 || at + 1 >= segs.length) return undefined;
  return segs.slice(at, segs[at + 1] === 'bin' ? at + 3 : at + 2).join('/');
}

export function appFilesOf(files: Iterable<string>): AppFiles {
  const roots = new Set<string>();
  const names = new Set<string>();
  for (const f of files) {
    const root = rootOf(f);
    if (root !== undefined) roots.add(root);
    names.add(fileName(f));
  }
  return { roots: [...roots].sort(), names: [...names].sort() };
}

/** Whether a path printed in a paste (absolute, `./`, elided, Windows) is a file of the crate. */
export function isAppFile(app: AppFiles, file: string): boolean {
  const root = rootOf(file);
  return root !== undefined ? app.roots.includes(root) : app.names.includes(fileName(file));
}
