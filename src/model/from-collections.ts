import { type CollectionEntry, getCollection } from 'astro:content';
import type { History } from './history.ts';
import type { Model } from './model.ts';
import { SEVERITIES } from './severity.ts';

/** The model as Astro's collections hold it, in the order pages show it (file order; panics by severity, then title). */
export async function loadModel(): Promise<Model> {
  const data = async <K extends 'frameGroups' | 'safePaths' | 'layers' | 'checklist' | 'reproduce'>(name: K) =>
    (await getCollection(name)).map((e) => e.data as CollectionEntry<K>['data']);
  const panics = (await getCollection('panics')).map((e) => e.data);
  panics.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.title.localeCompare(b.title));
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
