// Every page opens in Chromium from the production build and shows its main content.
import { expect, test } from '@playwright/test';

const PANIC_SECTIONS = ['Panic messages', 'Cause', 'Common triggers', 'Fix', 'Source locations', 'Call chain', 'Notes', 'Related'];

const PANICS: [id: string, title: string, severity: string, anchors: string[]][] = [
  ['config-validation', 'Config validation', 'Startup', ['market_maker-L2056']],
  ['glft-kappa-gamma', 'GLFT formula — kappa / gamma', 'Debug-only', ['spread_oracle-L43', 'spread_oracle-L44', 'spread_oracle-L46', 'spread_oracle-L47', 'spread_oracle-L88']],
  ['signal-handler-registration', 'Signal handler registration', 'Startup', ['event_loop-L858']],
  ['kill-switch-mutex-poisoning', 'Kill switch mutex poisoning', 'Critical', [492, 553, 633, 732, 744, 561, 608, 625, 695, 701, 707, 715, 721, 727, 529, 543, 763, 644, 669].map((l) => `kill_switch-L${l}`)],
  ['pending-fill-queue', 'Pending fill queue', 'Runtime', ['handlers-L242']],
];

for (const [id, title, severity, anchors] of PANICS) {
  test(`panic page ${id}: title, severity, the same sections in the same order, one anchor per location`, async ({ page }) => {
    const response = await page.goto(`panics/${id}/`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('main h1')).toHaveText(new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await expect(page).toHaveTitle(`${title} · Market maker panic reference`);
    await expect(page.locator('main .facts .badge')).toHaveText(severity);
    await expect(page.locator('main article > h2')).toHaveText(PANIC_SECTIONS);
    for (const anchor of anchors) await expect(page.locator(`[id="${anchor}"]`), anchor).toHaveCount(1);
    await expect(page.locator('main tr[id]')).toHaveCount(anchors.length);
  });
}

test('the home page links every triage row to its panic page', async ({ page }) => {
  await page.goto('');
  await expect(page.locator('main h1')).toHaveText(/^Market maker panic reference/);
  const rows = page.locator('table.triage tbody tr');
  await expect(rows).toHaveCount(6);
  await rows.filter({ hasText: 'gamma must be > 0' }).getByRole('link').click();
  await expect(page).toHaveURL(/panics\/glft-kappa-gamma\/$/);
  await expect(page.locator('main h1')).toContainText('GLFT formula');
});

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
  test('navigation reaches every page and the header search submits to /search/?q=', async ({ page }) => {
    await page.goto('');
    const nav = page.getByRole('navigation', { name: 'Site' });
    for (const [name, h1] of [['Safe-by-design paths', /^Safe-by-design/], ['Common backtrace frames', /^Common backtrace frames/], ['Debugging checklist', /^Debugging checklist/], ['Numerical stability', /^Numerical stability/], ['Quick triage', /^Market maker panic reference/]] as const) {
      await nav.getByRole('link', { name }).click();
      await expect(page.locator('main h1')).toHaveText(h1);
      await expect(page.getByRole('link', { name: 'MM panic reference' })).toBeVisible();
    }
    for (const [, title] of PANICS) {
      await page.goto('');
      await page.locator('main #panic-paths ~ ul a', { hasText: title }).first().click();
      await expect(page.locator('main h1')).toContainText(title);
    }
    await page.locator('[data-search-box]').fill('kappa must be > 0');
    await page.locator('[data-search-box]').press('Enter');
    await expect(page).toHaveURL(/search\/\?q=kappa\+must\+be\+%3E\+0$/);
  });
});

test('panics.json is the versioned export with absolute location URLs', async ({ request, baseURL }) => {
  const res = await request.get('panics.json');
  expect(res.ok()).toBe(true);
  const data = await res.json();
  expect(data.version).toBe(1);
  expect(data.panics.map((p: { id: string }) => p.id).sort()).toEqual(PANICS.map(([id]) => id).sort());
  const glft = data.panics.find((p: { id: string }) => p.id === 'glft-kappa-gamma');
  const l43 = glft.locations.find((l: { line: number }) => l.line === 43);
  expect(l43).toMatchObject({ file: 'src/market_maker/strategy/spread_oracle.rs', line: 43, code: 'kappa > 0.0', release: false, anchor: 'spread_oracle-L43' });
  expect(l43.url).toMatch(new RegExp(`${new URL(baseURL!).pathname}panics/glft-kappa-gamma/#spread_oracle-L43$`));
  expect(glft.messages[0].template).toBe('kappa must be > 0, got {value}');
});

test('the OpenSearch description points the browser at /search/?q=', async ({ request, baseURL }) => {
  const res = await request.get('opensearch.xml');
  expect(res.ok()).toBe(true);
  expect(await res.text()).toContain(`${new URL(baseURL!).pathname}search/?q={searchTerms}`);
});
