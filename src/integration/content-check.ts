/**
 * The content check the integration runs before Astro builds or serves anything: the same validation as
 * `src/model/load-content.ts`, reported as compiler-style lines (`file:line: error: \`field\` …`).
 */
import { resolve } from 'node:path';
import { formatError, loadContent } from '../model/load-content.ts';

export interface ContentCheck {
  /** One `file:line: error: …` line per problem; empty when the content is valid. */
  errors: string[];
  /** What was checked, for the log: `5 panic paths, 7 safe paths, …`. */
  summary: string;
}

export function checkContent(contentDir: string, root: string): ContentCheck {
  // public/ is copied into the site as it is: a symlink out of it would publish a file of the build machine.
  const { model, errors } = loadContent(resolve(root, contentDir), root, { publicDir: resolve(root, 'public') });
  const summary = `${model.panics.length} panic paths, ${model.safePaths.length} safe paths, ${model.frameGroups.length} frame groups, ${model.checklist.length} checklist steps, ${model.layers.length} layers`;
  return { errors: errors.map(formatError), summary };
}

/** The message Astro prints when a check fails: the problems, one a line, then what happened. */
export const inputErrorMessage = (errors: readonly string[], where: string, consequence: string): string =>
  `${errors.join('\n')}\n\n${errors.length} problem${errors.length > 1 ? 's' : ''} in ${where}; ${consequence}.`;

export const contentErrorMessage = (errors: readonly string[], consequence: string): string =>
  inputErrorMessage(errors, 'the content', consequence);

/**
 * Thrown when what the site is built from is wrong: the content (from `astro:config:setup`) or the environment
 * (from astro.config.ts). Astro prints an error's message as it is, with the stack below it; the stack is dropped,
 * as it is the integration's, not the content's: the message says where the problem is.
 */
export class BuildInputError extends Error {
  constructor(errors: readonly string[], where = 'the content') {
    super(inputErrorMessage(errors, where, 'nothing was built'));
    this.name = 'BuildInputError';
    this.stack = '';
  }
}
