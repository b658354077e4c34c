/** Validates the content folder and prints every problem as `file:line: error: `field` what is wrong`. */
import { resolve } from 'node:path';
import { formatError, loadContent } from '../model/load-content.ts';
import { contentDir } from './paths.ts';

export function checkContent(dir: string = contentDir()): boolean {
  const { model, errors } = loadContent(resolve(dir));
  if (errors.length > 0) {
    for (const e of errors) console.error(formatError(e));
    console.error(`\n${errors.length} problem${errors.length > 1 ? 's' : ''} in the content; nothing was built.`);
    return false;
  }
  console.log(`content: ${model.panics.length} panic paths, ${model.safePaths.length} safe paths, ${model.frameGroups.length} frame groups, ${model.checklist.length} checklist steps, ${model.layers.length} layers: OK`);
  return true;
}

if (import.meta.main) process.exit(checkContent() ? 0 : 1);
