import { z } from 'astro/zod';

/** A step of the debugging checklist, in order. */
export const checklistStepSchema = z.strictObject({
  id: z.string().regex(/^step-[1-9][0-9]*$/, 'must be "step-N"'),
  step: z.number().int().positive(),
  title: z.string().trim().min(1),
  detail: z.string().trim().min(1),
});

/** A command that reproduces a panic. */
export const reproduceSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by "-"'),
  title: z.string().trim().min(1),
  note: z.string().trim().min(1),
  command: z.string().trim().min(1),
});

export type ChecklistStep = z.output<typeof checklistStepSchema>;
export type Reproduce = z.output<typeof reproduceSchema>;
