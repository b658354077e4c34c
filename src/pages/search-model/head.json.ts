import type { APIRoute } from 'astro';
import { withSmallShards } from '../../search/shards.ts';
import { loadSearchModel } from '../../site-data/from-collections.ts';

/**
 * What every search reads first: the match keys and the shards they route to (src/search/shards.ts); the shards
 * themselves too while they are small.
 */
export const GET: APIRoute = async () => {
  const { head, shards } = await loadSearchModel();
  return Response.json(withSmallShards(head, shards));
};
