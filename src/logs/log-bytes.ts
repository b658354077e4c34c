/**
 * Checks that a stream of bytes is a log before it is read, for the CLI (src/logs/input.ts) and the log page's worker
 * alike: no Node or DOM API, the caller brings its own gunzip. A gzip stream (a rotated `app.log.1.gz`) is read
 * decompressed. Binary data (a NUL byte in the first 8 KiB, as git and grep judge it) is refused; a run of NUL bytes
 * at the very start is the mark of a log truncated while it was written (logrotate's `copytruncate`) and is skipped
 * with a warning.
 */

export class LogInputError extends Error {}

export const SNIFF_BYTES = 8192;

/** Decompresses a gzip stream given its first chunk and the rest; throws LogInputError on invalid data. */
export type Gunzip = (name: string, first: Uint8Array, rest: AsyncIterator<Uint8Array>) => AsyncIterable<Uint8Array>;

export const isGzip = (bytes: Uint8Array): boolean => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

export async function* checkedLog(
  name: string,
  stream: AsyncIterable<Uint8Array>,
  warn: (message: string) => void,
  gunzip: Gunzip,
  readError: (name: string, e: unknown) => LogInputError = (n, e) =>
    new LogInputError(`${n}: read failed (${(e as Error).message})`),
): AsyncGenerator<Uint8Array> {
  const it = stream[Symbol.asyncIterator]();
  const next = async (): Promise<Uint8Array | undefined> => {
    try {
      const r = await it.next();
      return r.done ? undefined : r.value;
    } catch (e) {
      throw e instanceof LogInputError ? e : readError(name, e);
    }
  };
  let first = await next();
  if (first === undefined) return;
  if (isGzip(first)) {
    yield* checkedLog(`${name} (gunzipped)`, gunzip(name, first, it), warn, gunzip, readError);
    return;
  }
  // Leading NULs, possibly over several chunks.
  let skipped = 0;
  while (first !== undefined) {
    let i = 0;
    while (i < first.length && first[i] === 0) i++;
    skipped += i;
    if (i < first.length) {
      first = first.subarray(i);
      break;
    }
    first = await next();
  }
  if (skipped > 0) warn(`${name}: ${skipped} NUL bytes at the start skipped (a log truncated while it was written?)`);
  if (first === undefined) return;
  const nul = first.subarray(0, SNIFF_BYTES).indexOf(0);
  if (nul >= 0)
    throw new LogInputError(`${name}: binary data (a NUL byte at byte ${skipped + nul}), not a log: skipped`);
  yield first;
  for (;;) {
    const chunk = await next();
    if (chunk === undefined) return;
    yield chunk;
  }
}
