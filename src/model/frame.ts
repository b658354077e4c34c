import { z } from 'astro/zod';
import { boundedText, LIMITS, text } from './text.ts';
import { lineSchema, rustFileSchema } from './line.ts';

/** A frame as it appears in backtraces; `*` at the end of a symbol matches any suffix. */
export const frameSchema = z.strictObject({
  symbol: text(LIMITS.code),
  file: rustFileSchema.optional(),
  line: lineSchema.optional(),
  openEnded: z.boolean().optional(),
});

/** A group of frames from the reference's "Common backtrace frames", one item of `content/frames.yaml`. */
export const frameGroupSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by "-"'),
  title: text(LIMITS.title),
  note: boundedText(LIMITS.short).optional(),
  /** Frames of this group belong to the application (`src/`), not to std or tokio. */
  inApp: z.boolean(),
  frames: z.array(frameSchema).min(1, 'needs at least one frame'),
});

export type Frame = z.output<typeof frameSchema>;
export type FrameGroup = z.output<typeof frameGroupSchema>;
