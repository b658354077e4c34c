// The site works inside a network that reaches nothing else, under a strict Content-Security-Policy.
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { CSP } from '../src/cli/static-server.ts';
import { builtPages, distOf, visitPath } from './built-site.ts';

/** Blocks every request that leaves the page's origin and collects it, with every console error and CSP report. */
async function watch(page: Page, origin: string): Promise<string[]> {
  const problems: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    problems.push(`request to another origin: ${url}`);
    return route.abort('blockedbyclient');
  });
  // A missing asset is caught by its status; the document's own 404 (the not-found page) is expected.
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document') problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.text().startsWith('Failed to load resource')) return;
    if (m.type() === 'error' || /Refused to|Content Security Policy/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return problems;
}

test('the e2e server sends the strict Content-Security-Policy on every response', async ({ request }) => {
  for (const path of ['', 'panics/glft-kappa-gamma/', 'search/', 'panics.json', 'no-such-page/']) {
    const res = await request.get(path);
    expect(res.headers()['content-security-policy'], path).toBe(CSP);
  }
  expect(CSP).toContain("script-src 'self' 'wasm-unsafe-eval'");
});

test('no page requests another origin, logs an error or violates the CSP', async ({ page, baseURL }, info) => {
  const origin = new URL(baseURL!).origin;
  const problems = await watch(page, origin);
  const pages = builtPages(distOf(info)).map(visitPath);
  expect(pages.length).toBeGreaterThanOrEqual(11);
  let scripts = 0;
  for (const path of pages) {
    const res = await page.goto(path, { waitUntil: 'load' });
    expect(res?.status(), path).toBe(path === visitPath('404.html') ? 404 : 200);
    scripts += await page.locator('script[src]').count();
    // A CSP that blocked the site's own script would leave the copy buttons hidden.
    if (await page.locator('main pre.astro-code').count()) await expect(page.locator('main button.copy').first(), path).toBeVisible();
  }
  expect(scripts).toBeGreaterThanOrEqual(pages.length);
  expect(problems).toEqual([]);
});

test('a panic page loads in at most 4 requests, all from its own origin (the page budget of npm run bench:pages)', async ({ page, baseURL }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('panics/kill-switch-mutex-poisoning/', { waitUntil: 'networkidle' });
  expect(requests.length, requests.join('\n')).toBeGreaterThanOrEqual(2);
  expect(requests.length, requests.join('\n')).toBeLessThanOrEqual(4);
  for (const u of requests) expect(new URL(u).origin).toBe(new URL(baseURL!).origin);
});

test('a search, with the triage card, Pagefind and its WebAssembly, runs offline under the CSP', async ({ page, baseURL }) => {
  const problems = await watch(page, new URL(baseURL!).origin);
  const wasm: string[] = [];
  page.on('requestfinished', (r) => {
    if (/pagefind/.test(r.url())) wasm.push(r.url());
  });
  const paste = readFileSync(new URL('../src/fixtures/panics/kappa-zero.debug.bt1.txt', import.meta.url), 'utf8');
  for (const q of [paste, 'poisoned mutex', "thread 'main' panicked at src/unknown.rs:1:1:\nsomething odd"]) {
    await page.goto(`search/?q=${encodeURIComponent(q)}`);
    await page.waitForSelector('[data-pagefind-state="done"]', { state: 'attached' });
    await expect(page.locator('a[data-search-result]').first()).toBeVisible();
    await expect(page.locator('main')).not.toContainText('Full-text search could not load');
  }
  // Pagefind's WebAssembly ran: the CSP's 'wasm-unsafe-eval' is the one exception it needs.
  expect(wasm.some((u) => /\/pagefind\/wasm\.[^/]+\.pagefind$/.test(u)), wasm.join('\n')).toBe(true);
  expect(problems).toEqual([]);
});
