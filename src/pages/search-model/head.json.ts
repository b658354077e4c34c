import type { APIRoute } from 'astro';
import { loadSearchModel } from '../../site-data/from-collections.ts';

/** What every search reads first: the match keys and the shards they route to (src/search/shards.ts). */
export const GET: APIRoute = async () => Response.json((await loadSearchModel()).head);
