/**
 * Writes several files of one folder all or nothing, and recoverably after a kill. The steps:
 *   1. a journal beside the files says `staging` and lists every target, its temporary file and its backup name;
 *   2. each new text goes to its temporary file (synced);
 *   3. the journal is replaced by one that says `forward`: from here on the new texts are the outcome;
 *   4. each target is kept under its backup name (a hard link) and its temporary file is renamed over it;
 *   5. the backups go, then the journal.
 * A kill anywhere leaves either no journal (nothing changed, or everything done) or a journal that the next run
 * finishes with `recoverWrites`: `staging` is undone (the temporary files go), `forward` is completed (the
 * temporary files still there are renamed over their targets). A failure the writer sees (a full disk, a
 * permission error, a path that is not a folder) turns the journal to `back` and puts every replaced file back
 * from its backup; a kill during that is finished the same way by the next run.
 */
import { linkSync, readdirSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { z } from 'astro/zod';
import { modeOf, SIBLING_NAME, siblingPath, syncFolder, writeNewSynced } from '../files/atomic-write.ts';
import { errnoText } from '../model/content-files.ts';

export interface FileWrite {
  /** Absolute path of the file to replace or create. */
  path: string;
  text: string;
  /** How messages name the file (`content/frames.yaml`); the path by default. */
  name?: string;
}

/** The file-system operations used, so that tests can make one of them fail part-way, or stop the process there. */
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
  writeNew: writeNewSynced,
  rename: renameSync,
  link: linkSync,
  unlink: unlinkSync,
  modeOf,
};

export class WriteError extends Error {}

/** The journal: paths relative to its own folder, so that a moved content folder still recovers. */
const journalSchema = z.strictObject({
  state: z.enum(['staging', 'forward', 'back']),
  files: z.array(z.strictObject({ path: z.string(), temp: z.string(), backup: z.string().nullable() })),
});
type Journal = z.infer<typeof journalSchema>;
type Entry = { path: string; temp: string; backup: string | null };

function writeJournal(io: WriteIo, journal: string, state: Journal['state'], entries: readonly Entry[]): void {
  const base = dirname(journal);
  const rel = (p: string) => relative(base, p);
  const body: Journal = {
    state,
    files: entries.map((e) => ({ path: rel(e.path), temp: rel(e.temp), backup: e.backup && rel(e.backup) })),
  };
  const temp = siblingPath(journal, 'tmp');
  try {
    io.writeNew(temp, `${JSON.stringify(body, null, 2)}\n`, undefined);
    io.rename(temp, journal);
  } catch (e) {
    quietly(() => io.unlink(temp));
    throw e;
  }
  syncFolder(base);
}

const quietly = (f: () => void) => {
  try {
    f();
  } catch {
    // Cleaning up after a failure, or a file already gone: the failure itself is what gets reported.
  }
};

const exists = (io: WriteIo, path: string) => io.modeOf(path) !== undefined;

/** Puts back every target from its backup (or removes a target that did not exist); what could not be, by name. */
function rollBack(io: WriteIo, entries: readonly Entry[]): string[] {
  const unrestored: string[] = [];
  for (const e of [...entries].reverse()) {
    try {
      if (e.backup !== null && exists(io, e.backup)) io.rename(e.backup, e.path);
      else if (e.backup === null && !exists(io, e.temp)) {
        if (exists(io, e.path)) io.unlink(e.path);
      }
    } catch {
      unrestored.push(e.backup ? `${e.path} (its old text is in ${e.backup})` : e.path);
      continue;
    }
    // rename() of two names of one file does nothing: the backup name may still be there.
    if (e.backup !== null) quietly(() => io.unlink(e.backup!));
    quietly(() => io.unlink(e.temp));
  }
  return unrestored;
}

/**
 * Replaces every file of `writes`, or none: throws a WriteError naming the file and the cause, with no file changed.
 * `journal` is the journal's path, in the folder the files are in (or above it); one must not exist already.
 */
