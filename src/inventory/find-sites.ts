/**
 * Finds every panic-capable site of a crate in its tree-sitter syntax trees, at the place rustc's panic location
 * points to (checked against real panics of rustc 1.95, see src/fixtures/inventory-panics/):
 *
 * - `.unwrap()`/`.expect(…)`/`.unwrap_err()`/`.expect_err(…)`: the method name, on its own line in a chain;
 * - `panic!`, `assert!`… and a crate's own `macro_rules!` that panics: the start of the outermost macro call,
 *   whatever line its arguments are on (a macro's body has no location of its own);
 * - indexing: the whole expression for the built-in index of an array or slice by an integer (`a[i]`), the `[`
 *   for an `Index` impl (`Vec`, `HashMap`, `str`, ranges);
 * - a call of the crate's own `#[track_caller]` function stands for the sites inside it and the ones it reaches;
 * - columns count characters, not bytes.
 *
 * Two passes: what the crate declares (crate-facts.ts), then each file's sites (visit-file.ts); the calls of
 * `#[track_caller]` functions are resolved last (track-caller.ts). Whether `.unwrap()` is on an Option or a
 * Result is decided in option-or-result.ts.
 */
import type { Parser, Tree } from 'web-tree-sitter';
import type { FoundSite } from '../model/inventory.ts';
import { collectFacts, emptyFacts, emptyPending, resolveFacts } from './crate-facts.ts';
import { recordLockGuards } from './lock-guards.ts';
import { TrackCallerGraph } from './track-caller.ts';
import { FileScan } from './visit-file.ts';

export type { FoundSite };
export { type CrateFacts, emptyFacts } from './crate-facts.ts';
export { macroEntries } from './macro-expand.ts';

export interface CrateFile {
  /** Path relative to the crate root, with `/`. */
  file: string;
  text: string;
}

/** A binary's crate name: `src/bin/ws-trades.rs` → `ws_trades`, `src/main.rs` → the package's. */
const binName = (file: string, pkg: string): string | undefined => {
  const m = /^src\/bin\/([^/]+)\.rs$/.exec(file) ?? /^src\/bin\/([^/]+)\/main\.rs$/.exec(file);
  if (m) return m[1]!.replace(/-/g, '_');
  return file === 'src/main.rs' ? pkg.replace(/-/g, '_') : undefined;
};

export const isTestPath = (file: string): boolean => /^(tests|benches|examples)\//.test(file);

const order = (a: FoundSite, b: FoundSite): number =>
  a.file < b.file
    ? -1
    : a.file > b.file
      ? 1
      : a.line - b.line || a.column - b.column || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0);

/** Every panic site of a crate's files, sorted by file, line and column. */
export function scanCrate(parser: Parser, files: readonly CrateFile[], pkg = 'market_maker'): FoundSite[] {
  const facts = emptyFacts();
  const pending = emptyPending();
  const trees: { scan: FileScan; tree: Tree }[] = [];
  // The trees live in the parser's WebAssembly memory until deleted, also when a file cannot be read.
  const live = new Set<Tree>();
  const graph = new TrackCallerGraph((name) => (facts.fnCount.get(name) ?? 0) > 1);
  try {
    for (const f of files) {
      const tree = parser.parse(f.text);
      if (!tree) continue;
      live.add(tree);
      const scan = new FileScan(f.file, f.text, parser, facts, graph, { bin: binName(f.file, pkg) });
      trees.push({ scan, tree });
      collectFacts(f.file, tree, facts, pending, { types: scan.types, values: scan.values });
    }
    resolveFacts(facts, pending);
    for (const { scan, tree } of trees) {
      scan.visitFile(tree, isTestPath(scan.file) || facts.testFiles.has(scan.file));
      recordLockGuards(tree.rootNode, scan.sites, scan.lines);
      tree.delete();
      live.delete(tree);
    }
    const reached = graph.resolve();
    const sites: FoundSite[] = [];
    for (const { scan } of trees) {
      for (const p of scan.pending) {
        for (const { resolved, ...s } of reached.get(p.name) ?? [])
          scan.add(p.offset, { ...s, via: { fn: p.name, resolved } }, p.ctx);
      }
      // One at a time: a spread of a file's sites into a call's arguments overflows the stack on a generated file.
      for (const s of scan.sites) sites.push(s);
    }
    return sites.sort(order);
  } finally {
    for (const tree of live) tree.delete();
  }
}
