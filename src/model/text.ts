/**
 * Size limits of the content: every string field has a ceiling that fits what it holds, so a runaway or hostile
 * value (a 10 MB `summary` builds a 21 MB page) stops the build with the limit and the size found.
 */
import { z } from 'astro/zod';

/** Characters, by kind of field. */
export const LIMITS = {
  /** Ids and symbols used in URLs and anchors. */
  id: 100,
  /** Titles and names shown in headings and tables. */
  title: 200,
  /** A path in the market maker's crate, a frame symbol, a line of code. */
  code: 1_000,
  /** A sentence or a short paragraph: a summary, a message, a table cell, a note. */
  short: 2_000,
  /** A paragraph or a few: cause, fix, a checklist step's detail. */
  long: 10_000,
} as const;

/** The largest content file, in bytes (the real panic files are 1–6 KiB). */
export const MAX_FILE_BYTES = 256 * 1024;
/** Records the tools write (`source-check.json`, `history.json`) grow with the number of panic paths, not by hand. */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

const tooLong = (max: number) => (issue: { input?: unknown }) =>
  `must be at most ${max.toLocaleString('en-US')} characters, got ${typeof issue.input === 'string' ? issue.input.length.toLocaleString('en-US') : '?'}`;

/** A string of at most `max` characters, as written. */
export const boundedText = (max: number) => z.string().max(max, { error: tooLong(max) });

/** A non-empty string of at most `max` characters (after trimming). */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, { error: tooLong(max) });
