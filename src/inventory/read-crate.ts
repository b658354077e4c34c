/** The Rust files of a checkout, as UTF-8 text: every `*.rs` outside `target/` and hidden folders. */
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { listSourceFiles, readSourceFile, type SourceProblem } from '../files/source-tree.ts';
import type { CrateFile } from './find-sites.ts';

/**
 * The files, or the first file refused by the source tree's reader (a FIFO, a device, a folder or a link loop
 * named `*.rs`, a link out of the checkout, a file too large or not UTF-8) with how many were refused in all:
 * as check-sources, the inventory does not run on a tree it cannot read whole, since a site it skipped would
 * be counted as absent.
 */
export type ReadCrate = { files: CrateFile[] } | { error: string; refused: SourceProblem[] };

export function readCrate(repo: string): ReadCrate {
  const root = realpathSync(repo);
  // Build output and vendored or hidden folders are no source of the crate.
  const paths = listSourceFiles(root, '**/*.rs', ['target/**', '**/target/**', 'node_modules/**', '.*/**', '**/.*/**']);
  const files: CrateFile[] = [];
  const refused: SourceProblem[] = [];
  for (const file of paths) {
    const read = readSourceFile(root, file, repo);
    if ('text' in read) files.push({ file, text: read.text });
    else if ('problem' in read) refused.push(read.problem);
  }
  if (refused.length > 0) {
    const more =
      refused.length > 1 ? ` (and ${refused.length - 1} more file${refused.length > 2 ? 's' : ''} refused)` : '';
    return { error: `${refused[0]!.message}${more}`, refused };
  }
  return { files };
}

/** The package name of the crate's Cargo.toml (`[package] name = "…"`), read as TOML's simplest form. */
export function packageName(repo: string): string {
  let text = '';
  try {
    text = readFileSync(join(repo, 'Cargo.toml'), 'utf8');
  } catch {
    return 'main';
  }
  let inPackage = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) inPackage = line === '[package]';
    else if (inPackage && line.startsWith('name')) {
      const value = line.slice(line.indexOf('=') + 1).trim();
      return value.replace(/^"|"$/g, '');
    }
  }
  return 'main';
}
