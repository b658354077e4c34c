// Panics of other Rust programs, verbatim from public issues (src/fixtures/other-programs/): the card says they are
// not the market maker's code and names what it saw, and no panic page comes first. A dependency's panic under an
// application frame, and the market maker's own panics at files the model has not seen, are still the market maker's.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { classify } from '../inventory/classify.ts';
import { inventoryRecordSchema } from '../model/inventory.ts';
import { toSearchModel } from '../model/search-model.ts';
import { createTriage } from './verdict.ts';
import { realModel } from '../test-support/real-model.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const model = realModel();
const record = inventoryRecordSchema.parse(JSON.parse(readFileSync(join(root, 'content/inventory.json'), 'utf8')));
const search = toSearchModel(model, { sites: classify(model, record.sites) });
// As the site searches (with the inventory), and as `/triage.js` does (the panic paths alone).
const triages = {
  site: createTriage(search.panics, search.places, { sites: search.sites, appFiles: search.appFiles }),
  paths: createTriage(search.panics, search.places),
};
const dir = join(root, 'src/fixtures/other-programs');
const names = readdirSync(dir).filter((f) => f.endsWith('.txt'));
const readme = readFileSync(join(dir, 'README.md'), 'utf8');

test('at least ten real panics of other programs, each with its source address', () => {
  assert.ok(names.length >= 10, `${names.length} fixtures`);
  for (const n of names)
    assert.match(readme, new RegExp(`\\| \`${n.replace(/[.]/g, '\\.')}\` \\| https://github\\.com/`), n);
});

for (const name of names) {
  for (const [how, triage] of Object.entries(triages)) {
    test(`${name} (${how}): not the market maker's code, and no panic page first`, () => {
      const text = readFileSync(join(dir, name), 'utf8');
      const t = triage(text);
      assert.equal(t.kind, 'paste');
      assert.equal(t.lead?.known, undefined);
      assert.ok(t.foreign, 'the card says the panic is not from this code');
      // It names what it saw: the path as printed; for cargo's registry, the crate and its version from the path.
      assert.ok(
        text.replace(/\\/g, '/').includes(t.foreign.path.replace(/\\/g, '/').replace(/:\d+(:\d+)?$/, '')),
        t.foreign.path,
      );
      const registry = /registry\/src\/[^/]+\/([a-z0-9_-]+)-(\d+\.\d+\.\d+)\//.exec(t.foreign.path);
      if (registry)
        assert.deepEqual(
          [t.foreign.kind, t.foreign.crate, t.foreign.version],
          ['dependency', registry[1], registry[2]],
        );
      assert.deepEqual(t.ranked, [], 'no panic path is listed');
      assert.equal(t.pagefindQuery, '', 'no full-text page is asked for either: they would only share words');
    });
  }
}

test("a dependency panic under an application frame is the application's: its highest frame decides", () => {
  const t = triages.site(
    [
      "thread 'tokio-runtime-worker' panicked at /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/tokio-1.47.1/src/sync/mpsc/chan.rs:120:9:",
      'called `Option::unwrap()` on a `None` value',
      'stack backtrace:',
      '   4: tokio::sync::mpsc::chan::Rx<T,S>::recv',
      '             at /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/tokio-1.47.1/src/sync/mpsc/chan.rs:120:9',
      '   5: market_maker::market_maker::orchestrator::handlers::<impl market_maker::market_maker::orchestrator::event_loop::EventLoop>::handle_fill',
      '             at /home/deploy/hl-mm/src/market_maker/orchestrator/handlers.rs:242:68',
    ].join('\n'),
  );
  assert.equal(t.foreign, undefined);
  assert.equal(t.lead?.panic.highestAppFrame?.location?.line, 242);
  assert.equal(t.ranked[0]?.id, 'pending-fill-queue');
});

test("the market maker's panics at files the model does not hold are not called foreign", () => {
  for (const name of [
    'negative--index-out-of-bounds-l2-book.txt',
    'negative--poison-outside-kill-switch.txt',
    'negative--unwrap-none-handle-trade.txt',
  ]) {
    const t = triages.site(readFileSync(join(root, 'src/fixtures/wild', name), 'utf8'));
    assert.equal(t.foreign, undefined, name);
  }
});
