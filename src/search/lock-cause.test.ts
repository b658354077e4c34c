// A panic while a lock guard is alive poisons the lock: the card names the lock and the page of the PoisonError
// that follows, among the first results, whatever wraps the panic; the PoisonError itself keeps its verdict.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { classify } from '../inventory/classify.ts';
import { siteAt } from '../inventory/lookup.ts';
import { inventoryRecordSchema } from '../model/inventory.ts';
import { toSearchModel } from '../model/search-model.ts';
import { createTriage } from './verdict.ts';
import { realModel } from '../test-support/real-model.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const model = realModel();
const record = inventoryRecordSchema.parse(JSON.parse(readFileSync(join(root, 'content/inventory.json'), 'utf8')));
const search = toSearchModel(model, { sites: classify(model, record.sites) });
const triage = createTriage(search.panics, search.places, { sites: search.sites });
const fixture = (dir: string, name: string) => readFileSync(join(root, 'src/fixtures', dir, name), 'utf8');

// The original panic of the real PoisonError pair: the first panic of the fixture, cut where the second begins.
const pair = fixture('panics', 'poison.debug.bt1.txt');
const firstPanic = pair.slice(0, pair.indexOf("thread 'main'"));
const head = firstPanic.split('\n').find((l) => l.includes('panicked at'))!;
const message = firstPanic.split('\n')[firstPanic.split('\n').indexOf(head) + 1]!;
const where = /panicked at (\S+):(\d+):(\d+):/.exec(head)!;
const tracingJson = JSON.stringify({
  timestamp: '2026-11-26T05:00:01.123456Z',
  level: 'ERROR',
  target: 'tracing_panic',
  threadName: 'tokio-runtime-worker',
  fields: {
    message: 'A panic occurred',
    'panic.payload': message,
    'panic.location': `${where[1]}:${where[2]}:${where[3]}`,
  },
});

// What the model says: the site at that location, the lock guard alive there, the path whose location is that lock's
// `.lock().unwrap()` and which prints a PoisonError.
const site = siteAt(search.sites, where[1]!, Number(where[2]), Number(where[3]))!;
const guard = site?.guards?.[0];
const poisonPath = model.panics.find(
  (p) =>
    p.messages.some((m) => m.template.includes('PoisonError')) &&
    p.locations.some((l) => l.file === site.file && l.line === guard?.line),
)!;

test('the fixture crate has the original panic as an undocumented site holding a lock a panic path documents', () => {
  assert.equal(site?.status, 'undocumented');
  assert.ok(guard, 'a lock guard is alive at the site');
  assert.ok(poisonPath, `a panic path is located at the guard's line ${guard?.line}`);
});

for (const [name, paste] of [
  ['pasted alone, with its backtrace (RUST_BACKTRACE=1)', firstPanic],
  ['its two lines', `${head}\n${message}`],
  ['its head line alone', head],
  ['in a tracing-json record', tracingJson],
] as const) {
  test(`the original panic ${name}: the undocumented-site card names the lock and its PoisonError page`, () => {
    const t = triage(paste);
    assert.equal(t.lead?.known, undefined);
    assert.equal(t.site, site);
    assert.deepEqual(
      t.poisons?.map((p) => [p.lock, p.line, p.id]),
      [[guard!.lock, guard!.line, poisonPath.id]],
    );
    assert.equal(t.ranked[0]?.id, poisonPath.id, 'the page is the first panic path listed (after the site itself)');
  });
}

test('the PoisonError pair still gets its verdict', () => {
  const t = triage(pair);
  assert.equal(t.lead?.known?.id, poisonPath.id);
  assert.equal(t.original?.panic.location?.line, Number(where[2]));
});

test('the drill that dies holding the state lock through another binding (`me.state`) poisons the same lock', () => {
  const drill = fixture('inventory-panics', 'poisoned-kill-switch.debug.bt1.txt');
  const t = triage(drill.slice(0, drill.indexOf("thread 'main'")));
  assert.equal(t.poisons?.[0]?.id, poisonPath.id);
  assert.equal(t.poisons?.[0]?.lock, 'me.state');
});

test('a site holding no lock gets no such card', () => {
  const t = triage(fixture('inventory-panics', 'rung.debug.bt1.txt'));
  assert.equal(t.poisons, undefined);
});
