import { z } from 'astro/zod';

/** The severities of the reference's quick-triage table, most urgent first. */
export const SEVERITIES = ['Critical', 'Startup', 'Runtime', 'Debug-only'] as const;

export const severitySchema = z.enum(SEVERITIES, {
  error: (issue) => `must be one of ${SEVERITIES.map((s) => `"${s}"`).join(', ')}, got ${JSON.stringify(issue.input)}`,
});

export type Severity = z.output<typeof severitySchema>;

export const PHASES = ['startup', 'runtime'] as const;

export const phaseSchema = z.enum(PHASES, {
  error: (issue) => `must be "startup" or "runtime", got ${JSON.stringify(issue.input)}`,
});

export type Phase = z.output<typeof phaseSchema>;
