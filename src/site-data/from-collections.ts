import { type CollectionEntry, getCollection } from 'astro:content';
import { classify } from '../inventory/classify.ts';
import { splitSearchModel, withSmallShards } from '../search/shards.ts';
import type { SearchHead } from '../model/search-split-schema.ts';
import type { History } from '../model/history.ts';
import type { Model } from '../model/model.ts';
import { toSearchModel } from '../model/search-model.ts';
import type { SourceLinks } from '../model/source-link.ts';
import { SEVERITIES } from '../model/severity.ts';

/** The model as Astro's collections hold it, in the order pages show it (file order; panics by severity, then title). */
export async function loadModel(): Promise<Model> {
  const data = async <K extends 'frameGroups' | 'safePaths' | 'layers' | 'checklist' | 'reproduce'>(name: K) =>
    (await getCollection(name)).map((e) => e.data as CollectionEntry<K>['data']);
  const panics = (await getCollection('panics')).map((e) => e.data);
  panics.sort(
    (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.title.localeCompare(b.title),
  );
  return {
    panics,
    frameGroups: await data('frameGroups'),
    safePaths: await data('safePaths'),
    layers: (await data('layers')).sort((a, b) => a.layer - b.layer),
    checklist: (await data('checklist')).sort((a, b) => a.step - b.step),
    reproduce: await data('reproduce'),
  };
}

/** `content/history.json` (each location's line per release) when `check-sources --history --record` wrote it. */
export async function loadHistory(): Promise<History | undefined> {
  return (await getCollection('history'))[0]?.data;
}

/**
 * Links to the code of a location (`SOURCE_URL`, checked with the site's config in astro.config.ts) at the commit the
 * reference was last checked against, else the one the inventory was read at; none without `SOURCE_URL`.
 */
export function loadSourceLinks(): Promise<SourceLinks | null> {
  // Once per build: every location row of every page asks.
  return (sourceLinks ??= (async () => {
    const template = process.env.SOURCE_URL;
    if (!template) return null;
    const checked = (await getCollection('sourceCheck'))[0]?.data.commit;
    const read = (await getCollection('inventory'))[0]?.data.commit;
    return { template, commit: checked ?? read ?? null };
  })());
}
let sourceLinks: Promise<SourceLinks | null> | undefined;

/**
 * The search model with the classified inventory, the history and the source links, split into its head and shards
 * (src/search/shards.ts). Once per build, where the head and every shard ask for it; in dev, per request, so that an
 * edited content file shows at once.
 */
export function loadSearchModel(): Promise<ReturnType<typeof splitSearchModel>> {
  const load = async () => {
    const model = await loadModel();
    const recorded = (await getCollection('inventory'))[0]?.data.sites;
    return splitSearchModel(
      toSearchModel(model, {
        history: await loadHistory(),
        source: await loadSourceLinks(),
        ...(recorded ? { sites: classify(model, recorded) } : {}),
      }),
    );
  };
  return import.meta.env.DEV ? load() : (searchModel ??= load());
}
let searchModel: ReturnType<typeof loadSearchModel> | undefined;

/** The head as the search page gets it (`search-model/head.json`, or carried by the page): the shards too while small. */
export async function loadServedHead(): Promise<SearchHead> {
  const { head, shards } = await loadSearchModel();
  return withSmallShards(head, shards);
}
