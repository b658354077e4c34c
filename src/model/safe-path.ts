import { z } from 'astro/zod';
import { locationSchema } from './location.ts';

/** A path that looks like it could panic but is protected: one row of "Safe-by-design paths". */
export const safePathSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by "-"'),
  path: z.string().trim().min(1),
  protection: z.string().trim().min(1),
  location: locationSchema,
});

export type SafePath = z.output<typeof safePathSchema>;
