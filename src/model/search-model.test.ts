// The search model is the model's panic paths, templates, locations and frames, and nothing the page never reads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { locationAnchor } from './anchor.ts';
import { buildExport } from './export.ts';
import { toSearchModel } from './search-model.ts';
import { realModel } from '../test-support/real-model.ts';

const model = realModel();
const search = toSearchModel(model);

test('the search model holds every panic path, template, location and panic frame of the model', () => {
  assert.deepEqual(
    search.panics.map((p) => p.id),
    model.panics.map((p) => p.id),
  );
  for (const [i, p] of model.panics.entries()) {
    const s = search.panics[i]!;
    assert.deepEqual(
      s.messages.map((m) => m.template),
      p.messages.map((m) => m.template),
      p.id,
    );
    assert.deepEqual(
      s.locations.map((l) => `${l.file}:${l.line}#${l.anchor}`),
      p.locations.map((l) => `${l.file}:${l.line}#${locationAnchor(l)}`),
      p.id,
    );
    assert.deepEqual(
      s.callChain.map((f) => f.symbol),
      p.callChain,
      p.id,
    );
  }
  assert.equal(
    search.places.length,
    model.safePaths.length +
      model.layers.reduce((n, l) => n + l.locations.length, 0) +
      model.frameGroups.flatMap((g) => g.frames).filter((f) => f.file && f.line).length,
  );
});

test('the search model leaves out what search never reads, so it stays a fraction of the export', () => {
  const exp = buildExport(model, 'https://runbooks.example/docs/panics/');
  const sizes = [JSON.stringify(search).length, JSON.stringify(exp).length];
  assert.ok(sizes[0]! * 3 < sizes[1]!, `search model ${sizes[0]} bytes, export ${sizes[1]} bytes`);
  assert.ok(!JSON.stringify(search).includes('https://'), 'no absolute URLs: the page knows its base');
});
