/**
 * Logs as collectors write them, built from the real stderr of real panics (src/fixtures/panics/): each wrapper
 * writes a line of the process's stderr the way that tool does, and an application log record (`app`) the way the
 * application's own logger would appear in the same log. For the tests and the benchmark.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PANICKED } from '../panic-text/grammar.ts';

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/panics/', import.meta.url));

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort();
}

export const fixture = (name: string): string => readFileSync(join(FIXTURE_DIR, name), 'utf8');

/** The time of line `n` of a log: one second apart, from a fixed start. */
export const timeAt = (n: number): Date => new Date(Date.UTC(2026, 10, 26, 5, 0, 0) + n * 1000);
const iso = (n: number) => timeAt(n).toISOString();
const isoNanos = (n: number) => iso(n).replace(/\.(\d{3})Z$/, '.$1456789Z');
const syslogTime = (n: number) => {
  const d = timeAt(n);
  return `Nov ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)}`;
};
const logfmtQuote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

const utf8 = new TextEncoder();
const journalRecord = (n: number, priority: string, message: string | number[]) =>
  JSON.stringify({
    __REALTIME_TIMESTAMP: String(timeAt(n).getTime() * 1000),
    _TRANSPORT: 'stdout',
    PRIORITY: priority,
    SYSLOG_IDENTIFIER: 'hl-mm',
    MESSAGE: message,
  });

export interface Wrapper {
  name: string;
  /** One line of stderr as the tool writes it; `n` is the line's number in the log (its time). */
  line(text: string, n: number): string;
  /** An application log record in the same log. */
  app(text: string, n: number): string;
  /** The time as the head line of a panic carries it, when the wrapper has one. */
  time?(n: number): string;
  /** Some loggers write a whole panic as one record (a panic hook logging it): then this writes it. */
  whole?(panic: string, n: number): string;
}

export const WRAPPERS: Wrapper[] = [
  { name: 'plain', line: (t) => t, app: (t) => `INFO market_maker: ${t}` },
  {
    name: 'iso-prefixed',
    line: (t, n) => `${iso(n).replace('Z', '+00:00')} ${t}`,
    app: (t, n) => `${iso(n).replace('Z', '+00:00')} INFO market_maker: ${t}`,
    time: (n) => iso(n).replace('Z', '+00:00'),
  },
  {
    name: 'kubectl --timestamps',
    line: (t, n) => `${isoNanos(n)} ${t}`,
    app: (t, n) => `${isoNanos(n)} ${iso(n)}  INFO market_maker::quote_engine: ${t}`,
    time: isoNanos,
  },
  {
    name: 'journald short-iso',
    line: (t, n) => `${iso(n).slice(0, 19)}+0000 mm-host-1 hl-mm[4242]: ${t}`,
    app: (t, n) => `${iso(n).slice(0, 19)}+0000 mm-host-1 hl-mm[4242]: [INFO] ${t}`,
    time: (n) => `${iso(n).slice(0, 19)}+0000`,
  },
  {
    name: 'syslog',
    line: (t, n) => `${syslogTime(n)} mm-host-1 hl-mm[4242]: ${t}`,
    app: (t, n) => `${syslogTime(n)} mm-host-1 hl-mm[4242]: INFO ${t}`,
    time: syslogTime,
  },
  {
    // A CRI log file (containerd, CRI-O: /var/log/pods/…): time, stream, `F` for a full line.
    name: 'CRI log file',
    line: (t, n) => `${isoNanos(n)} stderr F ${t}`,
    app: (t, n) => `${isoNanos(n)} stdout F INFO market_maker: ${t}`,
    time: isoNanos,
  },
  {
    name: 'GitHub Actions log',
    line: (t, n) => `${iso(n).replace(/\.(\d{3})Z$/, '.$10000Z')} ${t}`,
    app: (t, n) => `${iso(n).replace(/\.(\d{3})Z$/, '.$10000Z')} INFO market_maker: ${t}`,
    time: (n) => iso(n).replace(/\.(\d{3})Z$/, '.$10000Z'),
  },
  {
    name: 'docker compose',
    line: (t) => `market-maker-1  | ${t}`,
    app: (t) => `market-maker-1  | INFO market_maker: ${t}`,
  },
  {
    name: 'docker json-file (log)',
    line: (t, n) => JSON.stringify({ log: `${t}\n`, stream: 'stderr', time: isoNanos(n) }),
    app: (t, n) => JSON.stringify({ log: `INFO market_maker: ${t}\n`, stream: 'stdout', time: isoNanos(n) }),
    time: isoNanos,
  },
  {
    name: 'JSON lines (msg)',
    line: (t, n) => JSON.stringify({ ts: timeAt(n).getTime() / 1000, stream: 'stderr', msg: t }),
    app: (t, n) => JSON.stringify({ ts: timeAt(n).getTime() / 1000, level: 'info', msg: t }),
    time: iso,
  },
  {
    name: 'JSON record (fields.message)',
    line: (t, n) => JSON.stringify({ timestamp: iso(n), level: 'ERROR', fields: { message: t }, target: 'stderr' }),
    app: (t, n) => JSON.stringify({ timestamp: iso(n), level: 'INFO', fields: { message: t }, target: 'market_maker' }),
    time: iso,
    whole: (p, n) => JSON.stringify({ timestamp: iso(n), level: 'ERROR', fields: { message: p }, target: 'panic' }),
  },
  {
    // `journalctl -o json`: a field whose text holds control characters (an ANSI-coloured head line, as a panic
    // hook may colour it) is written as the array of its bytes.
    name: 'journalctl -o json (a coloured head as bytes)',
    line: (t, n) => journalRecord(n, '3', t.includes(PANICKED) ? [...utf8.encode(`\x1b[1;31m${t}\x1b[0m`)] : t),
    app: (t, n) => journalRecord(n, '6', `INFO market_maker: ${t}`),
    time: iso,
  },
  {
    name: 'logfmt',
    line: (t, n) => `time=${iso(n)} level=error msg=${logfmtQuote(t)}`,
    app: (t, n) => `time=${iso(n)} level=info msg=${logfmtQuote(t)}`,
    time: iso,
    whole: (p, n) => `time=${iso(n)} level=error msg=${logfmtQuote(p)}`,
  },
];

