/**
 * Bundles the log page's worker from the CLI's own sources: `node:buffer` (the reader's one Node import) resolves to
 * the browser's equivalent, src/logs/browser/node-buffer.ts. Anything else from Node in the worker fails the build.
 */
import { fileURLToPath } from 'node:url';

const SHIMS: Record<string, string> = { 'node:buffer': fileURLToPath(new URL('./node-buffer.ts', import.meta.url)) };

export function browserLogReader() {
  return {
    name: 'mm-panics-browser-log-reader',
    enforce: 'pre' as const,
    resolveId(id: string) {
      if (SHIMS[id]) return SHIMS[id];
      if (id.startsWith('node:'))
        throw new Error(
          `log worker: ${id} has no browser equivalent; keep Node APIs out of src/logs/ modules the worker imports`,
        );
      return null;
    },
  };
}
