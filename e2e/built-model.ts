// The model of the content a project's build was made from: what the specs expect is derived from it, so that a
// panic path added to the content needs no test edit (the `six` project builds the content plus one more).
import { resolve } from 'node:path';
import type { TestInfo } from '@playwright/test';
import { formatError, loadContent } from '../src/model/load-content.ts';
import type { Model } from '../src/model/model.ts';

export const contentOf = (info: TestInfo): string =>
  String(info.project.metadata.content ?? process.env.CONTENT_DIR ?? 'content');

const models = new Map<string, Model>();

export function modelOf(info: TestInfo): Model {
  const dir = resolve(contentOf(info));
  let model = models.get(dir);
  if (!model) {
    const loaded = loadContent(dir);
    if (loaded.errors.length > 0) throw new Error(loaded.errors.map(formatError).join('\n'));
    model = loaded.model;
    models.set(dir, model);
  }
  return model;
}

/** Every row of the home page's triage table, as the model holds them. */
export const triageRows = (model: Model) => model.panics.flatMap((p) => p.triage.map((t) => ({ panic: p, row: t })));
