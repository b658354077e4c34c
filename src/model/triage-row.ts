import { z } from 'astro/zod';

/** One row of the quick-triage table; the severity is the panic path's own. */
export const triageRowSchema = z.strictObject({
  message: z.string().trim().min(1, 'must not be empty'),
  /** Words the reference puts beside the message, e.g. `pending_fill_outcomes`. */
  context: z.string().optional(),
  rootCause: z.string().trim().min(1, 'must not be empty'),
  fix: z.string().trim().min(1, 'must not be empty'),
});

export type TriageRow = z.output<typeof triageRowSchema>;
