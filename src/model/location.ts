import { z } from 'astro/zod';
import { boundedText, LIMITS, text } from './text.ts';
import { lineSchema, rustFileSchema } from './line.ts';

export const LOCATION_ROLES = ['panic', 'clamp', 'guard', 'fallback'] as const;

/**
 * A place in the market maker's source: a line, a range (`endLine`), an open range (`130+`)
 * or a whole file (`throughout`). `code` is the code on that line as the reference gives it;
 * `...` in it stands for code the reference leaves out.
 */
export const locationSchema = z
  .strictObject({
    file: rustFileSchema,
    line: lineSchema.optional(),
    endLine: lineSchema.optional(),
    openEnded: z.boolean().optional(),
    throughout: z.boolean().optional(),
    code: z.string({ error: 'must be the code on that line, as the reference gives it' }).pipe(text(LIMITS.code)),
    role: z
      .enum(LOCATION_ROLES, {
        error: (i) => `must be one of ${LOCATION_ROLES.join(', ')}, got ${JSON.stringify(i.input)}`,
      })
      .default('panic'),
    /** Whether a panic at this line fires in `--release` builds; panic sites only. */
    release: z.boolean().optional(),
    /** The message template this panic site prints; one of the entry's `messages[].template`. */
    message: boundedText(LIMITS.short).optional(),
    /** Locations that share a group are shown together, e.g. by the mutex they lock. */
    group: boundedText(LIMITS.title).optional(),
  })
  .superRefine((loc, ctx) => {
    if (loc.line === undefined && !loc.throughout) {
      ctx.addIssue({
        code: 'custom',
        path: ['line'],
        message:
          'is required: a positive integer (a 1-based line number like 43), or set `throughout: true` for a whole file',
      });
    }
    if (loc.endLine !== undefined && loc.line !== undefined && loc.endLine <= loc.line) {
      ctx.addIssue({
        code: 'custom',
        path: ['endLine'],
        message: `must be greater than line (${loc.line}), got ${loc.endLine}`,
      });
    }
    if (loc.role === 'panic' && loc.release === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['release'],
        message: 'is required for a panic site: true if it fires in --release builds, false for debug_assert!',
      });
    }
  });

export type LocationInput = z.input<typeof locationSchema>;
export type Location = z.output<typeof locationSchema>;
