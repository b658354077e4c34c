/** What the log page's worker fetches (`logs/model.json`, src/pages/logs/model.json.ts) and triages with. */
import type { InventorySite } from '../model/inventory.ts';
import type { SearchModel } from '../model/search-model.ts';

export interface LogPageModel extends Pick<SearchModel, 'version' | 'panics' | 'places'> {
  /** The inventory's sites, classified against the model; empty when none was recorded. */
  sites: InventorySite[];
}

export const LOG_MODEL_PATH = 'logs/model.json';
