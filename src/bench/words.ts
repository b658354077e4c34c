/**
 * `npm run bench:words [dist]`: queries that name a reference page's concept in free words
 * (src/fixtures/wild/words.json), answered two ways on the same build, in Chromium: the site's `/search/?q=`
 * (model first, Pagefind with relaxed words after) and plain Pagefind (`pagefind.search(q)`, default options, as a
 * site with Pagefind's own UI would answer). Prints how often each ranks the expected page first and how often each
 * returns nothing.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from '../cli/chromium.ts';
import { serveStatic } from '../cli/static-server.ts';
import { ROOT } from './generate.ts';

interface WordsCase { q: string; expect: string }

async function ours(page: Page, origin: string, q: string): Promise<string[]> {
  await page.goto(`${origin}/search/?q=${encodeURIComponent(q)}`);
  await page.waitForSelector('#search[data-search-state="done"]', { state: 'attached' });
  return page.locator('a[data-search-result]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
}

async function plainPagefind(page: Page, q: string): Promise<string[]> {
  return page.evaluate(async (query) => {
    const pf = await import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`);
    await pf.options({ noWorker: true });
    const found = await pf.search(query);
    const data = await Promise.all(found.results.slice(0, 8).map((r: { data(): Promise<{ url: string }> }) => r.data()));
    return data.map((d) => new URL(d.url, location.origin).pathname);
  }, q);
}

if (import.meta.main) {
  const dist = resolve(process.argv[2] ?? join(ROOT, 'dist'));
  const cases = JSON.parse(readFileSync(join(ROOT, 'src/fixtures/wild/words.json'), 'utf8')) as WordsCase[];
  const server = await serveStatic({ root: dist, base: '/', port: 0 });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ args: CHROMIUM_ARGS, ...(SYSTEM_CHROMIUM ? { executablePath: SYSTEM_CHROMIUM } : {}) });
  const page = await browser.newPage();
  const tally = { ours: 0, plain: 0, oursEmpty: 0, plainEmpty: 0 };
  for (const c of cases) {
    const a = await ours(page, origin, c.q);
    await page.goto(`${origin}/`);
    const b = await plainPagefind(page, c.q);
    tally.ours += Number(a[0] === c.expect);
    tally.plain += Number(b[0] === c.expect);
    tally.oursEmpty += Number(a.length === 0);
    tally.plainEmpty += Number(b.length === 0);
    console.log(`${a[0] === c.expect ? '✓' : '✗'} ${b[0] === c.expect ? '✓' : '✗'}  ${c.q.padEnd(58)} ours: ${a[0] ?? '(nothing)'}  plain: ${b[0] ?? '(nothing)'}  want: ${c.expect}`);
  }
  console.log(`\n${cases.length} concept queries: the site ranks the page first for ${tally.ours}, plain Pagefind for ${tally.plain}; empty lists: site ${tally.oursEmpty}, plain Pagefind ${tally.plainEmpty}`);
  await browser.close();
  server.close();
}
