import type { APIRoute } from 'astro';
import { buildExport, siteRoot } from '../model/export.ts';
import { loadHistory, loadModel } from '../site-data/from-collections.ts';

export const GET: APIRoute = async ({ site }) => {
  const data = buildExport(await loadModel(), siteRoot(String(site), import.meta.env.BASE_URL), await loadHistory());
  return new Response(JSON.stringify(data, null, 1), { headers: { 'content-type': 'application/json' } });
};
