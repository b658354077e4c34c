import { z } from 'astro/zod';
import { LIMITS, text } from './text.ts';
import { locationSchema } from './location.ts';

/** One of the layers of protection of the GLFT formula, in order. */
export const numericalLayerSchema = z.strictObject({
  id: z.string().regex(/^layer-[1-9][0-9]*$/, 'must be "layer-N"'),
  layer: z.number().int().positive(),
  title: text(LIMITS.title),
  locations: z.array(locationSchema).min(1),
});

export type NumericalLayer = z.output<typeof numericalLayerSchema>;
