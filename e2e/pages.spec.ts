// Every page opens in Chromium from the production build and shows its main content.
import { expect, type Page, test } from '@playwright/test';
import { locationAnchor } from '../src/model/anchor.ts';
import { modelOf, triageRows } from './built-model.ts';
import { BASE, SIX } from './tags.ts';

const PANIC_SECTIONS = [
  'Panic messages',
  'Cause',
  'Common triggers',
  'Fix',
  'Source locations',
  'Call chain',
  'Notes',
  'Related',
];

test(
  'every panic page of the model: title, severity, the same sections in the same order, one anchor per location',
  { tag: SIX },
  async ({ page }, info) => {
    const { panics } = modelOf(info);
    expect(panics.length).toBeGreaterThan(0);
    for (const p of panics) {
      await test.step(p.id, async () => {
        const response = await page.goto(`panics/${p.id}/`);
        expect(response?.status()).toBe(200);
        await expect(page.locator('main h1')).toHaveText(new RegExp(`^${RegExp.escape(p.title)}`));
        await expect(page).toHaveTitle(`${p.title} · Market maker panic reference`);
        await expect(page.locator('main .facts .badge')).toHaveText(p.severity);
        await expect(page.locator('main article > h2')).toHaveText(PANIC_SECTIONS);
        const anchors = p.locations.map(locationAnchor);
        for (const anchor of anchors) await expect(page.locator(`[id="${anchor}"]`), anchor).toHaveCount(1);
        await expect(page.locator('main tr[id]')).toHaveCount(anchors.length);
      });
    }
  },
);

/** The page's quick-triage table has one row per triage row of the model, each linking its panic page. */
async function expectTriageRows(page: Page, model: ReturnType<typeof modelOf>) {
  const rows = page.locator('table.triage tbody tr');
  const expected = triageRows(model);
  await expect(rows).toHaveCount(expected.length);
  for (const { panic, row } of expected) {
    const byMessage = rows.filter({ hasText: row.message });
    const tr = row.context ? byMessage.filter({ hasText: row.context }) : byMessage;
    await expect(tr, row.message).toHaveCount(1);
    await expect(tr.getByRole('link').first(), row.message).toHaveAttribute('href', new RegExp(`panics/${panic.id}/$`));
  }
  return rows;
}

test(
  'the home page has one triage row per row of the model, each linking its panic page',
  { tag: SIX },
  async ({ page }, info) => {
    await page.goto('');
    await expect(page.locator('main h1')).toHaveText(/^Market maker panic reference/);
    const rows = await expectTriageRows(page, modelOf(info));
    await rows.filter({ hasText: 'gamma must be > 0' }).getByRole('link').click();
    await expect(page).toHaveURL(/panics\/glft-kappa-gamma\/$/);
    await expect(page.locator('main h1')).toContainText('GLFT formula');
  },
);

test(
  'the home page and 404 link /panics/, which has one triage row per row of the model and every path by phase',
  { tag: SIX },
  async ({ page }, info) => {
    const model = modelOf(info);
    const linkText = `All ${model.panics.length.toLocaleString('en')} panic paths`;
    await page.goto('no-such-page/');
    await expect(page.locator('main a[data-all-panics]')).toHaveAttribute('href', /panics\/$/);
    await page.goto('');
    await page.locator('main a[data-all-panics]', { hasText: linkText }).click();
    await expect(page).toHaveURL(/\/panics\/$/);
    await expect(page.locator('main h1')).toHaveText(/^All panic paths/);
    await expectTriageRows(page, model);
    for (const p of model.panics) {
      const entry = page.locator(`main h3#${p.phase} + ul`).getByRole('link', { name: p.title, exact: true });
      await expect(entry, p.id).toHaveCount(1);
      await expect(entry, p.id).toHaveAttribute('href', new RegExp(`panics/${p.id}/$`));
    }
  },
);

const REFERENCE_PAGES: [path: string, h1: RegExp, content: string][] = [
  ['safe-by-design/', /^Safe-by-design paths/, 'Division by mid price'],
  ['frames/', /^Common backtrace frames/, 'tokio::runtime::task::harness::*'],
  ['checklist/', /^Debugging checklist/, 'RUST_BACKTRACE=1 cargo run --release --bin market_maker -- paper'],
  ['numerical-stability/', /^Numerical stability summary/, 'Layer 4: Taylor expansion fallbacks'],
];

for (const [path, h1, content] of REFERENCE_PAGES) {
  test(`reference page ${path} shows its content`, async ({ page }) => {
    expect((await page.goto(path))?.status()).toBe(200);
    await expect(page.locator('main h1')).toHaveText(h1);
    await expect(page.locator('main')).toContainText(content);
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test(
    'navigation reaches every page and the header search submits to /search/?q=',
    { tag: [BASE, SIX] },
    async ({ page }, info) => {
      await page.goto('');
      const nav = page.getByRole('navigation', { name: 'Site' });
      for (const [name, h1] of [
        ['Safe-by-design paths', /^Safe-by-design/],
        ['Common backtrace frames', /^Common backtrace frames/],
        ['Debugging checklist', /^Debugging checklist/],
        ['Numerical stability', /^Numerical stability/],
        ['Quick triage', /^Market maker panic reference/],
      ] as const) {
        await nav.getByRole('link', { name }).click();
        await expect(page.locator('main h1')).toHaveText(h1);
        await expect(page.getByRole('link', { name: 'MM panic reference' })).toBeVisible();
      }
      for (const { title } of modelOf(info).panics) {
        await page.goto('');
        await page.locator('main #panic-paths ~ ul a', { hasText: title }).first().click();
        await expect(page.locator('main h1')).toContainText(title);
      }
      await page.locator('[data-search-box]').fill('kappa must be > 0');
      await page.locator('[data-search-box]').press('Enter');
      await expect(page).toHaveURL(/search\/\?q=kappa\+must\+be\+%3E\+0$/);
    },
  );
});

test(
  'panics.json is the versioned export with absolute location URLs',
  { tag: [BASE, SIX] },
  async ({ request, baseURL }, info) => {
    const res = await request.get('panics.json');
    expect(res.ok()).toBe(true);
    const data = await res.json();
    expect(data.version).toBe(1);
    expect(data.panics.map((p: { id: string }) => p.id).sort()).toEqual(
      modelOf(info)
        .panics.map((p) => p.id)
        .sort(),
    );
    const glft = data.panics.find((p: { id: string }) => p.id === 'glft-kappa-gamma');
    const l43 = glft.locations.find((l: { line: number }) => l.line === 43);
    expect(l43).toMatchObject({
      file: 'src/market_maker/strategy/spread_oracle.rs',
      line: 43,
      code: 'kappa > 0.0',
      release: false,
      anchor: 'spread_oracle-L43',
    });
    expect(l43.url).toMatch(new RegExp(`${new URL(baseURL!).pathname}panics/glft-kappa-gamma/#spread_oracle-L43$`));
    expect(glft.messages[0].template).toBe('kappa must be > 0, got {value}');
  },
);
