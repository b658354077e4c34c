import { z } from 'astro/zod';
import { boundedText, LIMITS, text } from './text.ts';

/** One row of the quick-triage table; the severity is the panic path's own. */
export const triageRowSchema = z.strictObject({
  message: text(LIMITS.short),
  /** Words the reference puts beside the message, e.g. `pending_fill_outcomes`. */
  context: boundedText(LIMITS.title).optional(),
  rootCause: text(LIMITS.short),
  fix: text(LIMITS.short),
});

export type TriageRow = z.output<typeof triageRowSchema>;
