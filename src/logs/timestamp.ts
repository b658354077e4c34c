/**
 * The time a log line carries, as the log wrote it: an ISO 8601 prefix (kubectl `--timestamps`, journald
 * `short-iso`, most loggers), a syslog `Nov 26 05:00:00`, logfmt `time=`/`ts=`, or a JSON record's
 * `timestamp`/`time`/`ts`/`@timestamp` field (epoch numbers are written out as ISO 8601 in UTC).
 * Bounded, anchored patterns only: the line is untrusted.
 */
import { ISO_TIME, SYSLOG_TIME, THREAD_OPEN } from '../panic-text/grammar.ts';
import type { LineView } from './line-view.ts';

/** A JSON record's fields that hold its time, in the order they are looked for. */
export const RECORD_TIME_KEYS = [
  'timestamp',
  'time',
  'ts',
  '@timestamp',
  'datetime',
  '__REALTIME_TIMESTAMP',
  '_SOURCE_REALTIME_TIMESTAMP',
];
/** A record's fields that differ on every record: its time, and journald's other clock and cursor. */
export const RECORD_VARYING_KEYS: ReadonlySet<string> = new Set([
  ...RECORD_TIME_KEYS,
  '__MONOTONIC_TIMESTAMP',
  '__CURSOR',
]);
/** Whether a record has fields that differ on every record, such as its time. */
export const holdsVarying = (record: Record<string, unknown>): boolean =>
  Object.keys(record).some((k) => RECORD_VARYING_KEYS.has(k));

// Where a prefix time may stand when the prefix reader found no prefix (`[2026-…]` glued to text).
const HEAD_CHARS = 80;

function fromEpoch(value: number, key: string): string | undefined {
  if (!Number.isFinite(value) || value <= 0) return undefined;
  // journald's realtime fields are microseconds; others are seconds, milliseconds or nanoseconds by size.
  const ms =
    key.includes('REALTIME') || (value >= 1e14 && value < 1e17)
      ? value / 1e3
      : value >= 1e17
        ? value / 1e6
        : value >= 1e11
          ? value
          : value * 1e3;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function fromRecord(record: Record<string, unknown>): string | undefined {
  for (const key of RECORD_TIME_KEYS) {
    const v = record[key];
    if (typeof v === 'number') return fromEpoch(v, key);
    if (typeof v === 'string') {
      const iso = ISO_TIME.exec(v.slice(0, HEAD_CHARS));
      if (iso) return iso[0];
      if (/^\d{9,20}(?:\.\d{1,9})?$/.test(v)) return fromEpoch(Number(v), key);
    }
  }
  return undefined;
}

/**
 * A record's time field as it holds it (a string or an epoch number), unread: enough to tell whether the records of
 * one stream go up or down in time, at no parsing cost.
 */
export function rawRecordTime(record: Record<string, unknown>): string | number | undefined {
  for (const key of RECORD_TIME_KEYS) {
    const v = record[key];
    if (typeof v === 'number' || typeof v === 'string') return v;
  }
  return undefined;
}

/** The line's own time, or undefined when it carries none. */
export function timeOf(line: string, view: LineView): string | undefined {
  if (view.record) {
    const t = fromRecord(view.record);
    if (t !== undefined) return t;
  }
  // Only before the text: a date inside a panic message is not when the line was written.
  const thread = line.indexOf(THREAD_OPEN);
  const head = line.slice(
    0,
    view.prefixEnd > 0 ? view.prefixEnd : Math.min(HEAD_CHARS, thread < 0 ? HEAD_CHARS : thread),
  );
  return ISO_TIME.exec(head)?.[0] ?? SYSLOG_TIME.exec(head)?.[0];
}
