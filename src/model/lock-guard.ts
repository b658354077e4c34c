import { z } from 'astro/zod';
import { lineSchema } from './line.ts';

/**
 * A lock guard alive where a site panics (`let state = self.state.lock().unwrap();` earlier in an enclosing block,
 * not dropped yet): a panic there poisons that lock, and the next `.lock().unwrap()` of it panics with PoisonError.
 */
export const lockGuardSchema = z.strictObject({
  /** The lock as the code names it: the receiver of `.lock()`/`.read()`/`.write()` (`self.state`). */
  lock: z.string().min(1),
  /** Where the guard was taken: the `lock`/`read`/`write` call's name. */
  line: lineSchema,
  column: lineSchema,
});

export type LockGuard = z.output<typeof lockGuardSchema>;
