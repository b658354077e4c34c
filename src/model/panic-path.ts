import { z } from 'astro/zod';
import { LIMITS, text } from './text.ts';
import { locationSchema } from './location.ts';
import { messageSchema } from './message.ts';
import { relatedSchema } from './related.ts';
import { panicIdSchema, retiredSchema } from './retired.ts';
import { phaseSchema, severitySchema } from './severity.ts';
import { triageRowSchema } from './triage-row.ts';

/** One panic path of the market maker: the frontmatter of `content/panics/<id>.mdx`. */
export const panicPathSchema = z.strictObject({
  id: panicIdSchema,
  title: text(LIMITS.title),
  phase: phaseSchema,
  severity: severitySchema,
  summary: text(LIMITS.short),
  triage: z.array(triageRowSchema).min(1, 'needs at least one row of the quick-triage table'),
  messages: z
    .array(messageSchema, { error: 'is required: the panic messages of this path' })
    .min(1, 'needs at least one panic message'),
  cause: text(LIMITS.long),
  triggers: z.array(text(LIMITS.short)).default([]),
  fix: text(LIMITS.long),
  /** A secondary panic is the consequence of an earlier one; the card says to look for that one. */
  secondary: z.boolean().default(false),
  locations: z.array(locationSchema).min(1, 'needs at least one source location'),
  /** Frame symbols from `content/frames.yaml`, outermost first; the panic is in the last. */
  callChain: z.array(text(LIMITS.code)).default([]),
  related: z.array(relatedSchema).default([]),
  /** Set when the market maker no longer has this panic: the page stays, says so and links what replaced it. */
  retired: retiredSchema.optional(),
  /** Former ids of this path: each old URL `/panics/<old>/` redirects here. */
  redirects: z.array(panicIdSchema).default([]),
});

export type PanicPathInput = z.input<typeof panicPathSchema>;
export type PanicPath = z.output<typeof panicPathSchema>;
