import { z } from 'astro/zod';
import { boundedText, LIMITS, text } from './text.ts';

/** A pointer from a panic path to another page: another panic path (`id`) or one of the reference pages. */
export const REFERENCE_PAGES = ['safe-by-design', 'frames', 'checklist', 'numerical-stability'] as const;

export const relatedSchema = z
  .strictObject({
    id: boundedText(LIMITS.id).optional(),
    page: z.enum(REFERENCE_PAGES).optional(),
    note: z.string().trim().min(1, 'must say why the page is related').pipe(text(LIMITS.short)),
  })
  .refine((r) => (r.id === undefined) !== (r.page === undefined), {
    error: `must name exactly one of \`id\` (a panic path) or \`page\` (${REFERENCE_PAGES.join(', ')})`,
  });

export type Related = z.output<typeof relatedSchema>;
