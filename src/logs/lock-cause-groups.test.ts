// Whole-log triage with the inventory: a panic at a site holding a lock is marked as poisoning it, and is the cause
// of the PoisonError group that follows, even when another thread panicked in between.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { classify } from '../inventory/classify.ts';
import { inventoryRecordSchema } from '../model/inventory.ts';
import { toSearchModel } from '../model/search-model.ts';
import { LogTriage } from './groups.ts';
import { inventoryLookup } from './inventory.ts';
import { triageText } from './read-log.ts';
import { realModel } from '../test-support/real-model.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const model = realModel();
const record = inventoryRecordSchema.parse(JSON.parse(readFileSync(join(root, 'content/inventory.json'), 'utf8')));
const inventory = inventoryLookup(classify(model, record.sites));
const pair = readFileSync(join(root, 'src/fixtures/panics/poison.debug.bt1.txt'), 'utf8');
const cut = pair.indexOf("thread 'main'");
// Another thread's unrelated panic, between the original and its PoisonError.
const other =
  "thread 'feed' (12520) panicked at src/market_maker/orchestrator/handlers.rs:318:45:\ncalled `Option::unwrap()` on a `None` value\n";

test("the lock-holding panic poisons the lock and causes the PoisonError group, past another thread's panic", () => {
  const t = new LogTriage(toSearchModel(model), { site: 'http://localhost:4321/', inventory });
  triageText(t, `${pair.slice(0, cut)}\n${other}\n${pair.slice(cut)}`, 'app.log');
  const [original, unrelated, poison] = t.groups();
  assert.equal(t.groups().length, 3);
  assert.equal(original?.kind, 'inventory');
  assert.equal(unrelated?.poisons, null);
  assert.equal(poison?.role, 'secondary');
  assert.deepEqual(
    original?.poisons?.map((p) => [p.lock, p.id]),
    [['self.state', poison?.id]],
  );
  assert.equal(poison?.causedBy, original?.key);
});

test('without the inventory no lock is known, and the latest original on another thread is the cause, as before', () => {
  const t = new LogTriage(toSearchModel(model), { site: 'http://localhost:4321/' });
  triageText(t, `${pair.slice(0, cut)}\n${other}\n${pair.slice(cut)}`, 'app.log');
  const [, unrelated, poison] = t.groups();
  assert.ok(t.groups().every((g) => g.poisons === null));
  assert.equal(poison?.causedBy, unrelated?.key);
});
