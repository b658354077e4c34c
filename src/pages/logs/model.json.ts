import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { classify } from '../../inventory/classify.ts';
import { toSearchModel } from '../../model/search-model.ts';
import { loadModel } from '../../site-data/from-collections.ts';

/**
 * What the log page's worker triages with, the same as `mm-panics triage` does: the search model the CLI and
 * `/triage.js` embed whole (panic paths and reference places), and the inventory's classified sites (test-only ones
 * too, as the CLI reads content/inventory.json), so that a panic at an undocumented site is grouped by that site.
 */
export const GET: APIRoute = async () => {
  const model = await loadModel();
  const recorded = (await getCollection('inventory'))[0]?.data.sites;
  const { version, panics, places } = toSearchModel(model);
  return Response.json({ version, panics, places, sites: recorded ? classify(model, recorded) : [] });
};
