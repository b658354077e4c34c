/**
 * `npm run bench:search [dist] [--json FILE] [--reps N] [--nav-reps N] [--port N] [--profile]`: the search page of a
 * built site, in Chromium, as a user meets it.
 *
 * (a) keystroke → results painted: `search/` is open, a query minus its last character is put in the paste box, the
 *     last character is typed with the keyboard; the page records performance.now() on keydown and again in a task
 *     posted from the first animation frame after `data-search-state` turns "done" (so the frame with the results
 *     has been produced). Each query several times; p50/p95 over all samples.
 * (b) navigation → done: `search/?q=`, and `search/#q=` (what the paste forms open), each in a fresh browser context
 *     (cold cache), performance.now() (which counts from navigation start) when the state turns "done", after an
 *     animation frame, told through a console message so that nothing is evaluated in the page while it loads;
 *     alternated with a trivial page served the same way, whose one module script sets done: the ratio is what the
 *     search costs beyond loading a page at all.
 * (c) bytes downloaded by one search: responses of `/pagefind/` and of the search model during a navigation to
 *     `search/?q=` (the page itself, its CSS and JS excluded); raw as served and gzip-compressed (what a CDN would
 *     send). The search model is `search-model.json` whole, or split: `search-model/head.json` and the shards
 *     `search-model/<n>.json` the query needed; both shapes are counted, so that builds before and after compare.
 * The targets: keystroke p95 < 50 ms, navigation p50 < 300 ms. `--profile` times the stages of the page
 * (search-model.json, Pagefind loading, triage, pagefind.search, result.data()) from the outside.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from '../cli/chromium.ts';
import { serveStatic } from '../cli/static-server.ts';
import { ROOT } from './generate.ts';

export const TARGETS = { keystrokeP95Ms: 50, navigationP50Ms: 300, navigationRatio: 1.2 } as const;

const fixture = (name: string, dir = 'src/fixtures/panics') => readFileSync(join(ROOT, dir, name), 'utf8').trim();

/**
 * A real captured panic at an undocumented site of the real inventory (src/fixtures/inventory-panics/): the real
 * sites are kept at every generated size, and `infra/mod.rs` is no generated file, so it lands on that site's card.
 */
export const INVENTORY_PANIC = { dir: 'src/fixtures/inventory-panics', file: 'empty-book.debug.bt1.txt' } as const;

export interface Query { label: string; q: string }

/** Pasted panics (real fixtures) and words people type. Fixed, so that runs compare. */
export function benchQueries(): Query[] {
  return [
    { label: 'paste kappa-zero bt1', q: fixture('kappa-zero.debug.bt1.txt') },
    { label: 'paste poison bt0', q: fixture('poison.debug.bt0.txt') },
    { label: 'paste pending-fill btfull', q: fixture('pending-fill.debug.btfull.txt') },
    { label: 'paste sigterm bt1', q: fixture('sigterm.debug.bt1.txt') },
    { label: 'paste config-kappa-zero bt0', q: fixture('config-kappa-zero.debug.bt0.txt') },
    { label: 'paste undocumented site empty-book bt1', q: fixture(INVENTORY_PANIC.file, INVENTORY_PANIC.dir) },
    { label: 'text kappa must be > 0', q: 'kappa must be > 0' },
    { label: 'text poisoned mutex', q: 'poisoned mutex' },
    { label: 'text event_loop.rs:858', q: 'event_loop.rs:858' },
    { label: 'text Taylor fallback', q: 'Taylor fallback' },
    { label: 'text called unwrap() on None', q: 'called unwrap() on None' },
    { label: 'text Failed to register SIGTERM handler', q: 'Failed to register SIGTERM handler' },
  ];
}

