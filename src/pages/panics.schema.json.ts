import type { APIRoute } from 'astro';
import { exportJsonSchema } from '../model/export-schema.ts';

/** The JSON Schema of `/panics.json`, generated from the zod schema the export is typed and tested by. */
export const GET: APIRoute = () =>
  new Response(JSON.stringify(exportJsonSchema(), null, 1), { headers: { 'content-type': 'application/schema+json' } });
