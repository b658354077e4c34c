import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildExport } from './export.ts';
import { loadContent } from './load-content.ts';
import { toSearchModel } from './search-model.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const exp = buildExport(loadContent(join(root, 'content'), root).model, 'https://runbooks.example/docs/panics/');
const search = toSearchModel(exp);

test('the search model holds every panic path, template, location and panic frame of the export', () => {
  assert.equal(search.version, exp.version);
  assert.deepEqual(search.panics.map((p) => p.id), exp.panics.map((p) => p.id));
  for (const [i, p] of exp.panics.entries()) {
    const s = search.panics[i]!;
    assert.deepEqual(s.messages.map((m) => m.template), p.messages.map((m) => m.template), p.id);
    assert.deepEqual(s.locations.map((l) => `${l.file}:${l.line}#${l.anchor}`), p.locations.map((l) => `${l.file}:${l.line}#${l.anchor}`), p.id);
    assert.deepEqual(s.callChain.map((f) => f.symbol), p.callChain.map((f) => f.symbol), p.id);
  }
});

test('the search model leaves out what search never reads, so it stays a fraction of the export', () => {
  const sizes = [JSON.stringify(search).length, JSON.stringify(exp).length];
  assert.ok(sizes[0]! * 3 < sizes[1]!, `search model ${sizes[0]} bytes, export ${sizes[1]} bytes`);
  assert.ok(!JSON.stringify(search).includes('https://runbooks.example'), 'no absolute URLs: the page knows its base');
});
