// The site works inside a network that reaches nothing else, under a strict Content-Security-Policy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { headerPolicy, POLICY, securityHeaders } from '../src/security/csp.ts';
import { builtScriptHashes, hashSource, inlineContents, pagePolicy } from '../src/security/page-policy.ts';
import { builtPages, distOf, visitPath } from './built-site.ts';
import { watch } from './csp-watch.ts';
import { BASE } from './tags.ts';

test('the e2e server sends the security headers of src/security/csp.ts on every response', async ({
  request,
}, info) => {
  // The search page's script is inline: the site's header allows it by its hash, and no other inline script.
  const hashes = builtScriptHashes(distOf(info));
  const search = readFileSync(join(distOf(info), 'search', 'index.html'), 'utf8');
  expect(hashes).toEqual(
    inlineContents(search, 'script')
      .filter((c) => !c.startsWith('{'))
      .map((c) => hashSource(c)),
  );
  for (const path of ['', 'panics/glft-kappa-gamma/', 'search/', 'panics.json', 'no-such-page/']) {
    const res = await request.get(path);
    for (const [name, value] of Object.entries(securityHeaders(hashes)))
      expect(res.headers()[name.toLowerCase()], `${path}: ${name}`).toBe(value);
  }
  expect(headerPolicy(hashes)).toContain(`script-src 'self' 'wasm-unsafe-eval' ${hashes[0]}`);
  expect(headerPolicy(hashes)).toContain("frame-ancestors 'none'");
});

/** The policy of a built page's `<meta http-equiv="content-security-policy">`. */
function metaPolicy(html: string): string | undefined {
  return /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(html)?.[1];
}

test('every built page carries the policy in a <meta>, all but what only a header can carry', async ({}, info) => {
  const pages = builtPages(distOf(info));
  expect(pages.length).toBeGreaterThanOrEqual(11);
  for (const page of pages) {
    const html = readFileSync(join(distOf(info), page.endsWith('.html') ? page : join(page, 'index.html')), 'utf8');
    const meta = metaPolicy(html);
    expect(meta, page).toBeDefined();
    const directives = meta!
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean);
    for (const d of POLICY) {
      const found = directives.find((x) => x.split(/\s+/)[0] === d.name);
      if (d.delivery === 'header-only') expect(found, `${page}: ${d.name}`).toBeUndefined();
      else for (const source of d.sources) expect(found?.split(/\s+/), `${page}: ${d.name}`).toContain(source);
    }
    // The inline stylesheet is allowed by its hash, not by 'unsafe-inline'.
    expect(
      directives.find((x) => x.startsWith('style-src '))!,
      page,
    ).toMatch(/'sha256-/);
    expect(
      directives.find((x) => x.startsWith('style-src ')),
      page,
    ).not.toContain("'unsafe-inline'");
  }
});

test("every hash in a page's policy is of an inline script or style that page has", async ({}, info) => {
  let hashes = 0;
  for (const page of builtPages(distOf(info))) {
    const html = readFileSync(join(distOf(info), page.endsWith('.html') ? page : join(page, 'index.html')), 'utf8');
    const policy = pagePolicy(html)!;
    for (const [directive, tag] of [
      ['script-src', 'script'],
      ['style-src', 'style'],
    ] as const) {
      const own = inlineContents(html, tag).map((c) => hashSource(c));
      for (const h of policy.hashes[directive] ?? []) expect(own, `${page}: ${directive} ${h}`).toContain(h);
      hashes += policy.hashes[directive]?.length ?? 0;
    }
  }
  expect(hashes, 'the inlined stylesheets are allowed by their hashes').toBeGreaterThan(0);
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
    if (await page.locator('main pre.astro-code').count())
      await expect(page.locator('main button.copy').first(), path).toBeVisible();
  }
  expect(scripts).toBeGreaterThanOrEqual(pages.length);
  expect(problems).toEqual([]);
});

test('a panic page loads in at most 4 requests, all from its own origin (the page budget of npm run bench:pages)', async ({
  page,
  baseURL,
}) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('panics/kill-switch-mutex-poisoning/', { waitUntil: 'networkidle' });
  expect(requests.length, requests.join('\n')).toBeGreaterThanOrEqual(2);
  expect(requests.length, requests.join('\n')).toBeLessThanOrEqual(4);
  for (const u of requests) expect(new URL(u).origin).toBe(new URL(baseURL!).origin);
});

test(
  'a search, with the triage card, Pagefind and its WebAssembly, runs offline under the CSP',
  { tag: BASE },
  async ({ page, baseURL }) => {
    const problems = await watch(page, new URL(baseURL!).origin);
    const wasm: string[] = [];
    page.on('requestfinished', (r) => {
      if (/pagefind/.test(r.url())) wasm.push(r.url());
    });
    const paste = readFileSync(new URL('../src/fixtures/panics/kappa-zero.debug.bt1.txt', import.meta.url), 'utf8');
    for (const q of [
      paste,
      'poisoned mutex',
      "thread 'main' panicked at src/market_maker/unknown.rs:1:1:\nsomething odd",
    ]) {
      await page.goto(`search/?q=${encodeURIComponent(q)}`);
      await page.waitForSelector('[data-pagefind-state="done"]', { state: 'attached' });
      await expect(page.locator('a[data-search-result]').first()).toBeVisible();
      await expect(page.locator('main')).not.toContainText('Full-text search could not load');
    }
    // Pagefind's WebAssembly ran: the CSP's 'wasm-unsafe-eval' is the one exception it needs.
    expect(
      wasm.some((u) => /\/pagefind\/wasm\.[^/]+\.pagefind$/.test(u)),
      wasm.join('\n'),
    ).toBe(true);
    expect(problems).toEqual([]);
  },
);

test('with no CSP header at all (GitHub Pages), the <meta> policy of each page holds: no violation, Trusted Types enforced', async ({
  page,
  baseURL,
}, info) => {
  const origin = new URL(baseURL!).origin;
  const problems = await watch(page, origin);
  let stripped = 0;
  // Registered after watch(): runs first, and hands other origins back to it.
  await page.route('**/*', async (route) => {
    if (new URL(route.request().url()).origin !== origin) return route.fallback();
    const response = await route.fetch();
    const headers = { ...response.headers() };
    if (headers['content-security-policy']) stripped++;
    delete headers['content-security-policy'];
    return route.fulfill({ response, headers });
  });
  for (const path of builtPages(distOf(info)).map(visitPath)) await page.goto(path, { waitUntil: 'load' });
  await page.goto(`search/?q=${encodeURIComponent('poisoned mutex')}`);
  await page.waitForSelector('[data-pagefind-state="done"]', { state: 'attached' });
  await expect(page.locator('a[data-search-result]').first()).toBeVisible();
  await expect(page.locator('main')).not.toContainText('Full-text search could not load');
  expect(stripped).toBeGreaterThan(0);
  expect(problems).toEqual([]);
  // The meta alone refuses what an injection would need: HTML or script from a string (Trusted Types).
  const refused = await page.evaluate(() => {
    const tried: string[] = [];
    try {
      document.createElement('div').innerHTML = '<img src=x>';
    } catch (e) {
      tried.push(`innerHTML: ${(e as Error).name}`);
    }
    try {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.injected = "yes"';
      document.head.append(script);
    } catch (e) {
      tried.push(`script text: ${(e as Error).name}`);
    }
    return tried;
  });
  expect(refused).toEqual(['innerHTML: TypeError', 'script text: TypeError']);
  await expect(page.locator('body')).not.toHaveAttribute('data-injected');
});
