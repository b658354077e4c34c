import { z } from 'astro/zod';
import { locationSchema } from './location.ts';
import { messageSchema } from './message.ts';
import { relatedSchema } from './related.ts';
import { phaseSchema, severitySchema } from './severity.ts';
import { triageRowSchema } from './triage-row.ts';

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** One panic path of the market maker: the frontmatter of `content/panics/<id>.mdx`. */
export const panicPathSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by "-", like "pending-fill-queue"'),
  title: nonEmpty,
  phase: phaseSchema,
  severity: severitySchema,
  summary: nonEmpty,
  triage: z.array(triageRowSchema).min(1, 'needs at least one row of the quick-triage table'),
  messages: z.array(messageSchema, { error: 'is required: the panic messages of this path' }).min(1, 'needs at least one panic message'),
  cause: nonEmpty,
  triggers: z.array(nonEmpty).default([]),
  fix: nonEmpty,
  /** A secondary panic is the consequence of an earlier one; the card says to look for that one. */
  secondary: z.boolean().default(false),
  locations: z.array(locationSchema).min(1, 'needs at least one source location'),
  /** Frame symbols from `content/frames.yaml`, outermost first; the panic is in the last. */
  callChain: z.array(nonEmpty).default([]),
  related: z.array(relatedSchema).default([]),
});

export type PanicPathInput = z.input<typeof panicPathSchema>;
export type PanicPath = z.output<typeof panicPathSchema>;
