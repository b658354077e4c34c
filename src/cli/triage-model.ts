/**
 * What `mm-panics triage` matches against: the search model and the inventory's classified sites, read from a
 * content folder. Imported only when no compiled triage (src/cli/triage-cache.ts) holds that folder's model: reading
 * MDX and YAML is most of a cold start.
 */
import { fileURLToPath } from 'node:url';
import { loadInventorySites } from '../logs/inventory.ts';
import { loadContent } from '../model/load-content.ts';
import { toSearchModel } from '../model/search-model.ts';
import type { TriageModel } from './triage.ts';

export interface LoadedTriageModel {
  model?: TriageModel;
  errors: string[];
}

const root = fileURLToPath(new URL('../../', import.meta.url));

export function loadTriageModel(contentDir: string, warn: (message: string) => void): LoadedTriageModel {
  const { model, errors } = loadContent(contentDir, root);
  if (errors.length > 0)
    return { errors: errors.map((e) => `${e.file}:${e.line ?? 1}: error: \`${e.field}\` ${e.message}`) };
  const sites = loadInventorySites(contentDir, model, warn);
  return { model: { contentDir, searchModel: toSearchModel(model), ...(sites ? { sites } : {}) }, errors: [] };
}