export function writeAllOrNothing(writes: readonly FileWrite[], journal: string, io: WriteIo = nodeIo): void {
  if (writes.length === 0) return;
  if (exists(io, journal))
    throw new WriteError(`${journal}: an earlier write was stopped part-way; run again to finish it`);
  const entries: Entry[] = writes.map((w) => ({
    path: w.path,
    temp: siblingPath(w.path, 'tmp'),
    backup: exists(io, w.path) ? siblingPath(w.path, 'old') : null,
  }));
  const name = (i: number) => writes[i]!.name ?? writes[i]!.path;
  const journalName = `${writes[0]!.name ? dirname(writes[0]!.name) : dirname(journal)}/${relative(dirname(journal), journal)}`;

  // 1. The journal, before any other file appears: a kill from here on leaves a trace of every file made.
  try {
    writeJournal(io, journal, 'staging', entries);
  } catch (e) {
    throw new WriteError(`${journalName}: cannot write (${errnoText(e)}); no file was changed`);
  }
  const abandon = () => {
    for (const e of entries) quietly(() => io.unlink(e.temp));
    quietly(() => io.unlink(journal));
  };

  // 2. Every new text into its temporary file.
  for (const [i, w] of writes.entries()) {
    try {
      io.writeNew(entries[i]!.temp, w.text, io.modeOf(w.path));
    } catch (e) {
      abandon(); // a partly written file (ENOSPC) too
      throw new WriteError(`${name(i)}: cannot write (${errnoText(e)}); no file was changed`);
    }
  }

  // 3. The point of no return: a kill after this rename leaves the new texts.
  try {
    writeJournal(io, journal, 'forward', entries);
  } catch (e) {
    abandon();
    throw new WriteError(`${journalName}: cannot write (${errnoText(e)}); no file was changed`);
  }

  // 4. Replace the targets, keeping each old file under its backup name until all are replaced.
  for (const [i, e] of entries.entries()) {
    try {
      if (e.backup !== null) io.link(e.path, e.backup);
      io.rename(e.temp, e.path);
    } catch (err) {
      // Undo, saying so first: a kill while undoing is undone by the next run, not completed.
      quietly(() => writeJournal(io, journal, 'back', entries));
      const unrestored = rollBack(io, entries);
      if (unrestored.length === 0) quietly(() => io.unlink(journal));
      throw new WriteError(
        `${name(i)}: cannot replace (${errnoText(err)}); ` +
          (unrestored.length === 0 ? 'no file was changed' : `could not put back: ${unrestored.join(', ')}`),
      );
    }
  }
  for (const d of new Set(entries.map((e) => dirname(e.path)))) syncFolder(d);

  // 5. Every target holds its new text: the backups can go, then the journal.
  for (const e of entries) if (e.backup !== null) quietly(() => io.unlink(e.backup!));
  io.unlink(journal);
}

export interface Recovery {
  /** `finished`: the interrupted write was completed; `undone`: every file is as it was before it. */
  outcome: 'finished' | 'undone';
  /** The targets, relative to the journal's folder. */
  files: string[];
}

/**
 * Finishes a write that a kill stopped part-way, when `journal` exists: undefined when there is none. Throws a
 * WriteError when the journal is not one this module writes or names a file outside its folder.
 */
export function recoverWrites(journal: string, io: WriteIo = nodeIo): Recovery | undefined {
  const base = dirname(journal);
  // The journal's own temporary file, when a kill came between writing and renaming it: never a journal yet.
  let names: string[] = [];
  try {
    names = readdirSync(base);
  } catch {
    // No folder: nothing to recover, and the caller says what is missing.
  }
  const prefix = `.${basename(journal)}.`;
  for (const n of names) if (n.startsWith(prefix) && SIBLING_NAME.test(n)) quietly(() => io.unlink(join(base, n)));
  let text: string;
  try {
    text = readFileSync(journal, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new WriteError(`${journal}: cannot be read (${errnoText(e)})`);
  }
  let parsed: Journal;
  try {
    parsed = journalSchema.parse(JSON.parse(text));
  } catch {
    throw new WriteError(
      `${journal}: not a journal of an interrupted write; look at the files it names, then delete it`,
    );
  }
  const inside = (p: string) => {
    const abs = resolve(base, p);
    const rel = relative(base, abs);
    if (isAbsolute(p) || rel === '' || rel === '..' || rel.startsWith(`..${sep}`)) {
      throw new WriteError(`${journal}: names ${JSON.stringify(p)}, outside its folder; not followed`);
    }
    return abs;
  };
  const entries: Entry[] = parsed.files.map((f) => ({
    path: inside(f.path),
    temp: inside(f.temp),
    backup: f.backup === null ? null : inside(f.backup),
  }));
  const files = parsed.files.map((f) => f.path);
  if (parsed.state === 'forward') {
    for (const e of entries) {
      try {
        // A temporary file still there was not renamed yet; one gone was.
        if (exists(io, e.temp)) io.rename(e.temp, e.path);
      } catch (err) {
        throw new WriteError(
          `${relative(base, e.path)}: cannot finish the interrupted write (${errnoText(err)}); ${journal} is kept`,
        );
      }
    }
    for (const e of entries) if (e.backup !== null) quietly(() => io.unlink(e.backup!));
  } else if (parsed.state === 'back') {
    const unrestored = rollBack(io, entries);
    if (unrestored.length > 0)
      throw new WriteError(`${journal}: could not put back: ${unrestored.join(', ')}; the journal is kept`);
  } else {
    for (const e of entries) quietly(() => io.unlink(e.temp));
  }
  for (const d of new Set(entries.map((e) => dirname(e.path)))) syncFolder(d);
  io.unlink(journal);
  return { outcome: parsed.state === 'forward' ? 'finished' : 'undone', files };
}
