/**
 * The one way this project replaces a file: the new bytes go to a temporary file in the same folder (so the rename
 * stays on one file system), are synced to disk, and the temporary file is renamed over the target. A reader sees
 * the old file or the new one, never half of one; a kill leaves at most a `.NAME.*.tmp` beside the target. The
 * folder is synced after the rename so that the new name survives a power cut too.
 * Imports nothing of the project: every writer, at any layer, may use it.
 */
import { chmodSync, closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/** A name beside `path` that no other writer (process, or earlier call of this one) uses. */
export function siblingPath(path: string, kind: string): string {
  counter++;
  return join(dirname(path), `.${basename(path)}.${process.pid}-${Date.now().toString(36)}-${counter}.${kind}`);
}

/** A temporary name made by siblingPath: what a run after a kill may delete. */
export const SIBLING_NAME = /^\..+\.\d+-[0-9a-z]+-\d+\.(tmp|old)$/;

/**
 * Creates `path`, which must not exist, holding `data`, synced to disk. `mode` (the permission bits, the umask
 * aside) defaults to 0o644.
 */
export function writeNewSynced(path: string, data: string | Uint8Array, mode?: number, sync = true): void {
  const fd = openSync(path, 'wx', mode ?? 0o644);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    if (sync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // openSync's mode is filtered by the umask: a mode asked for is set as asked.
  if (mode !== undefined) chmodSync(path, mode);
}

/** Syncs a folder's entries (a rename or unlink in it) to disk; some file systems refuse, and then it is best effort. */
export function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // EISDIR/EINVAL on file systems that cannot sync a folder: the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The permission bits of an existing file, or undefined when there is none. */
export function modeOf(path: string): number | undefined {
  try {
    return statSync(path).mode & 0o7777;
  } catch {
    return undefined;
  }
}

export interface AtomicWriteOptions {
  /** Permission bits; the old file's by default. */
  mode?: number;
  /**
   * false: no fsync (about 10 ms a file here). For output that is made again from its sources, such as the build's
   * thousands of `.gz` files: readers still never see half a file, only a power cut could lose it.
   */
  durable?: boolean;
}

/**
 * Replaces (or creates) `path` with `data` all or nothing, keeping the old file's permission bits unless `mode` is
 * given. Throws the file system's error, leaving no temporary file.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const durable = options.durable ?? true;
  const temp = siblingPath(path, 'tmp');
  try {
    writeNewSynced(temp, data, options.mode ?? modeOf(path), durable);
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  if (durable) syncFolder(dirname(path));
}
