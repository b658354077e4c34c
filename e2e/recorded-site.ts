// The site of the source a pasted panic stands at, from the recorded inventory classified against the model of the
// content the build was made from: what the specs of undocumented sites expect is derived from it.
import { readFileSync } from 'node:fs';
import { test } from '@playwright/test';
import { classify } from '../src/inventory/classify.ts';
import { siteAt } from '../src/inventory/lookup.ts';
import { inventoryRecordSchema } from '../src/model/inventory.ts';
import { parsePaste } from '../src/panic-text/parse-paste.ts';
import { contentOf, modelOf } from './built-model.ts';

export function siteOfPaste(paste: string) {
  const info = test.info();
  const model = modelOf(info);
  const record = inventoryRecordSchema.parse(
    JSON.parse(readFileSync(`${contentOf(info)}/inventory.json`, 'utf8')) as unknown,
  );
  const at = parsePaste(paste).panics[0]!.location!;
  const site = siteAt(classify(model, record.sites), at.file, at.line, at.column);
  if (!site) throw new Error(`no site of the recorded inventory at ${at.file}:${at.line}:${at.column}`);
  return { model, site };
}