export const quantile = (xs: number[], q: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
};
export const median = (xs: number[]) => quantile(xs, 0.5);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export interface SearchBenchResult {
  dist: string;
  keystroke: { samples: number; p50: number; p95: number; max: number; byQuery: { label: string; p50: number; max: number }[] };
  navigation: {
    samples: number;
    p50: number;
    p95: number;
    byQuery: { label: string; p50: number }[];
    /** The same navigations, alternated, to a trivial page: one module script that sets the done flag. */
    trivialP50: number;
    /** p50 / trivialP50: what the search costs beyond loading a page at all. */
    ratio: number;
    /** The same navigations to the search page's own HTML whose script only sets done (serveShellPage). */
    shellP50: number;
    /** p50 / shellP50: what the search itself costs beyond drawing its page. */
    shellRatio: number;
    /** The same navigations to the trivial page with one line of text (serveTextPage): what drawing anything costs. */
    textP50: number;
    /** The same navigations to `search/#q=`, where the paste forms put the paste. */
    fragment: { samples: number; p50: number; p95: number; ratio: number };
  };
  bytes: {
    query: string;
    requests: number;
    pagefindBytes: number;
    pagefindIndexBytes: number;
    /** The search model's files (search-model.json, or search-model/head.json and its shards), raw. */
    modelJsonBytes: number;
    /** How many files of the search model were fetched: 1 whole, or the head and the shards the query needed. */
    modelFiles: number;
    totalBytes: number;
    totalGzipBytes: number;
    modelJsonGzipBytes: number;
    byQuery: { label: string; pagefindIndexBytes: number; totalBytes: number; modelBytes: number; modelGzipBytes: number; modelFiles: number }[];
  };
  stages?: Record<string, number>;
  targets: { keystrokeP95Ms: number; navigationP50Ms: number; keystrokeHolds: boolean; navigationHolds: boolean };
}

// Installed before the page's scripts: records when the state turns "done", one animation frame and a task later.
// A navigation's first "done" is also logged to the console (`NAV_DONE`): the bench learns of it from the console
// event, without evaluating anything in the page. Playwright's first evaluation in a page compiles its injected
// script there (40-90 ms of the page's one thread on this machine): polling for the flag while the search page still
// loads put that on the search's path, and never on the trivial page's, which is done before its load event.
const NAV_DONE = 'mm-bench-nav-done';
const INIT = `(() => {
  const b = window.__bench = { key: 0, done: 0, doneCount: 0, navDone: 0 };
  addEventListener('keydown', () => { b.key = performance.now(); b.done = 0; }, true);
  const mark = () => requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => {
    const t = performance.now(); b.doneCount++; if (!b.navDone) { b.navDone = t; console.debug('${NAV_DONE} ' + t); }
    if (b.key && !b.done) b.done = t; }; ch.port2.postMessage(0); });
  new MutationObserver((records) => {
    for (const r of records) if (r.target.getAttribute && r.target.getAttribute('data-search-state') === 'done') mark();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-search-state'] });
})();`;

/** Resolves with the time of the page's first "done" (from navigation start), told by the console message of INIT. */
function navigationDone(page: Page): Promise<number> {
  return new Promise((resolve) => {
    page.on('console', (m) => {
      const text = m.text();
      if (text.startsWith(`${NAV_DONE} `)) resolve(Number(text.slice(NAV_DONE.length + 1)));
    });
  });
}

async function keystrokeSample(page: Page, q: string): Promise<number> {
  await page.evaluate((text) => {
    const box = document.querySelector<HTMLTextAreaElement>('[data-paste-box]')!;
    box.value = text;
    box.focus();
    box.setSelectionRange(text.length, text.length);
    const b = (window as unknown as { __bench: { key: number; done: number } }).__bench;
    b.key = 0;
    b.done = 0;
  }, q.slice(0, -1));
  await page.keyboard.type(q.slice(-1));
  const handle = await page.waitForFunction(() => {
    const b = (window as unknown as { __bench: { key: number; done: number } }).__bench;
    return b.done > 0 && b.done - b.key;
  }, undefined, { timeout: 30_000, polling: 5 });
  return (await handle.jsonValue()) as number;
}

