// Real panics of the inventory's fixture crate (src/fixtures/inventory-panics/): a panic at a site no panic path
// documents gets that site (never a verdict), with the documented paths nearest to it; a panic at a documented
// site still gets its panic path. What counts as documented comes from the model, through the classified inventory.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
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
const dir = join(root, 'src/fixtures/inventory-panics');
const names = readdirSync(dir).filter((f) => f.endsWith('.txt'));

test('the captured panics include undocumented sites and documented ones', () => {
  const statuses = names.map((n) => {
    const t = triage(readFileSync(join(dir, n), 'utf8'));
    const l = t.verdicts.find((v) => !v.panic.secondary)?.panic.location ?? t.lead?.panic.location;
    return l && siteAt(search.sites, l.file, l.line, l.column)?.status;
  });
  assert.ok(statuses.filter((s) => s === 'undocumented').length >= 8, String(statuses));
  assert.ok(statuses.includes('documented'), String(statuses));
});

for (const name of names) {
  test(`${name}: the card matches the site the panic is at`, () => {
    const t = triage(readFileSync(join(dir, name), 'utf8'));
    const where = t.lead!.panic.location!;
    const site = siteAt(search.sites, where.file, where.line, where.column)!;
    assert.ok(site, `${where.file}:${where.line} is a site of the inventory`);
    if (site.status === 'documented') {
      assert.equal(`panics/${t.lead?.known?.id}`, site.entry);
      assert.equal(t.site, undefined);
    } else {
      assert.equal(t.lead?.known, undefined, 'an undocumented site is never a verdict');
      assert.equal(t.site, site);
      assert.ok(
        t.nearby!.every(
          (n) => n.entry.startsWith('panics/') && !(n.site.file === site.file && n.site.line === site.line),
        ),
      );
    }
  });
}
