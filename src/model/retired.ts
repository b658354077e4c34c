import { z } from 'astro/zod';
import { LIMITS, text } from './text.ts';

/** The form of a panic path's id, which is its URL `/panics/<id>/`. */
export const panicIdSchema = z
  .string()
  .max(LIMITS.id, `must be at most ${LIMITS.id} characters`)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by "-", like "pending-fill-queue"');

/**
 * A panic path the market maker no longer has. The entry stays in the content, so that its URL and anchors keep
 * working for runbooks and for panics of older builds, and its page says so, as the Rust compiler's error index
 * keeps retired codes ("no longer emitted").
 */
export const retiredSchema = z.strictObject({
  /** The release the panic was removed in, e.g. `v2.0.0`. */
  release: text(LIMITS.id),
  /** The panic path that took its place, when one did. */
  replacedBy: panicIdSchema.optional(),
  note: text(LIMITS.short).optional(),
});

export type RetiredInput = z.input<typeof retiredSchema>;
export type Retired = z.output<typeof retiredSchema>;
