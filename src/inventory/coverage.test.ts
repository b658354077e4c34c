import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { classify } from './classify.ts';
import { inventoryRecordSchema, SITE_STATUSES } from '../model/inventory.ts';
import { type Coverage, coverage, coveredPercent } from './coverage.ts';
import { realModel } from '../test-support/real-model.ts';

const record = inventoryRecordSchema.parse(
  JSON.parse(readFileSync(new URL('../../content/inventory.json', import.meta.url), 'utf8')),
);
// The file holds the source's sites; where each stands comes from the model, as on the site.
const classified = classify(realModel(), record.sites);

test('coverage counts every site outside test code once, overall, by subsystem and by file', () => {
  const c = coverage(classified, ['entry-point', 'event-loop']);
  const counted = classified.filter((s) => !s.testOnly);
  assert.equal(c.testOnly, classified.length - counted.length);
  assert.ok(c.testOnly > 0 && c.all.total > 0);
  for (const status of SITE_STATUSES)
    assert.equal(c.all[status], counted.filter((s) => s.status === status).length, status);
  assert.equal(c.all.undocumentedRelease, counted.filter((s) => s.status === 'undocumented' && s.release).length);
  const sum = (rows: Coverage[]) => rows.reduce((n, r) => n + r.total, 0);
  assert.equal(sum(c.bySubsystem), c.all.total);
  assert.equal(sum(c.byFile), c.all.total);
  assert.deepEqual(
    c.bySubsystem.slice(0, 2).map((r) => r.key),
    ['entry-point', 'event-loop'],
    'subsystems in the order given',
  );
  assert.equal(coveredPercent({ documented: 1, guarded: 1, undocumented: 2, undocumentedRelease: 0, total: 4 }), 50);
  assert.equal(coveredPercent(coverage([]).all), 100, 'nothing to cover is all covered');
});
