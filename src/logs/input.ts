/**
 * Opens one input of `mm-panics triage` as a stream of bytes, after checking that it is a log: a file that exists
 * and is not a folder, or standard input. A gzip file (a rotated `app.log.1.gz`) is read decompressed. Binary data
 * (a NUL byte in the first 8 KiB, as git and grep judge it) is refused; a run of NUL bytes at the very start is the
 * mark of a log truncated while it was written (logrotate's `copytruncate`) and is skipped with a warning.
 */
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { checkedLog, LogInputError } from './log-bytes.ts';

export { LogInputError };
const READ_CHUNK = 1 << 16;

export interface OpenedInput {
  /** `-` for standard input, else the path as given. */
  name: string;
  chunks: AsyncIterable<Uint8Array>;
}

export function openInput(path: string, stdin: Readable = process.stdin, warn: (message: string) => void = () => {}): OpenedInput {
  if (path === '-') return { name: '-', chunks: checked('-', stdin, warn) };
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new LogInputError(code === 'ENOENT' ? `${path}: no such file` : code === 'EACCES' ? `${path}: permission denied` : `${path}: cannot be read (${code ?? String(e)})`);
  }
  if (isDirectory) throw new LogInputError(`${path}: is a directory; give the log files in it (\`${path.replace(/\/$/, '')}/*.log\`)`);
  return { name: path, chunks: checked(path, createReadStream(path, { highWaterMark: READ_CHUNK }), warn) };
}

const checked = (name: string, stream: AsyncIterable<Uint8Array>, warn: (message: string) => void) =>
  checkedLog(name, stream, warn, gunzip, (n, e) => {
    const code = (e as NodeJS.ErrnoException).code;
    return new LogInputError(code === 'EISDIR' ? `${n}: is a directory` : `${n}: read failed (${code ?? (e as Error).message})`);
  });

function gunzip(name: string, first: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncIterable<Uint8Array> {
  const source = Readable.from((async function* () {
    yield first;
    for (;;) {
      const r = await rest.next();
      if (r.done) return;
      yield r.value;
    }
  })());
  const gz = createGunzip();
  source.on('error', (e) => gz.destroy(e));
  gz.on('error', () => {});
  source.pipe(gz);
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for await (const chunk of gz) yield chunk as Uint8Array;
      } catch (e) {
        throw new LogInputError(`${name}: not a valid gzip file (${(e as Error).message})`);
      }
    },
  };
}
