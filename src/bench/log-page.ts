/**
 * `npm run bench:logpage`: the log page (/logs/) triaging the triage bench's log (200 MB, 10,000 panics of
 * src/fixtures/panics/ in every wrapper, src/bench/triage-log.ts) in Chromium, against `mm-panics triage --json` on
 * the same file, alternately, in one run (medians). Also the page's longest main-thread task while it reads
 * (PerformanceObserver `longtask`) and the memory of the renderer process that runs the page and its worker
 * (its peak RSS, sampled: an upper bound on the worker's). Targets: ≤ 2× the CLI, no task ≥ 50 ms, < 300 MB.
 * Needs a build in dist/ (`npm run build`).
 *
 *   npm run bench:logpage [-- --mb 200 --panics 10000 --runs 3 --dist dist]
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from '../cli/chromium.ts';
import { serveStatic } from '../cli/static-server.ts';
import { generate, LOGS, type Run, triage } from './triage-log.ts';

/** Every process descending from this one (the browser, its zygote, renderers), with its command line. */
function descendants(): { pid: number; cmd: string }[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const isMine = (pid: number): boolean => {
    for (let p = parent.get(pid), hops = 0; p !== undefined && hops < 10; p = parent.get(p), hops++) if (p === process.pid) return true;
    return false;
  };
  return [...parent.keys()].filter(isMine).map((pid) => {
    try {
      return { pid, cmd: readFileSync(`/proc/${pid}/cmdline`, 'utf8') };
    } catch {
      return { pid, cmd: '' };
    }
  });
}

const rssOf = (pid: number): number => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '200' },
    panics: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    dist: { type: 'string', default: 'dist' },
  },
});
const file = join(tmpdir(), `mm-logpage-bench-${process.pid}.log`);
console.log(`generating ${values.mb} MB with ${values.panics} panics …`);
const gen = await generate(file, Number(values.mb) * 1e6, LOGS[0]!);
const size = statSync(file).size;
console.log(`log: ${(size / 1e6).toFixed(1)} MB, ${gen.panics} panics`);

const server = await serveStatic({ root: values.dist!, base: '/', port: 0 });
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
const browser = await chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS });

interface PageRun { ms: number; longest: number; rss: number; found: number }

async function pageRun(): Promise<PageRun> {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { tasks: [number, number][]; started: number; ended: number };
    w.tasks = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => w.tasks.push([e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
    addEventListener('DOMContentLoaded', () => {
      const log = document.getElementById('log')!;
      new MutationObserver(() => {
        if (log.dataset.logState === 'reading') w.started = performance.now();
        if (log.dataset.logState === 'done' || log.dataset.logState === 'error') w.ended = performance.now();
      }).observe(log, { attributes: true, attributeFilter: ['data-log-state'] });
    });
  });
  await page.goto(`${origin}logs/`);
  await page.waitForLoadState('networkidle');
  const renderers = () => descendants().filter((p) => p.cmd.includes('--type=renderer'));
  let rss = 0;
  const sampler = setInterval(() => {
    for (const r of renderers()) rss = Math.max(rss, rssOf(r.pid));
  }, 100);
  await page.locator('[data-log-input]').setInputFiles(file);
  await page.waitForSelector('#log[data-log-state="done"], #log[data-log-state="error"]', { state: 'attached', timeout: 600_000 });
  // The task that draws the answer is reported after it ends.
  await page.waitForTimeout(200);
  clearInterval(sampler);
  const r = await page.evaluate(() => {
    const w = window as unknown as { tasks: [number, number][]; started: number; ended: number };
    // The tasks from the file chosen to the table shown (the one that shows it included), not the page's own load.
    const during = w.tasks.filter(([at, d]) => at + d >= w.started && at <= w.ended);
    return { ms: w.ended - w.started, longest: Math.max(0, ...during.map(([, d]) => d)) };
  });
  const found = await page.locator('[data-log-group]').evaluateAll((rows) => rows.reduce((s, row) => s + Number((row as HTMLElement).dataset.count), 0));
  await page.close();
  return { ...r, rss, found };
}

const cli: Run[] = [];
const pages: PageRun[] = [];
try {
  await triage(file);
  await pageRun();
  for (let i = 0; i < Number(values.runs); i++) {
    cli.push(await triage(file));
    pages.push(await pageRun());
  }
} finally {
  await browser.close();
  server.close();
  rmSync(file, { force: true });
}
const c = median(cli.map((r) => r.ms));
const p = median(pages.map((r) => r.ms));
const longest = Math.max(...pages.map((r) => r.longest));
const rss = Math.max(...pages.map((r) => r.rss));
const ratio = p / c;
const mb = (s: number) => (size / 1e6 / (s / 1000)).toFixed(0);
console.log('');
console.log('| run | time (median) | MB/s |');
console.log('| --- | --: | --: |');
console.log(`| mm-panics triage --json (process start and content loading included) | ${(c / 1000).toFixed(2)} s | ${mb(c)} |`);
console.log(`| /logs/ in Chromium (file chosen → table shown) | ${(p / 1000).toFixed(2)} s | ${mb(p)} |`);
console.log('');
console.log(`runs (s): cli ${cli.map((r) => (r.ms / 1000).toFixed(2)).join(', ')}; page ${pages.map((r) => (r.ms / 1000).toFixed(2)).join(', ')}`);
console.log(`found: page ${pages.map((r) => r.found).join(', ')}; cli ${cli.map((r) => r.found).join(', ')}; written ${gen.panics}`);
const ok = [ratio <= 2, longest < 50, rss < 300e6, pages.every((r) => r.found === cli[0]?.found)];
console.log(`time: ${ratio.toFixed(2)}× the CLI (target ≤ 2×): ${ok[0] ? 'holds' : 'DOES NOT HOLD'}`);
console.log(`main thread: longest task ${longest.toFixed(0)} ms while reading (target < 50 ms): ${ok[1] ? 'holds' : 'DOES NOT HOLD'}`);
console.log(`memory: renderer (page + worker) peak RSS ${(rss / 2 ** 20).toFixed(0)} MiB (target < 300 MB): ${ok[2] ? 'holds' : 'DOES NOT HOLD'}`);
if (!ok[3]) console.log('FAILED: the page did not find the panics the CLI found');
if (ok.includes(false)) process.exitCode = 1;
