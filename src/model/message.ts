import { z } from 'astro/zod';
import { LIMITS, text } from './text.ts';

/**
 * A panic message. `shown` is the reference's own example of it; `template` is what the binary prints,
 * with `{name}` for the parts that vary (`kappa must be > 0, got {value}`), tested against real outputs.
 * A `generic` message (std's own `Option::unwrap()` text) identifies the path only together with its location.
 */
export const messageSchema = z.strictObject({
  template: z
    .string({ error: 'is required: the message the binary prints, with {placeholders} for values' })
    .pipe(text(LIMITS.short)),
  shown: z.string({ error: 'is required: the message as the reference shows it' }).pipe(text(LIMITS.short)),
  generic: z.boolean().default(false),
});

export type MessageInput = z.input<typeof messageSchema>;
export type Message = z.output<typeof messageSchema>;
