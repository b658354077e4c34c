/**
 * Opens one input of `mm-panics triage` as a stream of bytes, after checking that it is a log: a file that exists
 * and is not a folder, or standard input. A gzip file (a rotated `app.log.1.gz`) is read decompressed. Binary data
 * (a NUL byte in the first 8 KiB, as git and grep judge it) is refused; a run of NUL bytes at the very start is the
 * mark of a log truncated while it was written (logrotate's `copytruncate`) and is skipped with a warning.
 *
 * A file is read by position, so that what happens to it meanwhile is seen: a file truncated while it is read is
 * reported (a warning) rather than ending the read early in silence. Followed (`--follow FILE`), it is read as
 * `tail -F` reads it, until the signal aborts: new lines as they are written, a truncated file from its start again,
 * a file replaced by a new one (rotated) to the end of the old one and then from the start of the new one.
 */
import * as fs from 'node:fs';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { checkedLog, LogInputError } from './log-bytes.ts';

// fs's callbacks, not node:fs/promises: loading that loads Node's streams, which every start of the triage would pay
// for (src/cli/triage-cache.ts).
const open = promisify(fs.open);
const read = promisify(fs.read);
const fstat = promisify(fs.fstat);
const stat = promisify(fs.stat);
const close = promisify(fs.close);

export { LogInputError };
/** Bytes a file is read by at once: fewer, larger reads cost less than a stream's 64 KiB. */
export const READ_CHUNK = 1 << 18;
/** Chunks asked for at once. */
export const READ_AHEAD = 4;

export interface OpenedInput {
  /** `-` for standard input, else the path as given. */
  name: string;
  chunks: AsyncIterable<Uint8Array>;
}

export interface FollowOptions {
  /** Read on past the end of a file, as `tail -F`, until `signal` aborts. */
  follow?: boolean;
  signal?: AbortSignal;
  /** How often a followed file is looked at once its end is reached. */
  pollMs?: number;
}

export function openInput(
  path: string,
  stdin?: Readable,
  warn: (message: string) => void = () => {},
  options: FollowOptions = {},
): OpenedInput {
  // Standard input is taken only when asked for: Node builds its stream at the first look.
  if (path === '-') return { name: '-', chunks: checked('-', stdin ?? process.stdin, warn) };
  let isDirectory: boolean;
  try {
    isDirectory = fs.statSync(path).isDirectory();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new LogInputError(
      code === 'ENOENT'
        ? `${path}: no such file`
        : code === 'EACCES'
          ? `${path}: permission denied`
          : `${path}: cannot be read (${code ?? String(e)})`,
    );
  }
  if (isDirectory)
    throw new LogInputError(`${path}: is a directory; give the log files in it (\`${path.replace(/\/$/, '')}/*.log\`)`);
  return { name: path, chunks: checked(path, fileChunks(path, warn, options), warn) };
}

/** Resolves true when `ms` passed, false when the signal aborted first. */
async function waited(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  const { setTimeout: sleep } = await import('node:timers/promises');
  return sleep(ms, undefined, { signal }).then(
    () => true,
    () => false,
  );
}

/** The file's chunks by position; followed when asked. Errors are the read's own (nextChunk names them). */
async function* fileChunks(
  path: string,
  warn: (message: string) => void,
  options: FollowOptions,
): AsyncGenerator<Uint8Array> {
  const { follow = false, signal, pollMs = 200 } = options;
  let fd = await open(path, 'r');
  // Reads asked for ahead and not yet done: a descriptor is closed only after them, lest its number, given to the
  // next file opened, be read by a read meant for this one.
  const reading = new Set<Promise<void>>();
  const closed = async (old: number) => {
    await Promise.all(reading);
    await close(old);
  };
  let pos = 0;
  let size = (await fstat(fd)).size;
  /**
   * Reads from `pos` to the end of the open file, a few chunks asked for ahead of the one handed over: the disk (or
   * page cache) and the thread that reads work while the chunk is read, as a stream's read-ahead does, and a late
   * read on a busy machine finds the next ones done.
   */
  async function* toEnd(): AsyncGenerator<Uint8Array> {
    // A new buffer each time: the consumer may still hold the last chunk (gunzip, the NUL skipper).
    const readAt = (at: number) => {
      const buffer = Buffer.allocUnsafe(READ_CHUNK);
      const chunk = read(fd, buffer, 0, READ_CHUNK, at).then(({ bytesRead }) => buffer.subarray(0, bytesRead));
      // A read ahead may fail after the consumer stops: its error is the next call's, or no one's.
      const settled = chunk.then(
        () => undefined,
        () => undefined,
      );
      reading.add(settled);
      void settled.then(() => reading.delete(settled));
      return chunk;
    };
    const ahead: Promise<Uint8Array>[] = [];
    let asked = pos;
    for (;;) {
      while (ahead.length < READ_AHEAD) {
        ahead.push(readAt(asked));
        asked += READ_CHUNK;
      }
      const chunk = await ahead.shift()!;
      if (chunk.length === 0) return;
      pos += chunk.length;
      // A short read (the end, for now): the reads after it assumed a full one and are asked again from here.
      if (chunk.length < READ_CHUNK) {
        ahead.length = 0;
        asked = pos;
      }
      yield chunk;
    }
  }
  try {
    for (;;) {
      yield* toEnd();
      const now = (await fstat(fd)).size;
      if (now < pos || (!follow && pos < size)) {
        warn(
          `${path}: truncated while being read (to ${now} bytes, after ${Math.max(pos, now)} were read)${follow ? '; reading it again from its start' : ''}`,
        );
        if (!follow) return;
        pos = 0;
        size = now;
        continue;
      }
      if (!follow) return;
      if (signal?.aborted || !(await waited(pollMs, signal))) return;
      // Rotated: the name now leads to another file. What was written to the old one before is read first.
      let current;
      try {
        current = await stat(path);
      } catch {
        continue; // moved away, the new one not made yet: keep reading the old one meanwhile
      }
      const mine = await fstat(fd);
      if (current.ino !== mine.ino || current.dev !== mine.dev) {
        yield* toEnd();
        const next = await open(path, 'r').catch(() => undefined);
        if (next === undefined) continue; // gone again between the two looks: the next look sees what came
        await closed(fd);
        fd = next;
        pos = 0;
        size = current.size;
        warn(`${path}: replaced by a new file (rotated); following the new one`);
      }
    }
  } finally {
    await closed(fd);
  }
}

const checked = (name: string, stream: AsyncIterable<Uint8Array>, warn: (message: string) => void) =>
  checkedLog(name, stream, warn, gunzip, (n, e) => {
    const code = (e as NodeJS.ErrnoException).code;
    return new LogInputError(
      code === 'EISDIR' ? `${n}: is a directory` : `${n}: read failed (${code ?? (e as Error).message})`,
    );
  });

function gunzip(name: string, first: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      // Loaded when a gzip file comes: every module loaded at start is paid by every start, and most logs are text.
      const [{ Readable }, { createGunzip }] = await Promise.all([import('node:stream'), import('node:zlib')]);
      const source = Readable.from(
        (async function* () {
          yield first;
          for (;;) {
            const r = await rest.next();
            if (r.done) return;
            yield r.value;
          }
        })(),
      );
      const gz = createGunzip();
      source.on('error', (e) => gz.destroy(e));
      gz.on('error', () => {});
      source.pipe(gz);
      try {
        for await (const chunk of gz) yield chunk as Uint8Array;
      } catch (e) {
        throw new LogInputError(`${name}: not a valid gzip file (${(e as Error).message})`);
      }
    },
  };
}
