// The paste stays in the browser: the paste forms put it in the URL's fragment, at any size, and `#q=` and `?q=`
// both search. A shared link carries no values of the crash and lands on the same card.
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { BASE } from './tags.ts';

const fixture = (name: string) => readFileSync(new URL(`../src/fixtures/panics/${name}`, import.meta.url), 'utf8');

/** A log of about 50 KB from a crash-looping pod: the lines before the panic, then a full backtrace. */
function bigPaste(): string {
  const before: string[] = [];
  for (let i = 0, size = 0; size < 42_000; i++) {
    before.push(
      `2026-11-24T03:12:${String(i % 60).padStart(2, '0')}.118Z INFO market_maker::orchestrator: quote update seq=${i} bid=97211.5 ask=97212.0`,
    );
    size += before.at(-1)!.length + 1;
  }
  return `${before.join('\n')}\n${fixture('pending-fill.debug.btfull.txt')}`;
}

async function verdict(page: Page): Promise<string | null> {
  await page.waitForSelector('#search[data-search-state="done"]', { state: 'attached' });
  return page.locator('[data-triage]').getAttribute('data-triage');
}

test(
  'a 50 KB backtrace pasted on the home page lands on its verdict, and never reaches the server',
  { tag: BASE },
  async ({ page }) => {
    const paste = bigPaste();
    expect(paste.length).toBeGreaterThan(50_000);
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto('./');
    await page.locator('textarea[data-paste-box]').fill(paste);
    await page.getByRole('button', { name: 'Find the panic page' }).click();
    await expect(page).toHaveURL(/\/search\/#q=/);
    expect(await verdict(page)).toBe('pending-fill-queue');
    await expect(page.locator('textarea[data-paste-box]')).toHaveValue(paste);
    // Every request, the navigation included, was made without the paste: it lives in the fragment only.
    for (const url of requested) expect(url.length).toBeLessThan(2_000);
    // Reload keeps it.
    await page.reload();
    expect(await verdict(page)).toBe('pending-fill-queue');
  },
);

test('#q= and ?q= give the same verdict; typing moves the paste into the fragment', { tag: BASE }, async ({ page }) => {
  const q = fixture('kappa-zero.debug.bt0.txt');
  await page.goto(`search/#q=${encodeURIComponent(q)}`);
  expect(await verdict(page)).toBe('glft-kappa-gamma');
  await page.goto(`search/?q=${encodeURIComponent(q)}`);
  expect(await verdict(page)).toBe('glft-kappa-gamma');
  await page.locator('textarea[data-paste-box]').fill(fixture('sigterm.debug.bt0.txt'));
  expect(await verdict(page)).toBe('signal-handler-registration');
  const url = new URL(page.url());
  expect(url.search).toBe('');
  expect(new URLSearchParams(url.hash.slice(1)).get('q')).toBe(fixture('sigterm.debug.bt0.txt'));
});

test('the header search box also searches in the fragment', { tag: BASE }, async ({ page }) => {
  await page.goto('frames/');
  await page
    .locator('input[data-search-box]')
    .fill('config validation failed: Invalid MarketMakerConfig: kappa must be > 0 (got 0)');
  await page.locator('input[data-search-box]').press('Enter');
  await expect(page).toHaveURL(/\/search\/#q=/);
  await page.waitForSelector('#search[data-search-state="done"]', { state: 'attached' });
  await expect(page.locator('a[data-search-result]').first()).toHaveAttribute('href', /panics\/config-validation\//);
});

test(
  "the card's Copy link is short, holds no values of the crash, and lands on the same card",
  { tag: BASE },
  async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(`search/#q=${encodeURIComponent(fixture('pending-fill.debug.bt1.txt'))}`);
    expect(await verdict(page)).toBe('pending-fill-queue');
    await page.locator('[data-share-link]').click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link.length).toBeLessThan(400);
    expect(link).not.toMatch(/12519|tokio|%2Fhome%2Fdeploy/);
    await page.goto(link);
    expect(await verdict(page)).toBe('pending-fill-queue');
  },
);

test('free words that no page holds all together still list pages, and the page says the words were relaxed', async ({
  page,
}) => {
  await page.goto(`search/?q=${encodeURIComponent('kappa inversion spread below fee returns infinity')}`);
  await page.waitForSelector('#search[data-search-state="done"]', { state: 'attached' });
  await expect(page.locator('a[data-search-result]').first()).toBeVisible();
  await expect(page.locator('#search-status')).toContainText('No page holds all the words');
});

/** About 1.5 MB of JSON log lines with a real panic near the end: more than a link can carry once encoded. */
function hugeLog(): { paste: string; expected: string } {
  const scenarios: Record<string, string> = JSON.parse(fixture('scenarios.json'));
  const lines: string[] = [];
  for (let i = 0, size = 0; size < 1_500_000; i++) {
    const ts = `2026-11-24T03:${String(((i / 60) % 60) | 0).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.118Z`;
    const target = 'market_maker::orchestrator';
    lines.push(JSON.stringify({ ts, level: 'INFO', target, msg: 'quote update', seq: i, bid: 97211.5, ask: 97212 }));
    size += lines.at(-1)!.length + 1;
  }
  lines.splice(lines.length - 200, 0, fixture('poison.debug.bt1.txt'));
  const paste = lines.join('\n');
  expect(encodeURIComponent(paste).length, 'more than a URL carries').toBeGreaterThan(2 * 1024 * 1024);
  return { paste, expected: scenarios['poison']! };
}

/** Pastes `text` into the home page's box as one paste, as a reader does (the clipboard into the box), and submits. */
async function pasteOnHome(page: Page, text: string): Promise<void> {
  await page.goto('./');
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.locator('textarea[data-paste-box]').focus();
  await page.keyboard.press('ControlOrMeta+V');
  expect(await pastedLength(page)).toBe(text.length);
  await page.getByRole('button', { name: 'Find the panic page' }).click();
  await expect(page).toHaveURL(/\/search\/#paste=[0-9a-f]{32}$/);
}

const pastedLength = (page: Page) =>
  page.locator('textarea[data-paste-box]').evaluate((t: HTMLTextAreaElement) => t.value.length);

test.describe('a paste too large for a link', () => {
  test.beforeEach(async ({ context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  test('a 1.5 MB log pasted on the home page is handed over inside the tab and lands on its verdict', async ({
    page,
    context,
  }) => {
    const { paste, expected } = hugeLog();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await pasteOnHome(page, paste);
    expect(await verdict(page)).toBe(expected);
    expect(await pastedLength(page)).toBe(paste.length);
    await expect(page.locator('p[data-paste-note]')).toBeVisible();
    await expect(page.locator('p[data-paste-note]')).toContainText('too large to keep in the link');
    for (const url of requested) expect(url.length).toBeLessThan(2_000);
    // Reload keeps it: the tab holds it under the link's id.
    await page.reload();
    expect(await verdict(page)).toBe(expected);
    // Another tab has no such paste, and says so.
    const other = await context.newPage();
    await other.goto(page.url());
    await expect(other.locator('p[data-paste-note]')).toContainText('paste it again');
    await expect(other.locator('[data-triage]')).toHaveCount(0);
  });

  test("past what the tab's session storage holds, the paste still lands on its verdict", async ({ page }) => {
    const { paste, expected } = hugeLog();
    await page.goto('./');
    // The tab's storage is nearly full of something else: the paste does not fit beside it.
    await page.evaluate(() => {
      const chunk = 'x'.repeat(256 * 1024);
      try {
        for (let i = 0; ; i++) sessionStorage.setItem(`filler-${i}`, chunk);
      } catch {
        // Full.
      }
    });
    await pasteOnHome(page, paste);
    expect(await page.evaluate(() => Object.keys(sessionStorage).some((k) => k.startsWith('mm-paste:')))).toBe(false);
    expect(await verdict(page)).toBe(expected);
    expect(await pastedLength(page)).toBe(paste.length);
  });
});
