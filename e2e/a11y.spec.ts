// Accessibility of every built page, in both colour schemes, with axe: no violation of any rule axe runs by default.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { builtPages, distOf, visitPath } from './built-site.ts';
import { expectNoViolations } from './axe.ts';

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
