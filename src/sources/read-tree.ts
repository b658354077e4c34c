/** The only fs reads of the source check: is this a Rust crate, and the lines of the files the model names. */
import { accessSync, constants, existsSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { errnoText, MAX_SOURCE_BYTES, readSourceFile } from '../files/source-tree.ts';
import { splitLines } from './check.ts';

export { MAX_SOURCE_BYTES };

/** Why `repo` cannot be checked, or undefined when it is a folder holding a Cargo.toml. */
export function repoProblem(repo: string): string | undefined {
  let stat;
  try {
    stat = statSync(repo);
  } catch {
    return `--repo ${repo}: no such folder`;
  }
  if (!stat.isDirectory()) return `--repo ${repo}: not a folder`;
  try {
    accessSync(repo, constants.R_OK | constants.X_OK);
  } catch (e) {
    return `--repo ${repo}: cannot be read (${errnoText(e)})`;
  }
  if (!existsSync(resolve(repo, 'Cargo.toml'))) return `--repo ${repo}: not a Rust crate (no Cargo.toml)`;
  return undefined;
}

export type ReadFiles = { files: Map<string, string[] | undefined> } | { error: string };

/**
 * Reads each file (relative to `repo`) as lines with the source tree's reader; a file that does not exist maps to
 * `undefined`. Fails with the reader's one-line message for the first file it refuses.
 */
export function readSourceFiles(repo: string, files: Iterable<string>): ReadFiles {
  const root = realpathSync(repo);
  const out = new Map<string, string[] | undefined>();
  for (const file of files) {
    if (out.has(file)) continue;
    const read = readSourceFile(root, file, repo);
    if ('problem' in read) return { error: read.problem.message };
    out.set(file, 'missing' in read ? undefined : splitLines(read.text));
  }
  return { files: out };
}
