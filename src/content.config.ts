import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { checklistStepSchema, reproduceSchema } from './model/checklist.ts';
import { frameGroupSchema } from './model/frame.ts';
import { CONTENT_FILES } from './model/model.ts';
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
};
