/** The shape of `appFiles` in the search model (src/model/app-files.ts), checked at build. */
import { z } from 'astro/zod';
import type { AppFiles } from './app-files.ts';

export const appFilesSchema = z.strictObject({
  /** `src/<module folder>`, `src/<file>.rs`, `src/bin/<file>.rs`: where the crate's files live. */
  roots: z.array(z.string().min(1)),
  /** File names (`kill_switch.rs`): a path printed without its folders is ours when its name is. */
  names: z.array(z.string().min(1)),
}) satisfies z.ZodType<AppFiles>;
