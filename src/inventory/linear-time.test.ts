// The inventory runs in linear time and bounded memory on any source: on adversarial Rust, four times the text
// costs about four times the CPU time, never sixteen (quadratic). The house way (src/search/linear-time.test.ts):
// the fastest of three runs counts, a floor of 3 ms, ×12 allowed for ×4 the input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CODE_EXCERPT } from '../model/inventory.ts';
import { ADVERSARIAL_RUST, GENERATED_SITES_PER_FN, generatedFile } from '../test-support/adversarial-rust.ts';
import { findSites } from './inventory.ts';
import { inventoryRecord, serializeRecord } from './record.ts';

const BASE = 16 * 1024;
const GROWTH = 4;
const MAX_RATIO = 12;

const inventory = (text: string) => findSites([{ file: 'src/lib.rs', text }]);

/** Milliseconds of this process's CPU, the fastest of three runs. */
async function fastest(text: string): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = process.cpuUsage();
    await inventory(text);
    const used = process.cpuUsage(t0);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

for (const [name, make] of Object.entries(ADVERSARIAL_RUST)) {
  test(`the inventory is linear on ${name}`, async () => {
    const small = make(BASE);
    const large = make(BASE * GROWTH);
    assert.ok((await inventory(small)).length > 0, 'the input holds sites');
    let report = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      const t1 = Math.max(await fastest(small), 3);
      const t2 = await fastest(large);
      if (t2 / t1 < MAX_RATIO) return;
      report += ` ${t1.toFixed(1)} → ${t2.toFixed(1)} ms (×${(t2 / t1).toFixed(1)});`;
    }
    assert.fail(`${name} (${small.length} → ${large.length} chars):${report}`);
  });
}

test('a one-line sum of 12,000 terms: a site per term, each keeping its column and a bounded excerpt', async () => {
  const terms = 12_000;
  const text = `pub fn s(v: &[u64]) -> u64 { ${Array.from({ length: terms }, (_, i) => `v[${i}]`).join(' + ')} }\n`;
  const sites = await inventory(text);
  assert.equal(sites.length, terms);
  assert.ok(
    sites.every((s) => s.code.length <= CODE_EXCERPT + 2),
    'no site holds the whole line',
  );
  const last = sites.at(-1)!;
  // A slice's built-in bounds check points at the indexed expression (`v`), not at its `[`.
  assert.equal(last.column, text.lastIndexOf('v[') + 1, 'the column of the last term');
  assert.ok(last.code.includes(`v[${terms - 1}]`), `the excerpt holds the site: ${last.code}`);
  // The record of it is written and digested (it once overflowed V8's longest string).
  assert.ok(serializeRecord(inventoryRecord(sites, null)).length > 0);
});

test('a generated 1 MiB file: every site found and recorded, no stack overflow', async () => {
  const text = generatedFile(1024 * 1024);
  const sites = await inventory(text);
  const functions = text.split('fn g').length - 1;
  assert.equal(sites.length, functions * GENERATED_SITES_PER_FN);
  assert.equal(inventoryRecord(sites, null).sites.length, sites.length);
});
