import { z } from 'astro/zod';
import { LIMITS, text } from './text.ts';
import { locationSchema } from './location.ts';

/** A path that looks like it could panic but is protected: one row of "Safe-by-design paths". */
export const safePathSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by "-"'),
  path: text(LIMITS.short),
  protection: text(LIMITS.short),
  location: locationSchema,
});

export type SafePath = z.output<typeof safePathSchema>;
