/**
 * `node src/bench/search-ab.ts BEFORE_DIST AFTER_DIST [--reps N] [--fragment]`: navigation → done to `search/?q=`
 * (or `search/#q=` with `--fragment`) of two builds and to the trivial page, taking turns in one run, so that both
 * builds meet the same load of a shared machine (the ratios of separate `bench:search` runs moved by ±30 % with it).
 * The bench queries, each `--reps` times per target, each navigation in a fresh context; p50 of each target and its
 * ratio to the trivial page's, measured the way `bench:search` measures them.
 */
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from '../cli/chromium.ts';
import { serveStatic } from '../cli/static-server.ts';
import { benchQueries, median, navigateToDone, serveTrivialPage } from './search.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { reps: { type: 'string', default: '3' }, fragment: { type: 'boolean', default: false } },
});
if (positionals.length !== 2) {
  console.error('usage: node src/bench/search-ab.ts BEFORE_DIST AFTER_DIST [--reps N] [--fragment]');
  process.exitCode = 2;
} else {
  const reps = Number(values.reps);
  const trivial = await serveTrivialPage();
  const builds = await Promise.all(
    positionals.map(async (dir, i) => {
      const server = await serveStatic({ root: resolve(dir), base: '/', port: 0 });
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      return { label: i === 0 ? 'before' : 'after', dir, server, origin };
    }),
  );
  const browser = await chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS });
  const targets = [
    { label: 'trivial', url: (q: string) => `${trivial.origin}?q=${q}` },
    ...builds.map((b) => ({
      label: b.label,
      url: (q: string) => `${b.origin}search/${values.fragment ? '#' : '?'}q=${q}`,
    })),
  ];
  const times = new Map<string, number[]>(targets.map((t) => [t.label, []]));
  try {
    for (const { q } of benchQueries()) {
      for (let i = 0; i < reps; i++) {
        // Each target comes first, second and third in turn.
        for (let k = 0; k < targets.length; k++) {
          const t = targets[(k + i) % targets.length]!;
          const nav = await navigateToDone(browser, t.url(encodeURIComponent(q)));
          times.get(t.label)!.push(nav.ms);
          await nav.close();
        }
      }
    }
  } finally {
    await browser.close();
    trivial.close();
    for (const b of builds) b.server.close();
  }
  const floor = median(times.get('trivial')!);
  const page = `search/${values.fragment ? '#' : '?'}q=`;
  console.log(`navigation → done, ${page}, ${reps} × ${benchQueries().length} queries`);
  for (const t of targets) {
    const xs = times.get(t.label)!;
    const dir = builds.find((b) => b.label === t.label)?.dir ?? 'trivial page';
    const p50 = `${median(xs).toFixed(1).padStart(7)} ms`;
    const ratio = `${(median(xs) / floor).toFixed(2)}× trivial`;
    console.log(`${t.label.padEnd(8)} p50 ${p50}  ${ratio}  (${xs.length} samples, ${dir})`);
  }
}