const APP_LINES = [
  'quoting 12 levels on BTC',
  'fill 0x3f2a… 0.25 @ 97000.5',
  'risk check ok — inventory 0.4 / 2.0 €',
  'ws reconnect in 𝄞 250ms',
];

export interface BuiltLog {
  text: string;
  /** The log line numbers (1-based) of the panics' head lines, in order, and their time when the wrapper has one. */
  heads: { line: number; time: string | undefined }[];
}

/**
 * A log holding the given panics (each the text of a fixture) in a wrapper, with application records before,
 * between and after them. `whole` writes each panic as one record when the wrapper can.
 */
export function buildLog(
  panics: string[],
  w: Wrapper,
  options: { whole?: boolean; appLines?: number; start?: number } = {},
): BuiltLog {
  const out: string[] = [];
  const heads: BuiltLog['heads'] = [];
  let n = options.start ?? 0;
  const app = () => {
    for (let i = 0; i < (options.appLines ?? 2); i++) out.push(w.app(APP_LINES[(n + i) % APP_LINES.length]!, n++));
  };
  app();
  for (const panic of panics) {
    const lines = panic.replace(/\n+$/, '').split('\n');
    const headAt = (line: string) => / panicked at /.test(line);
    if (options.whole && w.whole) {
      // The panic hook logs each panic as one record.
      for (const part of splitPanics(lines)) {
        heads.push({ line: out.length + 1, time: w.time?.(n) });
        out.push(w.whole(part.join('\n'), n++));
      }
    } else {
      for (const line of lines) {
        if (headAt(line)) heads.push({ line: out.length + 1, time: w.time?.(n) });
        out.push(w.line(line, n++));
      }
    }
    app();
  }
  return { text: `${out.join('\n')}\n`, heads };
}

/** A fixture's lines cut at each panic head (a fixture may hold a poisoned-mutex pair). */
function splitPanics(lines: string[]): string[][] {
  const parts: string[][] = [];
  for (const line of lines) {
    if (/ panicked at /.test(line) || parts.length === 0) parts.push([]);
    if (line.trim() !== '' || parts.at(-1)!.length > 0) parts.at(-1)!.push(line);
  }
  for (const p of parts) while (p.length > 0 && p.at(-1)!.trim() === '') p.pop();
  return parts.filter((p) => p.length > 0);
}
