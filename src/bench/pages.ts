/**
 * `npm run bench:pages [dist] [--page panics/<id>/] [--out bench/pages.json]`: the weight of every panic page as a
 * browser loads it (HTML + CSS + JS, each gzip-compressed as a CDN would send it, and the number of requests),
 * checked against the page budget (exits 1 when a page is over it), plus the sizes of the built site.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from '../cli/chromium.ts';
import { serveStatic } from '../cli/static-server.ts';

export function dirBytes(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) {
      const s = dirBytes(p);
      bytes += s.bytes;
      files += s.files;
    } else {
      bytes += statSync(p).size;
      files++;
    }
  }
  return { bytes, files };
}

const size = (p: string) => {
  try {
    return statSync(p).size;
  } catch {
    return 0;
  }
};

const gzipSize = (p: string) => {
  try {
    return gzipSync(readFileSync(p)).length;
  } catch {
    return 0;
  }
};

export interface SiteSizes {
  distBytes: number;
  distFiles: number;
  pagefindBytes: number;
  pagefindFiles: number;
  panicsJsonBytes: number;
  indexHtmlBytes: number;
  notFoundHtmlBytes: number;
  framesHtmlBytes: number;
  /** /inventory/: every panic site of the code, the undocumented ones each at its anchor. */
  inventoryHtmlBytes: number;
  inventoryHtmlGzipBytes: number;
}

export function siteSizes(dist: string): SiteSizes {
  const all = dirBytes(dist);
  const pf = dirBytes(join(dist, 'pagefind'));
  return {
    distBytes: all.bytes,
    distFiles: all.files,
    pagefindBytes: pf.bytes,
    pagefindFiles: pf.files,
    panicsJsonBytes: size(join(dist, 'panics.json')),
    indexHtmlBytes: size(join(dist, 'index.html')),
    notFoundHtmlBytes: size(join(dist, '404.html')),
    framesHtmlBytes: size(join(dist, 'frames', 'index.html')),
    inventoryHtmlBytes: size(join(dist, 'inventory', 'index.html')),
    inventoryHtmlGzipBytes: gzipSize(join(dist, 'inventory', 'index.html')),
  };
}

export interface PageWeight {
  page: string;
  requests: number;
  htmlBytes: number;
  htmlGzip: number;
  cssGzip: number;
  jsGzip: number;
  otherGzip: number;
  totalGzip: number;
}

/** Loads `page` in Chromium and adds up what came over the wire (the favicon counted as "other"). */
export async function pageWeight(distIn: string, page: string, browserIn?: Browser): Promise<PageWeight> {
  const dist = resolve(distIn);
  const server = await serveStatic({ root: dist, base: '/', port: 0 });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = browserIn ?? (await chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS }));
  try {
    const ctx = await browser.newContext({ baseURL: origin });
    const p = await ctx.newPage();
    const got: Promise<{ type: string; raw: number; gzip: number }>[] = [];
    p.on('response', (r) => {
      const type = r.request().resourceType();
      got.push(r.body().then((b) => ({ type, raw: b.length, gzip: gzipSync(b).length }), () => ({ type, raw: 0, gzip: 0 })));
    });
    await p.goto(page, { waitUntil: 'networkidle' });
    const rs = await Promise.all(got);
    await ctx.close();
    const sum = (f: (t: string) => boolean, k: 'raw' | 'gzip' = 'gzip') => rs.filter((r) => f(r.type)).reduce((s, r) => s + r[k], 0);
    const doc = (t: string) => t === 'document';
    const css = (t: string) => t === 'stylesheet';
    const js = (t: string) => t === 'script';
    return {
      page,
      requests: rs.length,
      htmlBytes: sum(doc, 'raw'),
      htmlGzip: sum(doc),
      cssGzip: sum(css),
      jsGzip: sum(js),
      otherGzip: sum((t) => !doc(t) && !css(t) && !js(t)),
      totalGzip: sum(() => true),
    };
  } finally {
    if (!browserIn) await browser.close();
    server.close();
  }
}

/** A panic page of the build: the kappa / gamma page when it is there, else the first one. */
export function somePanicPage(dist: string): string {
  const ids = readdirSync(join(dist, 'panics')).sort();
  return `panics/${ids.includes('glft-kappa-gamma') ? 'glft-kappa-gamma' : ids[0]}/`;
}

/** The issue's budget for a panic page before any search: a third of the same content built with Starlight. */
export const PAGE_BUDGET = { requests: 4, gzipBytes: 20_000 } as const;

export const overBudget = (w: PageWeight): string[] => [
  ...(w.requests > PAGE_BUDGET.requests ? [`${w.requests} requests > ${PAGE_BUDGET.requests}`] : []),
  ...(w.totalGzip > PAGE_BUDGET.gzipBytes ? [`${w.totalGzip} B gzip > ${PAGE_BUDGET.gzipBytes} B`] : []),
];

if (import.meta.main) {
  const args = process.argv.slice(2);
  const dist = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--page' && args[i - 1] !== '--out') ?? 'dist';
  const opt = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const pages = opt('--page') ? [opt('--page')!] : readdirSync(join(dist, 'panics')).sort().map((id) => `panics/${id}/`);
  const out = opt('--out') ?? 'bench/pages.json';
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const browser = await chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS });
  const weights: (PageWeight & { over: string[] })[] = [];
  try {
    for (const page of pages) {
      const w = await pageWeight(dist, page, browser);
      weights.push({ ...w, over: overBudget(w) });
    }
  } finally {
    await browser.close();
  }
  console.log(`Panic pages as a browser loads them before any search (budget: ≤ ${PAGE_BUDGET.requests} requests, ≤ ${PAGE_BUDGET.gzipBytes / 1000} KB gzip)\n`);
  console.log('| page | requests | HTML | HTML gzip | CSS gzip | JS gzip | other gzip | total gzip | budget |');
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|---|');
  for (const w of weights) {
    console.log(`| ${w.page} | ${w.requests} | ${kb(w.htmlBytes)} | ${kb(w.htmlGzip)} | ${kb(w.cssGzip)} | ${kb(w.jsGzip)} | ${kb(w.otherGzip)} | ${kb(w.totalGzip)} | ${w.over.length ? `over: ${w.over.join('; ')}` : 'ok'} |`);
  }
  const s = siteSizes(dist);
  console.log(`\ndist ${kb(s.distBytes)} in ${s.distFiles} files; pagefind ${kb(s.pagefindBytes)} in ${s.pagefindFiles} files; panics.json ${kb(s.panicsJsonBytes)}; index.html ${kb(s.indexHtmlBytes)}; 404.html ${kb(s.notFoundHtmlBytes)}; frames/ ${kb(s.framesHtmlBytes)}; inventory/ ${kb(s.inventoryHtmlBytes)} (${kb(s.inventoryHtmlGzipBytes)} gzip)`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ measuredAt: new Date().toISOString(), budget: PAGE_BUDGET, pages: weights, site: s }, null, 1)}\n`);
  console.log(`wrote ${out}`);
  if (weights.some((w) => w.over.length)) process.exit(1);
}
