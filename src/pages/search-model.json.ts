import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { classify } from '../inventory/classify.ts';
import { loadHistory, loadModel, loadSourceLinks } from '../model/from-collections.ts';
import { toSearchModel } from '../model/search-model.ts';

export const GET: APIRoute = async () => {
  const model = await loadModel();
  const recorded = (await getCollection('inventory'))[0]?.data.sites;
  const data = toSearchModel(model, { history: await loadHistory(), source: await loadSourceLinks(), ...(recorded ? { sites: classify(model, recorded) } : {}) });
  return new Response(JSON.stringify(data), { headers: { 'content-type': 'application/json' } });
};
