import type { APIRoute } from 'astro';
import { buildExport, siteRoot } from '../model/export.ts';
import { loadModel } from '../model/from-collections.ts';
import { toSearchModel } from '../model/search-model.ts';

export const GET: APIRoute = async ({ site }) => {
  const data = toSearchModel(buildExport(await loadModel(), siteRoot(String(site), import.meta.env.BASE_URL)));
  return new Response(JSON.stringify(data), { headers: { 'content-type': 'application/json' } });
};
