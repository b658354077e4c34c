/**
 * Standard output written straight to its file descriptor. Node builds `process.stdout` (a stream, and for a pipe a
 * socket, with the modules behind them) at its first use: for a short command such as `mm-panics triage`, that is
 * much of what a start costs beyond Node's own. Each write here is whole when it returns, so a large report is never
 * cut at exit.
 *
 * A descriptor that whoever started us left non-blocking answers EAGAIN when the reader is slow: the rest is then
 * handed to `process.stdout`, which waits for the reader. A reader that went away (EPIPE, `… | head`) ends the run
 * quietly: there is no one left to tell.
 */
import { writeSync } from 'node:fs';

export interface TextSink {
  write(text: string): unknown;
}

/** Quiet on a closed pipe (`mm-panics triage big.log | head`): the reader went away. */
function exitQuietlyOnEpipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

export function directStdout(fd = 1, fallback: () => NodeJS.WriteStream = () => process.stdout): TextSink {
  let stream: NodeJS.WriteStream | undefined;
  const handOver = (rest: Uint8Array) => {
    stream = fallback();
    exitQuietlyOnEpipe(stream);
    return stream.write(rest);
  };
  return {
    write(text: string) {
      if (stream) return stream.write(text);
      const bytes = Buffer.from(text);
      let at = 0;
      while (at < bytes.length) {
        try {
          at += writeSync(fd, bytes, at, bytes.length - at);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'EAGAIN') return handOver(bytes.subarray(at));
          if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
          throw e;
        }
      }
      return true;
    },
  };
}
