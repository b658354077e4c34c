import type { APIRoute } from 'astro';
import { loadServedHead } from '../../site-data/from-collections.ts';

/**
 * What every search reads first: the match keys and the shards they route to (src/search/shards.ts); the shards
 * themselves too while they are small. The search page carries it too while it is small (src/search/inline-head.ts).
 */
export const GET: APIRoute = async () => Response.json(await loadServedHead());
