/**
 * What the log reader (src/logs/line-reader.ts) takes from `node:buffer`, for the log page's worker: the worker is
 * bundled from the same reader as the CLI, and a browser has no `node:buffer`. A fatal decoder says whether bytes
 * are valid UTF-8; the reader only asks so to report where an invalid sequence is.
 */
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function isUtf8(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
