import type { APIRoute, GetStaticPaths } from 'astro';
import { loadSearchModel } from '../../site-data/from-collections.ts';

/** One shard of the search model: what is located in one source file name, fetched when a paste names it. */
export const getStaticPaths = (async () => {
  const { shards } = await loadSearchModel();
  return shards.map((shard, n) => ({ params: { shard: String(n) }, props: { shard } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => Response.json(props.shard);
