import { z } from 'astro/zod';
import { LIMITS } from './text.ts';

/** A 1-based line number in a Rust source file. */
export const lineSchema = z
  .number({
    error: (issue) => `must be a positive integer (a 1-based line number like 43), got ${JSON.stringify(issue.input)}`,
  })
  .int({
    error: (issue) => `must be a positive integer (a 1-based line number like 43), got ${JSON.stringify(issue.input)}`,
  })
  .positive({
    error: (issue) => `must be a positive integer (a 1-based line number like 43), got ${JSON.stringify(issue.input)}`,
  });

/** A path inside the market maker's crate, as the reference writes it. */
export const rustFileSchema = z
  .string({ error: 'must be the path of a Rust source file, like "src/market_maker/risk/kill_switch.rs"' })
  .max(LIMITS.code, {
    error: (issue) => `must be at most ${LIMITS.code} characters, got ${String(issue.input).length}`,
  })
  .refine((file) => file.endsWith('.rs'), {
    error: (issue) =>
      `must be the path of a Rust source file ending in ".rs", like "src/market_maker/risk/kill_switch.rs", got ${JSON.stringify(issue.input)}`,
  })
  .refine((file) => !file.startsWith('/') && !/^[A-Za-z]:/.test(file) && !file.split(/[\\/]/).includes('..'), {
    error: (issue) =>
      `must be relative to the crate's root and stay inside it (no leading "/" and no ".."), got ${JSON.stringify(issue.input)}`,
  });
