// What runbooks and tired hands rely on: permalinks that copy, messages that copy exactly, the export, the 404.
import { expect, test } from '@playwright/test';
import { exportJsonSchema, panicExportSchema } from '../src/model/export-schema.ts';
import { modelOf, triageRows } from './built-model.ts';
import { BASE, SIX } from './tags.ts';

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

test(
  'copy link next to a page title and a location copies the absolute URL with its anchor',
  { tag: BASE },
  async ({ page, baseURL }) => {
    await page.goto('panics/glft-kappa-gamma/');
    await page.locator('main h1').getByRole('link', { name: 'Link to this page' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}panics/glft-kappa-gamma/#top`);
    await page
      .locator('#spread_oracle-L43')
      .getByRole('link', { name: /^Link to spread_oracle\.rs:43$/ })
      .click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`${baseURL}panics/glft-kappa-gamma/#spread_oracle-L43`);
    await expect(page).toHaveURL(copied);
    // The copied URL opens the page at that location.
    await page.goto('');
    await page.goto(copied);
    await expect(page.locator('#spread_oracle-L43')).toBeInViewport();
    await expect(page.locator('#spread_oracle-L43')).toContainText('kappa > 0.0');
  },
);

test('every location row on every panic and reference page carries its own copy link', async ({ page }) => {
  for (const path of [
    'panics/kill-switch-mutex-poisoning/',
    'panics/glft-kappa-gamma/',
    'safe-by-design/',
    'frames/',
    'numerical-stability/',
  ]) {
    await page.goto(path);
    const rows = page.locator('main tr[id]');
    const n = await rows.count();
    expect(n, path).toBeGreaterThan(0);
    const hrefs = await rows.evaluateAll((trs) =>
      trs.map((tr) => [tr.id, tr.querySelector('a[data-copy-link]')?.getAttribute('href')]),
    );
    for (const [id, href] of hrefs) expect(href, `${path} row ${id}`).toBe(`#${id}`);
    await expect(page.locator('main h1 a[data-copy-link]')).toHaveAttribute('href', '#top');
  }
});

test('the copy button next to a panic message copies the message exactly', async ({ page }) => {
  await page.goto('panics/glft-kappa-gamma/');
  const message = page.locator('#messages ~ div .message').first();
  await message.getByRole('button', { name: /Copy/ }).first().click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('kappa must be > 0, got {value}');
  await page.goto('panics/kill-switch-mutex-poisoning/');
  await page.locator('#messages ~ div .message').first().getByRole('button', { name: /Copy/ }).first().click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    'called `Result::unwrap()` on an `Err` value: PoisonError{detail}',
  );
});

test(
  'panics.json: every panic has its messages and templates, every location file, line, code and an absolute URL',
  { tag: SIX },
  async ({ request }, info) => {
    const model = modelOf(info);
    const data = await (await request.get('panics.json')).json();
    expect(data.version).toBe(1);
    expect(data.panics.map((p: { id: string }) => p.id).sort()).toEqual(model.panics.map((p) => p.id).sort());
    let locations = 0;
    for (const p of data.panics) {
      expect(p).toMatchObject({
        id: expect.any(String),
        title: expect.any(String),
        url: expect.stringMatching(/^https?:\/\//),
      });
      expect(['Startup', 'Debug-only', 'Runtime', 'Critical']).toContain(p.severity);
      expect(p.messages.length, p.id).toBeGreaterThan(0);
      for (const m of p.messages) expect(m).toMatchObject({ template: expect.any(String), shown: expect.any(String) });
      for (const l of p.locations) {
        locations++;
        expect(l.file, p.id).toMatch(/\.rs$/);
        expect(Number.isInteger(l.line) && l.line > 0, `${p.id} ${l.file}`).toBe(true);
        expect(typeof l.code).toBe('string');
        expect(l.url).toBe(`${p.url}#${l.anchor}`);
      }
    }
    expect(locations).toBe(model.panics.reduce((n, p) => n + p.locations.length, 0));
  },
);

test('panics.json validates against its schema, and /panics.schema.json is that schema as JSON Schema', async ({
  request,
}) => {
  const [exportRes, schemaRes] = await Promise.all([request.get('panics.json'), request.get('panics.schema.json')]);
  expect(exportRes.ok() && schemaRes.ok()).toBe(true);
  const parsed = panicExportSchema.safeParse(await exportRes.json());
  expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  expect(await schemaRes.json()).toEqual(JSON.parse(JSON.stringify(exportJsonSchema())));
});

test('every page offers the OpenSearch description to the browser', { tag: BASE }, async ({ page, baseURL }) => {
  for (const path of ['', 'panics/pending-fill-queue/', 'search/', 'no-such-page/']) {
    await page.goto(path);
    const href = await page
      .locator('link[rel="search"][type="application/opensearchdescription+xml"]')
      .getAttribute('href');
    expect(new URL(href!, page.url()).href, path).toBe(`${baseURL}opensearch.xml`);
  }
});

test(
  'an unknown address answers 404 with the search box, the paste area and the triage table',
  { tag: [BASE, SIX] },
  async ({ page }, info) => {
    const res = await page.goto('panics/no-such-panic/deeper/');
    expect(res?.status()).toBe(404);
    await expect(page.locator('main h1')).toHaveText('Page not found');
    await expect(page.locator('header [data-search-box]')).toBeVisible();
    await expect(page.locator('table.triage tbody tr')).toHaveCount(triageRows(modelOf(info)).length);
    // Links on a 404 served at any depth still lead to the right pages.
    await page.locator('table.triage tbody tr', { hasText: 'pending_fill_outcomes' }).getByRole('link').first().click();
    await expect(page.locator('main h1')).toContainText('Pending fill queue');
    await page.goto('nope/');
    await page
      .locator('main textarea[data-paste-box]')
      .fill("thread 'main' panicked at src/market_maker/strategy/spread_oracle.rs:43:9:\nkappa must be > 0, got 0");
    await page.getByRole('button', { name: 'Find the panic page' }).click();
    await page.waitForSelector('[data-search-state="done"]', { state: 'attached' });
    await expect(page.locator('a[data-search-result]').first()).toHaveAttribute('href', /panics\/glft-kappa-gamma\//);
  },
);
