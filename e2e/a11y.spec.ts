// Accessibility of every built page, in both colour schemes, with axe: no violation of any rule axe runs by default.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { builtPages, distOf, visitPath } from './built-site.ts';

interface Target {
  name: string;
  url: string;
  status: number;
}

const targetOf = (path: string): Target =>
  path === '404.html'
    ? { name: '404', url: visitPath(path), status: 404 }
    : { name: `/${path}`, url: visitPath(path), status: 200 };

// Tests are defined per file, not per project: the list comes from the root build, whose pages have the same URLs
// relative to baseURL as the sub-path build (the last test checks that the running project's build agrees).
const ROOT_DIST = fileURLToPath(new URL('../dist', import.meta.url));
const files = builtPages(ROOT_DIST);
const SCHEMES = ['light', 'dark'] as const;

async function expectNoViolations(page: Page, what: string): Promise<void> {
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    // Legacy mode runs axe.run() in the page itself instead of finishing in a new blank page: about 2.5 times as fast,
    // and what it gives up, cross-origin frames, the site has none (its CSP allows no other origin).
    const { violations } = await new AxeBuilder({ page })
      .setLegacyMode()
      .options({ resultTypes: ['violations'] })
      .analyze();
    const found = violations.flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${(n.failureSummary ?? v.help).replace(/\s*\n\s*/g, ' ')}`,
      ),
    );
    expect(found, `axe violations on ${what} in the ${colorScheme} scheme`).toEqual([]);
  }
}

for (const target of files.map(targetOf)) {
  test(`axe: ${target.name}`, async ({ page }) => {
    const response = await page.goto(target.url);
    expect(response?.status(), `status of ${target.url}`).toBe(target.status);
    await expectNoViolations(page, target.name);
  });
}

// The search page's content is written by its script: check it with a triage card and results on screen.
const searches = [
  {
    name: 'a known panic',
    q: readFileSync(new URL('../src/fixtures/panics/kappa-zero.debug.bt1.txt', import.meta.url), 'utf8'),
    triage: 'glft-kappa-gamma',
  },
  { name: 'an unknown panic', q: "thread 'main' panicked at src/foo.rs:1:1:\nsomething odd", triage: 'unknown' },
];
for (const s of searches) {
  test(`axe: /search/ with ${s.name} pasted`, async ({ page }) => {
    await page.goto(`search/?q=${encodeURIComponent(s.q)}`);
    await page.waitForSelector('[data-search-state="done"]', { state: 'attached' });
    await page.waitForSelector('[data-pagefind-state="done"]', { state: 'attached' });
    await expect(page.locator(`[data-triage="${s.triage}"]`)).toBeVisible();
    if (s.triage !== 'unknown') await expect(page.locator('a[data-search-result]').first()).toBeVisible();
    await expectNoViolations(page, `/search/ with ${s.name}`);
  });
}

test('axe checks every HTML file of the build', async ({}, testInfo) => {
  const here = builtPages(distOf(testInfo));
  expect(here.length, `HTML files in ${distOf(testInfo)}`).toBeGreaterThanOrEqual(11);
  expect(here, `HTML files in ${distOf(testInfo)}`).toContain('404.html');
  expect(files, `pages checked (from dist) vs HTML files of ${distOf(testInfo)}`).toEqual(here);
});
