// At 3 a.m. on a phone, a laptop or paper: narrow screens, print, keyboard only, light and dark.
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { builtPages, distOf, visitPath } from './built-site.ts';

const pageOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('no page scrolls sideways; code and tables scroll inside themselves', async ({ page }, info) => {
    const pages = builtPages(distOf(info)).map(visitPath);
    expect(pages.length).toBeGreaterThanOrEqual(11);
    for (const path of pages) {
      await page.goto(path);
      expect(await pageOverflow(page), path).toBeLessThanOrEqual(0);
    }
    await page.goto('panics/kill-switch-mutex-poisoning/');
    // The message is wider than the phone: it scrolls in its block, not the page.
    const pre = page.locator('main pre.astro-code').first();
    const [scroll, client, overflowX] = await pre.evaluate((e) => [
      e.scrollWidth,
      e.clientWidth,
      getComputedStyle(e).overflowX,
    ]);
    expect(scroll).toBeGreaterThan(client);
    expect(overflowX).toBe('auto');
  });

  test('a pasted backtrace with its triage card does not scroll the page sideways', async ({ page }) => {
    const paste = readFileSync(
      new URL('../src/fixtures/panics/pending-fill.debug.btfull.txt', import.meta.url),
      'utf8',
    );
    await page.goto(`search/?q=${encodeURIComponent(paste)}`);
    await page.waitForSelector('[data-pagefind-state="done"]', { state: 'attached' });
    await expect(page.locator('[data-triage]')).toBeVisible();
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
  });
});

test('print: a panic page drops navigation, search and copy controls, and wraps code', async ({ page }) => {
  await page.setViewportSize({ width: 700, height: 1000 });
  await page.goto('panics/kill-switch-mutex-poisoning/');
  await page.emulateMedia({ media: 'print' });
  for (const selector of ['header.site', 'nav.site', 'footer.site', 'main button.copy', 'main a.linkcopy', 'form']) {
    const shown = await page
      .locator(selector)
      .evaluateAll((els) => els.filter((e) => getComputedStyle(e).display !== 'none').length);
    expect(shown, selector).toBe(0);
  }
  await expect(page.locator('main h1')).toBeVisible();
  const pres = page.locator('main pre.astro-code');
  expect(await pres.count()).toBeGreaterThan(0);
  const unwrapped = await pres.evaluateAll(
    (els) => els.filter((e) => getComputedStyle(e).whiteSpace !== 'pre-wrap' || e.scrollWidth > e.clientWidth).length,
  );
  expect(unwrapped).toBe(0);
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});

test('keyboard: the first Tab reaches the skip link, which moves focus to the content', async ({ page }) => {
  await page.goto('panics/glft-kappa-gamma/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await page.keyboard.press('Tab');
  // The next stop is inside the content, not back in the header.
  expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
});

test('keyboard: / focuses the search box from anywhere, Esc leaves it, / can still be typed in it', async ({
  page,
}) => {
  await page.goto('frames/');
  const box = page.locator('header [data-search-box]');
  await page.keyboard.press('/');
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('');
  await page.keyboard.type('src/a.rs');
  await expect(box).toHaveValue('src/a.rs');
  await page.keyboard.press('Escape');
  await expect(box).not.toBeFocused();
  await page.goto('');
  const paste = page.locator('textarea[data-paste-box]');
  await paste.focus();
  await page.keyboard.press('Escape');
  await expect(paste).not.toBeFocused();
});

test('keyboard: every focus stop on a panic page shows a visible focus ring', async ({ page }) => {
  await page.goto('panics/glft-kappa-gamma/');
  const stops = new Set<string>();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      if (!e || e === document.body) return null;
      const s = getComputedStyle(e);
      return {
        what: `${e.tagName.toLowerCase()} ${e.textContent?.trim().slice(0, 30)}`,
        ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
        visible: e.matches(':focus-visible'),
      };
    });
    if (!focus) continue;
    stops.add(focus.what);
    expect(focus.visible && focus.ring, `focus on ${focus.what}`).toBe(true);
  }
  expect(stops.size).toBeGreaterThan(10);
});

test('light and dark themes follow the system', async ({ page }) => {
  await page.goto('panics/glft-kappa-gamma/');
  const colors = () =>
    page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]);
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await colors();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await colors();
  expect(light[0]).toBe('rgb(255, 255, 255)');
  expect(dark[0]).not.toBe(light[0]);
  expect(dark[1]).not.toBe(light[1]);
});
