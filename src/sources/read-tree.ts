/** The only fs reads of the source check: is this a Rust crate, and the lines of the files the model names. */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { splitLines } from './check.ts';

/** Why `repo` cannot be checked, or undefined when it is a folder holding a Cargo.toml. */
export function repoProblem(repo: string): string | undefined {
  let stat;
  try {
    stat = statSync(repo);
  } catch {
    return `--repo ${repo}: no such folder`;
  }
  if (!stat.isDirectory()) return `--repo ${repo}: not a folder`;
  if (!existsSync(resolve(repo, 'Cargo.toml'))) return `--repo ${repo}: not a Rust crate (no Cargo.toml)`;
  return undefined;
}

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
};

export type ReadFiles = { files: Map<string, string[] | undefined> } | { error: string };

/**
 * Reads each file (relative to `repo`) as UTF-8 lines; a file that does not exist maps to `undefined`.
 * Fails with a one-line error when a path leaves the checkout (`../`, an absolute path, or a symlink pointing
 * outside it), names something that is not a file, or a file is not valid UTF-8.
 */
export function readSourceFiles(repo: string, files: Iterable<string>): ReadFiles {
  const root = realpathSync(repo);
  const out = new Map<string, string[] | undefined>();
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  for (const file of files) {
    if (out.has(file)) continue;
    const abs = resolve(root, file);
    if (isAbsolute(file) || !inside(root, abs)) return { error: `${file}: outside the checkout ${repo}` };
    if (!existsSync(abs)) {
      out.set(file, undefined);
      continue;
    }
    const real = realpathSync(abs);
    if (!inside(root, real)) return { error: `${file}: outside the checkout ${repo} (it resolves to ${real})` };
    if (!statSync(real).isFile()) return { error: `${file}: not a file` };
    const bytes = readFileSync(real);
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return { error: `${file}: not valid UTF-8 (is the checkout at ${repo} a Rust source tree?)` };
    }
    out.set(file, splitLines(text));
  }
  return { files: out };
}
