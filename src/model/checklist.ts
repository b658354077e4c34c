import { z } from 'astro/zod';
import { LIMITS, text } from './text.ts';

/** A step of the debugging checklist, in order. */
export const checklistStepSchema = z.strictObject({
  id: z.string().regex(/^step-[1-9][0-9]*$/, 'must be "step-N"'),
  step: z.number().int().positive(),
  title: text(LIMITS.title),
  detail: text(LIMITS.long),
});

/** A command that reproduces a panic. */
export const reproduceSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by "-"'),
  title: text(LIMITS.title),
  note: text(LIMITS.short),
  command: text(LIMITS.short),
});

export type ChecklistStep = z.output<typeof checklistStepSchema>;
export type Reproduce = z.output<typeof reproduceSchema>;