const isPagefind = (url: string) => new URL(url).pathname.includes('/pagefind/');
/** `search-model.json` whole, or `search-model/head.json` and `search-model/<n>.json` split. */
const isSearchModel = (url: string) => /\/search-model(\.json|\/[^/]+\.json)$/.test(new URL(url).pathname);

const withTimeout = <T>(p: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not done after ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
};

/** One cold navigation (a fresh browser context) to `url`, and the time of its first "done" from navigation start. */
export async function navigateToDone(
  browser: Browser,
  url: string,
  opts: { baseURL?: string; onPage?: (p: Page) => void } = {},
): Promise<{ ms: number; page: Page; close: () => Promise<void> }> {
  const c = await browser.newContext(opts.baseURL ? { baseURL: opts.baseURL } : {});
  await c.addInitScript(INIT);
  const p = await c.newPage();
  opts.onPage?.(p);
  const done = navigationDone(p);
  // Nothing evaluated in the page until it is done (see NAV_DONE); `commit` returns once the navigation starts.
  await p.goto(url, { waitUntil: 'commit' });
  const ms = await withTimeout(done, 120_000, url);
  return { ms, page: p, close: () => c.close() };
}

/**
 * Serves `pages` (path → HTML) from a folder of their own, beside `done.js`, the one module script that sets the
 * done flag. Its origin, and `close` to stop its server and remove its files.
 */
async function serveWithDoneScript(name: string, pages: Record<string, string>): Promise<{ origin: string; close: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), `mm-${name}-`));
  for (const [path, html] of Object.entries(pages)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), html);
  }
  writeFileSync(join(dir, 'done.js'), "document.getElementById('search').dataset.searchState = 'done';\n");
  const server = await serveStatic({ root: dir, base: '/', port: 0 });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A page whose one module script (`done.js`) sets the done flag, with `body` before the flagged section. */
const donePage = (body: string) =>
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Floor</title>' +
  '<script type="module" src="/done.js"></script></head>' +
  `<body>${body}<section id="search" data-search-state="searching"></section></body></html>`;

/** The floor of a navigation: a page served the same way as the site, whose one module script sets the done flag. */
export const serveTrivialPage = () => serveWithDoneScript('trivial-page', { 'index.html': donePage('') });

/**
 * The trivial page with one line of text in the body's font: the least a page that shows a verdict draws. The
 * trivial page draws nothing, and a first frame with text sets up a font and paints, where one with nothing skips.
 */
export const serveTextPage = () =>
  serveWithDoneScript('text-page', { 'index.html': donePage('<p>Known panic: see its page.</p>') });

/**
 * The search page as built, its scripts replaced by one that sets the done flag: what drawing the page costs (its
 * HTML, styles, fonts and the model it carries), served the same way. The search's own cost is the rest.
 */
