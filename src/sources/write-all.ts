/**
 * Writes several files all or nothing: each new text goes to a temporary file beside its target first, and the
 * targets are replaced (rename, atomic per file) only once every temporary file is fully written and synced. If a
 * replacement fails part-way, the files already replaced are put back from hard links to their old contents. A full
 * disk, a permission error or a path that is not a folder leaves every target as it was, and no temporary file.
 */
import { closeSync, fsyncSync, linkSync, openSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { errnoText } from '../model/content-files.ts';

export interface FileWrite {
  /** Absolute path of the file to replace or create. */
  path: string;
  text: string;
  /** How messages name the file (`content/frames.yaml`); the path by default. */
  name?: string;
}

/** The file-system operations used, so that tests can make one of them fail part-way. */
export interface WriteIo {
  /** Creates `path` (which must not exist) holding `text`, with `mode`, synced to disk. */
  writeNew(path: string, text: string, mode: number | undefined): void;
  rename(from: string, to: string): void;
  link(existing: string, path: string): void;
  unlink(path: string): void;
  /** The permission bits of an existing file, or undefined when there is none. */
  modeOf(path: string): number | undefined;
}

export const nodeIo: WriteIo = {
  writeNew(path, text, mode) {
    const fd = openSync(path, 'wx', mode ?? 0o644);
    try {
      const bytes = Buffer.from(text, 'utf8');
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // openSync's mode is filtered by the umask: set it as the old file had it.
    if (mode !== undefined) chmodSync(path, mode);
  },
  rename: renameSync,
  link: linkSync,
  unlink: unlinkSync,
  modeOf(path) {
    try {
      return statSync(path).mode & 0o7777;
    } catch {
      return undefined;
    }
  },
};

export class WriteError extends Error {}


const sibling = (path: string, kind: 'tmp' | 'old', n: number) =>
  join(dirname(path), `.${basename(path)}.${process.pid}-${Date.now().toString(36)}-${n}.${kind}`);

/** Replaces every file of `writes`, or none: throws a WriteError naming the file and the cause, with no file changed. */
export function writeAllOrNothing(writes: readonly FileWrite[], io: WriteIo = nodeIo): void {
  const temps: string[] = [];
  const quietly = (f: () => void) => {
    try {
      f();
    } catch {
      // Cleaning up after a failure: the failure itself is what gets reported.
    }
  };
  const dropTemps = () => {
    for (const t of temps) quietly(() => io.unlink(t));
  };

  // 1. Every new text into a temporary file beside its target.
  for (const [i, w] of writes.entries()) {
    const tmp = sibling(w.path, 'tmp', i);
    try {
      io.writeNew(tmp, w.text, io.modeOf(w.path));
      temps.push(tmp);
    } catch (e) {
      quietly(() => io.unlink(tmp)); // a partly written file (ENOSPC)
      dropTemps();
      throw new WriteError(`${w.name ?? w.path}: cannot write (${errnoText(e)}); no file was changed`);
    }
  }

  // 2. Replace the targets, keeping each old file under a second name until all are replaced.
  const replaced: { path: string; old: string | undefined }[] = [];
  for (const [i, w] of writes.entries()) {
    let old: string | undefined = sibling(w.path, 'old', i);
    try {
      if (io.modeOf(w.path) === undefined) old = undefined;
      else io.link(w.path, old);
      io.rename(temps[i]!, w.path);
      replaced.push({ path: w.path, old });
    } catch (e) {
      if (old !== undefined) quietly(() => io.unlink(old!));
      const unrestored: string[] = [];
      for (const r of replaced.reverse()) {
        try {
          if (r.old === undefined) io.unlink(r.path);
          else io.rename(r.old, r.path);
        } catch {
          unrestored.push(r.old ? `${r.path} (its old text is in ${r.old})` : r.path);
        }
      }
      for (const t of temps.slice(i)) quietly(() => io.unlink(t));
      throw new WriteError(
        `${w.name ?? w.path}: cannot replace (${errnoText(e)}); ` +
          (unrestored.length === 0 ? 'no file was changed' : `could not put back: ${unrestored.join(', ')}`),
      );
    }
  }

  // 3. Every target holds its new text: the old files can go.
  for (const r of replaced) if (r.old !== undefined) quietly(() => io.unlink(r.old!));
}
