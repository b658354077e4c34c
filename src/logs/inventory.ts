/**
 * content/inventory.json (every panic site of the market maker's source) as the lookup the grouping uses:
 * a panic no page documents, at a site the inventory knows, is grouped by that site and links its row of
 * /inventory/. Apart from groups.ts so that the published /triage.js does not carry the inventory's schema.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classify } from '../inventory/classify.ts';
import { siteAt } from '../inventory/lookup.ts';
import { INVENTORY_FILE, type InventorySite, inventoryPath, inventoryRecordSchema } from '../model/inventory.ts';
import type { Model } from '../model/model.ts';
import type { InventoryLookup } from './groups.ts';

/** The lookup over the sites, or over what `sites()` returns when first asked (a log without panics never asks). */
export function inventoryLookup(sites: readonly InventorySite[] | (() => readonly InventorySite[])): InventoryLookup {
  const read = typeof sites === 'function' ? sites : () => sites;
  let all: readonly InventorySite[] | undefined;
  return {
    siteAt: (file, line, column) => siteAt((all ??= read()), file, line, column),
    path: (s) => inventoryPath(s),
  };
}

/**
 * The content folder's inventory sites, classified against the model's locations (plain data, so that a compiled
 * triage can hold them), or undefined when it was never recorded (or is not valid: then a warning).
 */
export function loadInventorySites(
  contentDir: string,
  model: Model,
  warn: (message: string) => void,
): InventorySite[] | undefined {
  const file = join(contentDir, INVENTORY_FILE);
  if (!existsSync(file)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    warn(`${file}: not valid JSON, panics are grouped without the inventory (${(e as Error).message})`);
    return undefined;
  }
  const parsed = inventoryRecordSchema.safeParse(data);
  if (!parsed.success) {
    warn(`${file}: not a valid inventory, panics are grouped without it (${parsed.error.issues[0]?.message})`);
    return undefined;
  }
  return classify(model, parsed.data.sites);
}
