/** The model of the real content folder, read as the build reads it: what tests derive their expectations from. */
import { formatError, loadContent } from '../model/load-content.ts';
import type { Model } from '../model/model.ts';
import { REAL_CONTENT, ROOT } from './fixture-tree.ts';

let loaded: Model | undefined;

export function realModel(): Model {
  if (!loaded) {
    const { model, errors } = loadContent(REAL_CONTENT, ROOT);
    if (errors.length > 0) throw new Error(errors.map(formatError).join('\n'));
    loaded = model;
  }
  return loaded;
}
