// /inventory/ shows the recorded inventory (content/inventory.json): its coverage and every undocumented site,
// each at its own anchor. Expectations come from the recorded file, not from the page.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { classify } from '../src/inventory/classify.ts';
import { coverage } from '../src/inventory/coverage.ts';
import { loadContent } from '../src/model/load-content.ts';
import { inventoryRecordSchema, siteAnchor } from '../src/model/inventory.ts';

const record = inventoryRecordSchema.parse(
  JSON.parse(readFileSync(new URL('../content/inventory.json', import.meta.url), 'utf8')),
);
// Where each site stands is derived from the model, as the page derives it.
const sites = classify(
  loadContent(fileURLToPath(new URL('../content', import.meta.url)), fileURLToPath(new URL('..', import.meta.url)))
    .model,
  record.sites,
);
const summary = coverage(sites);
const undocumented = sites.filter((s) => s.status === 'undocumented' && !s.testOnly);

test('the inventory page shows the coverage the record holds, by subsystem and by file', async ({ page }) => {
  expect(summary.all.total).toBeGreaterThan(0);
  const response = await page.goto('inventory/');
  expect(response?.status()).toBe(200);
  await expect(page.locator('main h1')).toHaveText(/^Panic-site inventory/);
  const line = page.locator('[data-inventory-summary]');
  await expect(line).toContainText(
    `${summary.all.total} panic sites: ${summary.all.documented} documented, ${summary.all.guarded} guarded, ${summary.all.undocumented} undocumented`,
  );
  await expect(line).toContainText(`${summary.testOnly} more are in test-only code`);
  await expect(page.locator('table.inv-coverage').first().locator('tbody tr')).toHaveCount(summary.bySubsystem.length);
  await expect(page.locator('table.inv-coverage').nth(1).locator('tbody tr')).toHaveCount(summary.byFile.length);
  await expect(page.locator('nav.site a[aria-current="page"]')).toHaveText('Panic-site inventory');
});

test('every undocumented site has its anchor, with its function, kind, release behaviour and code line', async ({
  page,
}) => {
  expect(undocumented.length).toBeGreaterThan(0);
  await page.goto('inventory/');
  const anchors = new Set(undocumented.map(siteAnchor));
  for (const anchor of anchors) await expect(page.locator(`[id="${anchor}"]`), anchor).toHaveCount(1);
  await expect(page.locator('section[aria-labelledby="undocumented"] tbody tr')).toHaveCount(undocumented.length);
  const site = undocumented.find((s) => s.file.endsWith('handlers.rs') && s.kind === 'unwrap') ?? undocumented[0]!;
  const row = page.locator(`[id="${siteAnchor(site)}"]`);
  await expect(row).toContainText(`${site.line}:${site.column}`);
  await expect(row).toContainText(site.fn);
  await expect(row).toContainText(site.kind);
  await expect(row).toContainText(site.release ? 'fires' : 'debug only');
  await expect(row).toContainText(site.code);
  await page.goto(`inventory/#${siteAnchor(site)}`);
  await expect(row).toBeInViewport();
});
