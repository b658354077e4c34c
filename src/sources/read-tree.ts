/** The only fs reads of the source check: is this a Rust crate, and the lines of the files the model names. */
import { accessSync, constants, existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { errnoText, loneCrLine } from '../model/content-files.ts';
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
  try {
    accessSync(repo, constants.R_OK | constants.X_OK);
  } catch (e) {
    return `--repo ${repo}: cannot be read (${errnoText(e)})`;
  }
  if (!existsSync(resolve(repo, 'Cargo.toml'))) return `--repo ${repo}: not a Rust crate (no Cargo.toml)`;
  return undefined;
}

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
};

export type ReadFiles = { files: Map<string, string[] | undefined> } | { error: string };

/** The largest source file read (the market maker's largest is about 100 KiB): anything bigger is not hand-written. */
export const MAX_SOURCE_BYTES = 8 * 1024 * 1024;


/**
 * Reads each file (relative to `repo`) as UTF-8 lines; a file that does not exist maps to `undefined`.
 * Fails with a one-line error when a path leaves the checkout (`../`, an absolute path, or a symlink pointing
 * outside it), names something that is not a file, cannot be read (permissions of the file or of a folder on its
 * way), is larger than MAX_SOURCE_BYTES, is not valid UTF-8, or breaks lines with a lone CR (old Mac line endings:
 * every line number would be wrong).
 */
export function readSourceFiles(repo: string, files: Iterable<string>): ReadFiles {
  const root = realpathSync(repo);
  const out = new Map<string, string[] | undefined>();
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  for (const file of files) {
    if (out.has(file)) continue;
    const abs = resolve(root, file);
    if (isAbsolute(file) || !inside(root, abs)) return { error: `${file}: outside the checkout ${repo}` };
    let real: string;
    let stat;
    try {
      real = realpathSync(abs);
      stat = statSync(real);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        out.set(file, undefined);
        continue;
      }
      return { error: `${file}: cannot be read (${errnoText(e)}); check the permissions of the file and its folders in ${repo}` };
    }
    if (!inside(root, real)) return { error: `${file}: outside the checkout ${repo} (it resolves to ${real})` };
    if (!stat.isFile()) return { error: `${file}: not a file` };
    if (stat.size > MAX_SOURCE_BYTES) {
      return { error: `${file}: ${(stat.size / 1024 / 1024).toFixed(1)} MiB, over the ${MAX_SOURCE_BYTES / 1024 / 1024} MiB a source file may have (is it generated?)` };
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(real);
    } catch (e) {
      return { error: `${file}: cannot be read (${errnoText(e)}); check the permissions of the file and its folders in ${repo}` };
    }
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return { error: `${file}: not valid UTF-8 (is the checkout at ${repo} a Rust source tree?)` };
    }
    const cr = loneCrLine(text);
    if (cr !== undefined) {
      return { error: `${file}:${cr}: a line break is a lone CR (old Mac line endings), so line numbers cannot be checked; convert the file to LF line endings` };
    }
    out.set(file, splitLines(text));
  }
  return { files: out };
}
