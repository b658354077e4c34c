import { defineCollection } from 'astro:content';
import { file, glob, type Loader } from 'astro/loaders';
import { checklistStepSchema, reproduceSchema } from './model/checklist.ts';
import { frameGroupSchema } from './model/frame.ts';
import { existsSync, readFileSync } from 'node:fs';
import { CONTENT_FILES, SOURCE_CHECK_FILE } from './model/model.ts';
import { sourceCheckSchema } from './model/source-check.ts';
import { HISTORY_FILE, historySchema } from './model/history.ts';
import { INVENTORY_FILE, inventoryRecordSchema } from './model/inventory.ts';
import { numericalLayerSchema } from './model/numerical-layer.ts';
import { panicPathSchema } from './model/panic-path.ts';
import { safePathSchema } from './model/safe-path.ts';

const dir = process.env.CONTENT_DIR ?? './content';

/** A generated JSON file of the content folder as a collection of zero or one entry, `latest`. */
const recordLoader = (name: string, file: string): Loader => ({
  name,
  load: async ({ store, parseData }) => {
    store.clear();
    const path = `${dir}/${file}`;
    if (!existsSync(path)) return;
    store.set({ id: 'latest', data: await parseData({ id: 'latest', data: JSON.parse(readFileSync(path, 'utf8')) }) });
  },
});

export const collections = {
  panics: defineCollection({
    loader: glob({
      pattern: '*.mdx',
      base: `${dir}/${CONTENT_FILES.panics}`,
      generateId: ({ data, entry }) => String(data.id ?? entry),
    }),
    schema: panicPathSchema,
  }),
  frameGroups: defineCollection({ loader: file(`${dir}/${CONTENT_FILES.frameGroups}`), schema: frameGroupSchema }),
  safePaths: defineCollection({ loader: file(`${dir}/${CONTENT_FILES.safePaths}`), schema: safePathSchema }),
  layers: defineCollection({ loader: file(`${dir}/${CONTENT_FILES.layers}`), schema: numericalLayerSchema }),
  checklist: defineCollection({ loader: file(`${dir}/${CONTENT_FILES.checklist}`), schema: checklistStepSchema }),
  reproduce: defineCollection({ loader: file(`${dir}/${CONTENT_FILES.reproduce}`), schema: reproduceSchema }),
  // Zero or one entry each: generated files, there once `check-sources --record`, `check-sources --history --record`
  // or `inventory --record` has run against a checkout.
  sourceCheck: defineCollection({ loader: recordLoader('source-check', SOURCE_CHECK_FILE), schema: sourceCheckSchema }),
  history: defineCollection({ loader: recordLoader('history', HISTORY_FILE), schema: historySchema }),
  inventory: defineCollection({ loader: recordLoader('inventory', INVENTORY_FILE), schema: inventoryRecordSchema }),
};