export function serveShellPage(dist: string): Promise<{ origin: string; close: () => void }> {
  const html = readFileSync(join(dist, 'search', 'index.html'), 'utf8');
  const shell = html
    .replace(/<script type="module"[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link rel="modulepreload"[^>]*>/g, '')
    .replace('</head>', '<script type="module" src="/done.js"></script></head>');
  if (shell === html || !shell.includes('id="search"')) throw new Error(`${dist}/search/index.html: no search page to copy`);
  return serveWithDoneScript('search-shell', { 'search/index.html': shell });
}

export interface SearchBenchOptions { dist: string; reps?: number; navReps?: number; port?: number; profile?: boolean; browser?: Browser; log?: (s: string) => void }

export async function benchSearch(opts: SearchBenchOptions): Promise<SearchBenchResult> {
  const { reps = 5, navReps = 3, profile = false, log = () => {} } = opts;
  const dist = resolve(opts.dist);
  const server = await serveStatic({ root: dist, base: '/', port: opts.port ?? 0 });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const trivialPage = await serveTrivialPage();
  const trivialOrigin = trivialPage.origin;
  const shellPage = await serveShellPage(dist);
  const textPage = await serveTextPage();
  const browser = opts.browser ?? (await chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS }));
  const queries = benchQueries();
  try {
    // (a) keystroke latency, one page for the whole session, as a user keeps typing.
    const ctx = await browser.newContext({ baseURL: origin });
    await ctx.addInitScript(INIT);
    const page = await ctx.newPage();
    await page.goto('search/');
    await page.waitForSelector('[data-search-state="done"]', { state: 'attached', timeout: 120_000 });
    const all: number[] = [];
    const byQueryK: SearchBenchResult['keystroke']['byQuery'] = [];
    // One warm-up pass so that the first query does not pay for the JIT alone.
    for (const { q } of queries) await keystrokeSample(page, q);
    for (const { label, q } of queries) {
      const xs: number[] = [];
      for (let i = 0; i < reps; i++) xs.push(await keystrokeSample(page, q));
      all.push(...xs);
      byQueryK.push({ label, p50: round(median(xs)), max: round(Math.max(...xs)) });
      log(`  keystroke ${label.padEnd(42)} p50 ${median(xs).toFixed(1)} ms  max ${Math.max(...xs).toFixed(1)} ms`);
    }
    await ctx.close();

    // (b) navigation and (c) bytes, each navigation in a fresh context (cold cache), alternated with the trivial page.
    const nav: number[] = [];
    const fragmentNav: number[] = [];
    const trivialNav: number[] = [];
    const shellNav: number[] = [];
    const textNav: number[] = [];
    const navDone = (url: string, onPage?: (p: Page) => void) =>
      navigateToDone(browser, url, { baseURL: origin, onPage });
    const byQueryN: SearchBenchResult['navigation']['byQuery'] = [];
    const byQueryB: SearchBenchResult['bytes']['byQuery'] = [];
    let firstBytes: SearchBenchResult['bytes'] | undefined;
    for (const { label, q } of queries) {
      const xs: number[] = [];
      for (let i = 0; i < navReps; i++) {
        // Each of the navigations comes first, second, third and last in turn: what the one before leaves behind
        // (a browser context closing) weighs on none of them more than on the others.
        /** One navigation to `url`, its time into `into`. */
        const timed = (url: string, into: number[]) => async () => {
          const t = await navDone(url);
          into.push(t.ms);
          await t.close();
        };
        const trivial = timed(`${trivialOrigin}?q=${encodeURIComponent(q)}`, trivialNav);
        const shell = timed(`${shellPage.origin}search/?q=${encodeURIComponent(q)}`, shellNav);
        const text = timed(`${textPage.origin}?q=${encodeURIComponent(q)}`, textNav);
        const fragment = timed(`search/#q=${encodeURIComponent(q)}`, fragmentNav);
        const query = async () => {
          const urls: string[] = [];
          const { ms, page: p, close } = await navDone(`search/?q=${encodeURIComponent(q)}`, (p) => {
            if (i === 0) {
              p.on('response', (r) => {
                const url = r.url();
                if (isPagefind(url) || isSearchModel(url)) urls.push(url);
              });
            }
          });
          xs.push(ms);
          if (i === 0) {
            // Everything the search asked for has arrived (Pagefind may still be fetching fragments it prefetches).
            await p.waitForLoadState('networkidle');
            // Sizes of the files the static server sent as they are, read after the page is done so that the
            // measurement does not slow the server (and Playwright cannot always hand back a 30 MB body).
            const got = urls.map((url) => {
              try {
                const b = readFileSync(join(dist, decodeURIComponent(new URL(url).pathname)));
                return { url, size: b.length, gzip: /\.pf_(index|fragment|meta|filter)$|\.pagefind$/.test(url) ? b.length : gzipSync(b).length };
              } catch {
                return { url, size: 0, gzip: 0 };
              }
            });
            const sum = (f: (x: { url: string }) => boolean, k: 'size' | 'gzip' = 'size') => got.filter(f).reduce((s, x) => s + x[k], 0);
            const isPf = (x: { url: string }) => isPagefind(x.url);
            const isIndex = (x: { url: string }) => /\.pf_(index|fragment|meta|filter)$/.test(x.url);
            const isJson = (x: { url: string }) => isSearchModel(x.url);
            const b = {
              query: label,
              requests: got.length,
              pagefindBytes: sum(isPf),
              pagefindIndexBytes: sum(isIndex),
              modelJsonBytes: sum(isJson),
              modelFiles: got.filter(isJson).length,
              totalBytes: sum(() => true),
              totalGzipBytes: sum(() => true, 'gzip'),
              modelJsonGzipBytes: sum(isJson, 'gzip'),
              byQuery: [],
            };
            firstBytes ??= b;
            byQueryB.push({ label, pagefindIndexBytes: b.pagefindIndexBytes, totalBytes: b.totalBytes, modelBytes: b.modelJsonBytes, modelGzipBytes: b.modelJsonGzipBytes, modelFiles: b.modelFiles });
          }
          await close();
        };
        const turns = [trivial, query, shell, fragment, text];
        for (let k = 0; k < turns.length; k++) await turns[(k + i) % turns.length]!();
      }
      nav.push(...xs);
      byQueryN.push({ label, p50: round(median(xs)) });
      log(`  navigation ${label.padEnd(41)} p50 ${median(xs).toFixed(0)} ms (?q=)`);
    }
    const bytes = { ...firstBytes!, byQuery: byQueryB };
    // The figure for "one search": the median over the queries (the first query's split is kept for detail).
    bytes.pagefindIndexBytes = Math.round(median(byQueryB.map((x) => x.pagefindIndexBytes)));
    bytes.totalBytes = Math.round(median(byQueryB.map((x) => x.totalBytes)));
    // A split model's shards depend on the query: its figures are medians over the queries too.
    bytes.modelJsonBytes = Math.round(median(byQueryB.map((x) => x.modelBytes)));
    bytes.modelJsonGzipBytes = Math.round(median(byQueryB.map((x) => x.modelGzipBytes)));
    bytes.modelFiles = Math.round(median(byQueryB.map((x) => x.modelFiles)));

    const result: SearchBenchResult = {
      dist,
      keystroke: { samples: all.length, p50: round(median(all)), p95: round(quantile(all, 0.95)), max: round(Math.max(...all)), byQuery: byQueryK },
      navigation: {
        samples: nav.length,
        p50: round(median(nav)),
        p95: round(quantile(nav, 0.95)),
        byQuery: byQueryN,
        trivialP50: round(median(trivialNav)),
        ratio: round(median(nav) / median(trivialNav), 2),
        shellP50: round(median(shellNav)),
        shellRatio: round(median(nav) / median(shellNav), 2),
        textP50: round(median(textNav)),
        fragment: {
          samples: fragmentNav.length,
          p50: round(median(fragmentNav)),
          p95: round(quantile(fragmentNav, 0.95)),
          ratio: round(median(fragmentNav) / median(trivialNav), 2),
        },
      },
      bytes,
      targets: {
        ...TARGETS,
        keystrokeHolds: quantile(all, 0.95) < TARGETS.keystrokeP95Ms,
        navigationHolds: median(nav) < TARGETS.navigationP50Ms,
      },
    };
    if (profile) result.stages = await profileStages(browser, origin, queries, log);
    return result;
  } finally {
    if (!opts.browser) await browser.close();
    server.close();
    trivialPage.close();
    shellPage.close();
    textPage.close();
  }
}

