/**
 * A generated file checked against its zod schema, with the content check's words: `file: error: \`field\` must be
 * …, got …`. For what the build writes and other programs read (the search model's files, `/triage.js`'s model): a
 * mistake in the code that writes them stops the build with the field that is wrong, not a broken search later.
 */
import type { z } from 'astro/zod';
import { fieldName, formatError } from './load-content.ts';

const shown = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

const A: Record<string, string> = { array: 'an array', object: 'an object', tuple: 'an array' };

/** What zod found, said as what the value must be and what it is. */
export function mustBe(issue: z.core.$ZodRawIssue): string | undefined {
  const got = `got ${shown(issue.input)}`;
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${A[issue.expected] ?? `a ${issue.expected}`}, ${got}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${shown(issue.values[0])}, ${got}`
        : `must be one of ${issue.values.map(shown).join(', ')}, ${got}`;
    case 'too_small':
      return issue.origin === 'number'
        ? `must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}, ${got}`
        : `must hold at least ${String(issue.minimum)} ${issue.origin === 'string' ? 'character' : 'item'}(s), ${got}`;
    case 'too_big':
      return issue.origin === 'number'
        ? `must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}, ${got}`
        : `must hold at most ${String(issue.maximum)} ${issue.origin === 'string' ? 'character' : 'item'}(s), ${got}`;
    case 'unrecognized_keys':
      const fields = issue.keys.map((k) => `"${k}"`).join(', ');
      return `has field${issue.keys.length > 1 ? 's' : ''} the schema does not list: ${fields}`;
    case 'invalid_format':
      return `must be a ${issue.format}, ${got}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}, ${got}`;
    default:
      return undefined;
  }
}

/** The problems of `data` against `schema`, one formatted line each (none when it holds). */
export function checkAgainst(file: string, schema: z.ZodType, data: unknown): string[] {
  const parsed = schema.safeParse(data, { error: mustBe });
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) =>
    formatError({ file, line: undefined, field: fieldName(issue.path) || '(file)', message: issue.message }),
  );
}

/** Thrown when a file the build wrote breaks its schema: the site was written, and must not be published. */
export class BuildOutputError extends Error {
  constructor(errors: readonly string[]) {
    super(
      `${errors.join('\n')}\n\n${errors.length} problem${errors.length > 1 ? 's' : ''} in what the build wrote; ` +
        'do not publish this build.',
    );
    this.name = 'BuildOutputError';
    // The message says which file and field are wrong; the stack would be the build's, not the file's.
    this.stack = '';
  }
}
