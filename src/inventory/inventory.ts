/** The inventory of a checkout: read its Rust files, find the panic sites, classify them against the model. */
import type { InventorySite } from '../model/inventory.ts';
import type { Model } from '../model/model.ts';
import { classify } from './classify.ts';
import { packageName, readCrate } from './read-crate.ts';
import { rustParser } from './rust-parser.ts';
import { type CrateFile, type FoundSite, scanCrate } from './find-sites.ts';

/** The sites of these files, unclassified. */
export async function findSites(files: readonly CrateFile[], pkg = 'market_maker'): Promise<FoundSite[]> {
  return scanCrate(await rustParser(), files, pkg);
}

export type Inventory = { sites: InventorySite[]; files: number; lines: number } | { error: string };

export async function inventoryOf(
  repo: string,
  model: Pick<Model, 'panics' | 'safePaths' | 'frameGroups'>,
): Promise<Inventory> {
  const read = readCrate(repo);
  if ('error' in read) return read;
  const found = await findSites(read.files, packageName(repo));
  let lines = 0;
  for (const f of read.files) lines += f.text.split('\n').length;
  return { sites: classify(model, found), files: read.files.length, lines };
}