/**
 * Where the time of a search goes, measured from the outside with the page's own modules:
 * resource timing for the downloads, and the triage and Pagefind calls timed in the page on the same data.
 */
async function profileStages(browser: Browser, origin: string, queries: Query[], log: (s: string) => void): Promise<Record<string, number>> {
  const c = await browser.newContext({ baseURL: origin });
  await c.addInitScript(INIT);
  const p = await c.newPage();
  await p.goto(`search/?q=${encodeURIComponent(queries[0]!.q)}`);
  await p.waitForFunction(() => (window as unknown as { __bench: { navDone: number } }).__bench.navDone, undefined, { timeout: 120_000 });
  const out = await p.evaluate(async (qs) => {
    const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const find = (re: RegExp) => res.find((r) => re.test(r.name));
    // The whole model, or the head of the split one: what every search reads first.
    const json = find(/search-model(\.json|\/head\.json)$/);
    const pfjs = find(/pagefind\/pagefind\.js$/);
    // Pagefind's own stages (wasm, pf_meta, pf_index, pf_fragment) are timed below by calling it directly.
    const b = (window as unknown as { __bench: { navDone: number } }).__bench;
    const stages: Record<string, number> = {
      'html responseEnd': nav.responseEnd,
      'DOMContentLoaded': nav.domContentLoadedEventEnd,
      'search model (json or head) start': json?.startTime ?? NaN,
      'search model (json or head) responseEnd': json?.responseEnd ?? NaN,
      'search model (json or head) transfer ms': json ? json.responseEnd - json.requestStart : NaN,
      'search model shards fetched': res.filter((r) => /search-model\/\d+\.json$/.test(r.name)).length,
      'pagefind.js responseEnd': pfjs?.responseEnd ?? NaN,
      'done (painted)': b.navDone,
    };
    // The same work the page does after its downloads, timed one call at a time.
    if (json) {
      const t0 = performance.now();
      const model = await (await fetch(json.name)).json();
      const t1 = performance.now();
      stages['re-fetch + JSON parse search model (json or head, warm) ms'] = t1 - t0;
      const text = JSON.stringify(model);
      const t2 = performance.now();
      JSON.parse(text);
      stages['JSON.parse search model (json or head) ms'] = performance.now() - t2;
    }
    const pf = await import(pfjs!.name);
    await pf.init();
    const tq: number[] = [];
    const td: number[] = [];
    for (const q of qs) {
      const s0 = performance.now();
      const r = await pf.search(q);
      const s1 = performance.now();
      await Promise.all(r.results.slice(0, 8).map((x: { data(): Promise<unknown> }) => x.data()));
      tq.push(s1 - s0);
      td.push(performance.now() - s1);
    }
    stages['pagefind.search (warm) mean ms'] = tq.reduce((a, x) => a + x, 0) / tq.length;
    stages['result.data() x8 (warm) mean ms'] = td.reduce((a, x) => a + x, 0) / td.length;
    return stages;
  }, ['kappa must be > 0', 'poisoned mutex', 'Taylor fallback', 'Failed to register SIGTERM handler', 'called unwrap on None']);
  // The triage itself: the page's code, run here in Node on the same search model (same V8).
  const ts: number[] = [];
  const whole = await fetch(new URL('search-model.json', origin));
  if (whole.ok) {
    const { createTriage } = await import('../search/verdict.ts');
    const model = await whole.json();
    const tb = performance.now();
    const tri = createTriage(model.panics, model.places, { sites: model.sites, history: model.history });
    out['createTriage (build match index) ms'] = performance.now() - tb;
    for (const { q } of queries) {
      const s = performance.now();
      tri(q);
      ts.push(performance.now() - s);
    }
  } else {
    // Split: the head, then per query the shards it routes to (fetched once, as the page keeps them).
    const { createShardedSearch } = await import('../search/sharded-search.ts');
    const head = await (await fetch(new URL('search-model/head.json', origin))).json();
    const search = createShardedSearch(head, async (n) => (await fetch(new URL(`search-model/${n}.json`, origin))).json());
    for (const { q } of queries) {
      const s = performance.now();
      await search(q);
      ts.push(performance.now() - s);
    }
  }
  out['triage(query) mean ms (node)'] = ts.reduce((a, x) => a + x, 0) / ts.length;
  out['triage(query) max ms (node)'] = Math.max(...ts);
  for (const [k, v] of Object.entries(out)) log(`  stage ${k.padEnd(44)} ${v.toFixed(1)}`);
  await c.close();
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, round(v)]));
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export function searchTable(r: SearchBenchResult): string {
  const ok = (b: boolean) => (b ? 'holds' : 'FAILS');
  return [
    `| measure | p50 | p95 | target |`,
    `|---|---:|---:|---|`,
    `| keystroke → results painted (${r.keystroke.samples} samples) | ${r.keystroke.p50} ms | ${r.keystroke.p95} ms | p95 < ${r.targets.keystrokeP95Ms} ms: ${ok(r.targets.keystrokeHolds)} |`,
    `| navigation → done (${r.navigation.samples} samples, cold context) | ${r.navigation.p50} ms | ${r.navigation.p95} ms | p50 < ${r.targets.navigationP50Ms} ms: ${ok(r.targets.navigationHolds)} |`,
    `| navigation → done, \`search/#q=\` (${r.navigation.fragment.samples} samples, cold context) | ${r.navigation.fragment.p50} ms | ${r.navigation.fragment.p95} ms | |`,
    `| navigation → done, a trivial page (one module script sets done), alternated | ${r.navigation.trivialP50} ms | | |`,
    `| navigation: search \`?q=\` / trivial page | ${r.navigation.ratio}× | | ≤ ${TARGETS.navigationRatio}×: ${ok(r.navigation.ratio <= TARGETS.navigationRatio)} |`,
    `| navigation: search \`#q=\` / trivial page | ${r.navigation.fragment.ratio}× | | ≤ ${TARGETS.navigationRatio}×: ${ok(r.navigation.fragment.ratio <= TARGETS.navigationRatio)} |`,
    `| navigation → done, the trivial page with one line of text, alternated | ${r.navigation.textP50} ms | | |`,
    `| navigation: one line of text / trivial page (drawing anything) | ${round(r.navigation.textP50 / r.navigation.trivialP50, 2)}× | | |`,
    `| navigation → done, the search page's HTML whose script only sets done, alternated | ${r.navigation.shellP50} ms | | |`,
    `| navigation: its page without the search / trivial page (drawing the page) | ${round(r.navigation.shellP50 / r.navigation.trivialP50, 2)}× | | |`,
    `| navigation: search \`?q=\` / its page without the search (the search itself) | ${r.navigation.shellRatio}× | | |`,
    `| one search downloads: Pagefind index files (pf_meta/pf_index/pf_fragment/filter) | ${kb(r.bytes.pagefindIndexBytes)} | | |`,
    `| one search downloads: all Pagefind (+ pagefind.js, wasm) | ${kb(r.bytes.pagefindBytes)} | | |`,
    `| one search downloads: search model, ${r.bytes.modelFiles ?? 1} file(s) (raw / gzip) | ${kb(r.bytes.modelJsonBytes)} / ${kb(r.bytes.modelJsonGzipBytes)} | | |`,
    `| one search downloads: total (raw / gzip) | ${kb(r.bytes.totalBytes)} / ${kb(r.bytes.totalGzipBytes)} | | |`,
  ].join('\n');
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const flagArgs = new Set(['--json', '--reps', '--nav-reps', '--port']);
  const dist = args.find((a, i) => !a.startsWith('--') && !flagArgs.has(args[i - 1] ?? '')) ?? 'dist';
  const r = await benchSearch({
    dist,
    reps: Number(flag('--reps') ?? 5),
    navReps: Number(flag('--nav-reps') ?? 3),
    port: flag('--port') ? Number(flag('--port')) : 0,
    profile: args.includes('--profile'),
    log: (s) => console.log(s),
  });
  console.log(`\nsearch on ${r.dist}\n`);
  console.log(searchTable(r));
  console.log(`\nkeystroke p95 < ${TARGETS.keystrokeP95Ms} ms: ${r.targets.keystrokeHolds ? 'holds' : 'does NOT hold'}; navigation p50 < ${TARGETS.navigationP50Ms} ms: ${r.targets.navigationHolds ? 'holds' : 'does NOT hold'}`);
  const json = flag('--json');
  if (json) {
    writeFileSync(json, `${JSON.stringify(r, null, 2)}\n`);
    console.log(`wrote ${json}`);
  }
}
