import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
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

export const collections = {
  panics: defineCollection({
    loader: glob({ pattern: '*.mdx', base: `${dir}/${CONTENT_FILES.panics}`, generateId: ({ data, entry }) => String(data.id ?? entry) }),
    schema: panicPathSchema,
  }),
  frameGroups: defineCollection({ loader: file(`${dir}/${CONTENT_FILES.frameGroups}`), schema: frameGroupSchema }),
  safePaths: defineCollection({ loader: file(`${dir}/${CONTENT_FILES.safePaths}`), schema: safePathSchema }),
  layers: defineCollection({ loader: file(`${dir}/${CONTENT_FILES.layers}`), schema: numericalLayerSchema }),
  checklist: defineCollection({ loader: file(`${dir}/${CONTENT_FILES.checklist}`), schema: checklistStepSchema }),
  reproduce: defineCollection({ loader: file(`${dir}/${CONTENT_FILES.reproduce}`), schema: reproduceSchema }),
  // Zero or one entry: the file exists only once `check-sources --record` has run against a checkout.
  sourceCheck: defineCollection({
    loader: {
      name: 'source-check',
      load: async ({ store, parseData }) => {
        store.clear();
        const path = `${dir}/${SOURCE_CHECK_FILE}`;
        if (!existsSync(path)) return;
        const data = await parseData({ id: 'latest', data: JSON.parse(readFileSync(path, 'utf8')) });
        store.set({ id: 'latest', data });
      },
    },
    schema: sourceCheckSchema,
  }),
  // Zero or one entry: the file exists only once `check-sources --history --record` has run against a git checkout.
  history: defineCollection({
    loader: {
      name: 'history',
      load: async ({ store, parseData }) => {
        store.clear();
        const path = `${dir}/${HISTORY_FILE}`;
        if (!existsSync(path)) return;
        const data = await parseData({ id: 'latest', data: JSON.parse(readFileSync(path, 'utf8')) });
        store.set({ id: 'latest', data });
      },
    },
    schema: historySchema,
  }),
  // Zero or one entry: the file exists only once `npm run inventory -- --repo PATH --record` has run.
  inventory: defineCollection({
    loader: {
      name: 'inventory',
      load: async ({ store, parseData }) => {
        store.clear();
        const path = `${dir}/${INVENTORY_FILE}`;
        if (!existsSync(path)) return;
        const data = await parseData({ id: 'latest', data: JSON.parse(readFileSync(path, 'utf8')) });
        store.set({ id: 'latest', data });
      },
    },
    schema: inventoryRecordSchema,
  }),
};
