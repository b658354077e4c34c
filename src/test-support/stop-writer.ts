/**
 * Runs a writer in this process and kills the process (SIGKILL, as the OOM killer or a power cut would) right after
 * its k-th step, for the tests that prove a write recoverable from every point. A step is one file-system change of
 * the writer's io; a new file counts twice, once half written and once whole. Run without a k (or past the last
 * step), the writer finishes and the last line on stderr is `steps N`.
 *
 *   node src/test-support/stop-writer.ts K write-all DIR       a, b, c.yaml replaced and d.yaml created in DIR
 *   node src/test-support/stop-writer.ts K check-sources ARGS…  the CLI, its writes through the stopping io
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { nodeIo, type WriteIo, writeAllOrNothing } from '../sources/write-all.ts';

export const WRITE_ALL_NAMES = ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml'] as const;
export const newText = (name: string) => `new ${name}\n`;

export function stoppingIo(k: number): { io: WriteIo; steps: () => number } {
  let steps = 0;
  const step = () => {
    if (++steps === k) process.kill(process.pid, 'SIGKILL');
  };
  const after =
    <A extends unknown[]>(f: (...a: A) => void) =>
    (...a: A) => {
      f(...a);
      step();
    };
  const io: WriteIo = {
    ...nodeIo,
    writeNew(path, text, mode) {
      if (steps + 1 === k) {
        // Killed in the middle of writing the new file: it holds half its text.
        const fd = openSync(path, 'wx', mode ?? 0o644);
        writeSync(fd, text.slice(0, text.length >> 1));
        closeSync(fd);
      }
      step();
      nodeIo.writeNew(path, text, mode);
      step();
    },
    rename: after(nodeIo.rename),
    link: after(nodeIo.link),
    unlink: after(nodeIo.unlink),
  };
  return { io, steps: () => steps };
}

if (import.meta.main) {
  const [kText, mode, ...rest] = process.argv.slice(2);
  const { io, steps } = stoppingIo(Number(kText));
  if (mode === 'write-all') {
    const dir = rest[0]!;
    const writes = WRITE_ALL_NAMES.map((n) => ({ path: join(dir, n), text: newText(n) }));
    writeAllOrNothing(writes, join(dir, '.journal.json'), io);
  } else if (mode === 'check-sources') {
    const { main } = await import('../cli/check-sources.ts');
    process.exitCode = main(rest, io);
  } else {
    throw new Error(`usage: stop-writer.ts K write-all DIR | K check-sources ARGS…`);
  }
  process.stderr.write(`steps ${steps()}\n`);
}
