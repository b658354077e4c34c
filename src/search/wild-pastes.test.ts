// Pastes as real tools and people wrap them (src/fixtures/wild/, each after a public sample of its wrapper), with the
// market maker's panics inside: the right page comes first, and the card never names the wrong panic path. A case
// is one file and a line of cases.json: adding one needs no edit here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { toSearchModel } from '../model/search-model.ts';
import { createTriage } from './verdict.ts';
import { realModel } from '../test-support/real-model.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const model = realModel();
const search = toSearchModel(model);
const triage = createTriage(search.panics, search.places);
const dir = join(root, 'src/fixtures/wild');
const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as {
  file: string;
  expect: string;
  family: string;
}[];

test('the corpus covers many wrappers, known panics and unknown ones', () => {
  assert.ok(new Set(cases.map((c) => c.family)).size >= 20);
  assert.ok(cases.some((c) => c.expect === 'unknown'));
  for (const p of model.panics)
    assert.ok(
      cases.some((c) => c.expect === p.id),
      `no wild case for ${p.id}`,
    );
});

for (const c of cases) {
  test(`[${c.family}] ${c.file} → ${c.expect}`, () => {
    const t = triage(readFileSync(join(dir, c.file), 'utf8'));
    const verdict = t.lead?.known?.id;
    if (c.expect === 'unknown') {
      assert.equal(verdict, undefined, `the card names ${verdict}`);
      return;
    }
    assert.ok(verdict === undefined || verdict === c.expect, `the card names ${verdict}`);
    assert.equal(t.ranked[0]?.id, c.expect, `first: ${t.ranked.map((r) => `${r.id}:${r.score}`).join(' ')}`);
  });
}
