/**
 * `npm run bench`: the scale benchmark (issues 6 and 11). On the real content and on generated knowledge bases of
 * N = 100, 1,000 and 5,000 panic paths, each with an inventory of the real sites plus N synthetic ones: full build
 * time and peak memory, Pagefind index size, what one search downloads, the weight of one panic page, the size of
 * /inventory/, search latency (src/bench/search.ts) and parser throughput.
 * Writes bench/results.json, bench/results.md and bench/chart.svg.
 *
 *   node src/bench/run.ts [--quick] [--sizes real,100,1000,5000] [--runs real=3,100=3,1000=2,5000=1]
 *                         [--search-reps 5] [--nav-reps 3] [--seed 42] [--no-search] [--out bench]
 *
 * Build time: wall time of `node src/cli/build.ts` (content check + astro build + Pagefind) as a child process.
 * Peak memory: two figures. `maxRssProcess` is GNU time's "Maximum resident set size" (`/usr/bin/time -v`), the
 * largest single process of the build (rusage of waited-for children: Astro's node, or Pagefind's binary);
 * `maxRssTree` is the largest sum of RSS over the whole process tree, polled from /proc every 100 ms.
 * Without /usr/bin/time only the /proc figure is given (and without /proc, neither).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from '../cli/chromium.ts';
import { INVENTORY_FILE, inventoryRecordSchema } from '../model/inventory.ts';
import { generateContent, REAL_CONTENT, ROOT } from './generate.ts';
import { type PageWeight, pageWeight, type SiteSizes, siteSizes, somePanicPage } from './pages.ts';
import { benchParser, type ParserBenchResult } from './parser.ts';
import { benchSearch, median, type SearchBenchResult } from './search.ts';

const TIME = '/usr/bin/time';

// ---- options -------------------------------------------------------------------------------------------------

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
const sizes = (flag('--sizes') ?? (quick ? 'real,100' : 'real,100,1000,5000')).split(',').map((s) => s.trim());
const defaultRuns: Record<string, number> = quick ? { real: 1, 100: 1 } : { real: 3, 100: 3, 1000: 2, 5000: 1 };
for (const kv of (flag('--runs') ?? '').split(',').filter(Boolean)) {
  const [k, v] = kv.split('=');
  defaultRuns[k!] = Number(v);
}
const runsFor = (label: string) => defaultRuns[label] ?? (Number(label) >= 5000 ? 1 : Number(label) >= 1000 ? 2 : 3);
const searchReps = Number(flag('--search-reps') ?? (quick ? 2 : 5));
const navReps = Number(flag('--nav-reps') ?? (quick ? 1 : 3));
const seed = Number(flag('--seed') ?? 42);
const withSearch = !args.includes('--no-search');
const outDir = join(ROOT, flag('--out') ?? 'bench');
const tmp = join(ROOT, 'bench', 'tmp');
const log = (s: string) => console.log(s);

// ---- measuring a build ---------------------------------------------------------------------------------------

interface BuildRun { wallS: number; checkS: number | undefined; astroS: number | undefined; pagefindS: number | undefined; maxRssProcessMiB: number | undefined; maxRssTreeMiB: number | undefined; pages: number | undefined }

/** RSS in KiB of every process, and its parent: one pass over /proc. */
function processTable(): Map<number, { ppid: number; rssKiB: number }> {
  const table = new Map<number, { ppid: number; rssKiB: number }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[1] is ppid (4th field of stat), fields[21] is rss in pages (24th field).
      table.set(Number(d), { ppid: Number(fields[1]), rssKiB: (Number(fields[21]) * 4096) / 1024 });
    } catch {
      // the process ended meanwhile
    }
  }
  return table;
}

function treeRssKiB(root: number): number {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let sum = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    sum += table.get(pid)?.rssKiB ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return sum;
}

function build(contentDir: string, distDir: string, logFile: string): Promise<BuildRun> {
  rmSync(distDir, { recursive: true, force: true });
  const useTime = existsSync(TIME);
  const node = process.execPath;
  const cmd = useTime ? TIME : node;
  const cmdArgs = useTime ? ['-v', node, 'src/cli/build.ts'] : ['src/cli/build.ts'];
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CONTENT_DIR: contentDir, DIST_DIR: distDir };
  return new Promise((ok, fail) => {
    const t0 = performance.now();
    const child = spawn(cmd, cmdArgs, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let checkAt: number | undefined;
    let astroAt: number | undefined;
    let peakTree = 0;
    const poll = existsSync('/proc') ? setInterval(() => (peakTree = Math.max(peakTree, treeRssKiB(child.pid!))), 100) : undefined;
    child.stdout.on('data', (b: Buffer) => {
      const s = b.toString();
      out += s;
      // The integration logs the content check, then Pagefind's start once Astro has written the pages.
      if (checkAt === undefined && /\[panic-reference\] content: /.test(s)) checkAt = performance.now();
      if (astroAt === undefined && /\[panic-reference\] pagefind: indexing/.test(s)) astroAt = performance.now();
    });
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      const t1 = performance.now();
      if (poll) clearInterval(poll);
      writeFileSync(logFile, out);
      if (code !== 0) return fail(new Error(`build failed (exit ${code}); see ${relative(ROOT, logFile)}`));
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(out);
      const pages = /(\d+) page\(s\) built/.exec(out);
      const s = (ms: number) => Math.round(ms / 10) / 100;
      ok({
        wallS: s(t1 - t0),
        checkS: checkAt === undefined ? undefined : s(checkAt - t0),
        astroS: checkAt === undefined || astroAt === undefined ? undefined : s(astroAt - checkAt),
        pagefindS: astroAt === undefined ? undefined : s(t1 - astroAt),
        maxRssProcessMiB: rss ? Math.round(Number(rss[1]) / 1024) : undefined,
        maxRssTreeMiB: poll ? Math.round(peakTree / 1024) : undefined,
        pages: pages ? Number(pages[1]) : undefined,
      });
    });
  });
}

// ---- the benchmark -------------------------------------------------------------------------------------------

interface SizeResult {
  label: string;
  n: number;
  contentBytes: number | undefined;
  /** Sites of the content's inventory.json (undefined without one). */
  sites?: number | undefined;
  builds: BuildRun[];
  build: { runs: number; wallS: number; perPageMs: number; checkS?: number; astroS?: number; pagefindS?: number; maxRssProcessMiB?: number; maxRssTreeMiB?: number; pages?: number };
  sizes: SiteSizes;
  page: PageWeight;
  search?: SearchBenchResult;
}

const med = (xs: (number | undefined)[]) => {
  const v = xs.filter((x): x is number => x !== undefined);
  return v.length ? Math.round(median(v) * 100) / 100 : undefined;
};
const max = (xs: (number | undefined)[]) => {
  const v = xs.filter((x): x is number => x !== undefined);
  return v.length ? Math.max(...v) : undefined;
};

function machine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cpuCount: cpus.length,
    totalMemGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

async function main() {
  mkdirSync(tmp, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  const started = new Date();
  const info = machine();
  log(`bench on ${info.cpuModel} x${info.cpuCount}, ${info.totalMemGiB} GiB, node ${info.node}; load average ${info.loadAverageAtStart.join(' ')}`);
  if (info.loadAverageAtStart[0]! > info.cpuCount * 0.5) log(`warning: the machine is busy (load ${info.loadAverageAtStart[0]} on ${info.cpuCount} cores); timings will be pessimistic`);

  log('\n== parser throughput');
  const parser: ParserBenchResult = benchParser(quick ? 3 : 9);
  log(`  parsePaste ${parser.mbPerS} MiB/s (${parser.medianMs} ms for ${(parser.bytes / 2 ** 20).toFixed(2)} MiB)`);
  log(`  worst adversarial 1 MiB paste, whole search: ${parser.worst.ms} ms ("${parser.worst.name}")`);

  const browser = withSearch ? await chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS }) : undefined;
  const results: SizeResult[] = [];
  try {
    for (const label of sizes) {
      const real = label === 'real';
      let contentDir = REAL_CONTENT;
      let contentBytes: number | undefined;
      let n: number;
      let sites: number | undefined;
      if (real) {
        n = readdirSync(join(REAL_CONTENT, 'panics')).filter((f) => f.endsWith('.mdx')).length;
        const inventory = join(REAL_CONTENT, INVENTORY_FILE);
        if (existsSync(inventory)) sites = inventoryRecordSchema.parse(JSON.parse(readFileSync(inventory, 'utf8'))).sites.length;
      } else {
        n = Number(label);
        const t0 = performance.now();
        const g = generateContent({ n, seed, out: join(tmp, `content-${n}`) });
        contentDir = g.dir;
        contentBytes = g.bytes;
        sites = g.sites;
        log(`\n== N = ${n}: generated ${(g.bytes / 2 ** 20).toFixed(1)} MiB of content (${g.sites} inventory sites) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      }
      if (real) log(`\n== real content (${n} panic paths, ${sites ?? 'no'} inventory sites)`);
      const dist = join(tmp, `dist-${label}`);
      const runs = runsFor(label);
      const builds: BuildRun[] = [];
      for (let i = 0; i < runs; i++) {
        const b = await build(contentDir, dist, join(tmp, `build-${label}-${i + 1}.log`));
        builds.push(b);
        log(`  build ${i + 1}/${runs}: ${b.wallS} s (check ${b.checkS} s, astro ${b.astroS} s, pagefind ${b.pagefindS} s), max RSS ${b.maxRssProcessMiB} MiB per process / ${b.maxRssTreeMiB} MiB tree, ${b.pages} pages`);
      }
      const wallS = med(builds.map((b) => b.wallS))!;
      const sizesNow = siteSizes(dist);
      const page = await pageWeight(dist, somePanicPage(dist), browser);
      log(`  pagefind index ${(sizesNow.pagefindBytes / 1024).toFixed(0)} KiB in ${sizesNow.pagefindFiles} files; panics.json ${(sizesNow.panicsJsonBytes / 1024).toFixed(0)} KiB; /inventory/ ${(sizesNow.inventoryHtmlBytes / 1024).toFixed(0)} KiB; panic page ${page.requests} requests, ${(page.totalGzip / 1024).toFixed(1)} KiB gzip`);
      const r: SizeResult = {
        label,
        n,
        contentBytes,
        sites,
        builds,
        build: {
          runs,
          wallS,
          perPageMs: Math.round((wallS * 1000 * 100) / n) / 100,
          checkS: med(builds.map((b) => b.checkS)),
          astroS: med(builds.map((b) => b.astroS)),
          pagefindS: med(builds.map((b) => b.pagefindS)),
          maxRssProcessMiB: max(builds.map((b) => b.maxRssProcessMiB)),
          maxRssTreeMiB: max(builds.map((b) => b.maxRssTreeMiB)),
          pages: builds[0]?.pages,
        },
        sizes: sizesNow,
        page,
      };
      if (browser) {
        log('  search:');
        r.search = await benchSearch({ dist, reps: searchReps, navReps, browser, profile: true, log: (s) => log(`  ${s}`) });
        log(`  search keystroke p50 ${r.search.keystroke.p50} ms p95 ${r.search.keystroke.p95} ms; navigation p50 ${r.search.navigation.p50} ms p95 ${r.search.navigation.p95} ms`);
      }
      results.push(r);
      // Partial results after every size, so that a long run that is stopped still leaves something.
      write(results, parser, info, started);
    }
  } finally {
    await browser?.close();
  }
  write(results, parser, info, started);
}

// ---- verdicts, table, chart -----------------------------------------------------------------------------------

const TARGETS = {
  build1000S: 60,
  build5000S: 300,
  searchP95Ms: 50,
  searchIndexKiB: 300_000 / 1024, // 300 KB, as the issue writes it
  pageBytes: 100_000, // the home page and 404 under 100 KB
};

function verdicts(results: SizeResult[]) {
  const at = (n: number) => results.find((r) => r.label === String(n));
  const r1 = at(1000);
  const r5 = at(5000);
  const out: { what: string; holds: boolean | undefined; detail: string }[] = [];
  if (r1) {
    out.push({ what: 'N=1,000: full build under 60 s', holds: r1.build.wallS < TARGETS.build1000S, detail: `${r1.build.wallS} s` });
    if (r1.search) {
      out.push({ what: 'N=1,000: search p95 (keystroke → painted) under 50 ms', holds: r1.search.keystroke.p95 < TARGETS.searchP95Ms, detail: `${r1.search.keystroke.p95} ms` });
      const idx = r1.search.bytes.pagefindIndexBytes / 1024;
      out.push({ what: 'N=1,000: a search downloads under 300 KB of Pagefind index', holds: idx < TARGETS.searchIndexKiB, detail: `${idx.toFixed(1)} KiB of index files (${(r1.search.bytes.pagefindBytes / 1024).toFixed(0)} KiB with pagefind.js and wasm)` });
      // Counted as it crosses the wire: the server gzips JSON as any host does; Pagefind's files are compressed already.
      const json = r1.search.bytes.modelJsonGzipBytes / 1024;
      out.push({ what: 'N=1,000: … counting the search model (gzip, as sent), which the search page also downloads', holds: idx + json < TARGETS.searchIndexKiB, detail: `+ ${json.toFixed(0)} KiB gzip search model in ${r1.search.bytes.modelFiles ?? 1} file(s) (${(r1.search.bytes.modelJsonBytes / 1024).toFixed(0)} KiB raw) = ${(idx + json).toFixed(0)} KiB` });
    }
  }
  if (r5) {
    out.push({ what: 'N=5,000: the build completes without running out of memory, within 5 minutes', holds: r5.build.wallS < TARGETS.build5000S, detail: `${r5.build.wallS} s, max RSS ${r5.build.maxRssProcessMiB ?? '?'} MiB per process / ${r5.build.maxRssTreeMiB ?? '?'} MiB tree` });
    const home = r5.sizes.indexHtmlBytes;
    const notFound = r5.sizes.notFoundHtmlBytes;
    out.push({ what: `N=5,000 (${r5.sites ?? '?'} inventory sites): the home page and 404 under 100 KB`, holds: home < TARGETS.pageBytes && notFound < TARGETS.pageBytes, detail: `${kib(home)} / ${kib(notFound)}` });
  }
  for (const r of results) {
    if (!r.search) continue;
    out.push({ what: `${r.label === 'real' ? 'real content' : `N=${r.n}`}: keystroke p95 < 50 ms, navigation p50 < 300 ms`, holds: r.search.targets.keystrokeHolds && r.search.targets.navigationHolds, detail: `${r.search.keystroke.p95} ms, ${r.search.navigation.p50} ms` });
  }
  // Scaling: build time per page from 1,000 to 5,000; search p95 from the smallest to the largest N.
  let buildScaling: string | undefined;
  if (r1 && r5) {
    const ratio = r5.build.perPageMs / r1.build.perPageMs;
    buildScaling = `build time per page: ${r1.build.perPageMs} ms at N=1,000, ${r5.build.perPageMs} ms at N=5,000 (×${ratio.toFixed(2)}): ${ratio <= 1.2 ? 'grows no faster than linearly' : 'grows FASTER than linearly'} in N`;
    out.push({ what: 'build cost grows no faster than linearly (time per page at 5,000 ≤ 1.2 × at 1,000)', holds: ratio <= 1.2, detail: `×${ratio.toFixed(2)}` });
  }
  let searchScaling: string | undefined;
  const searched = results.filter((r) => r.search);
  if (searched.length >= 2) {
    const lo = searched[0]!;
    const hi = searched.at(-1)!;
    const a = lo.search!.keystroke.p95;
    const b = hi.search!.keystroke.p95;
    const flat = b <= a * 1.5 || b - a < 10;
    searchScaling = `search p95: ${a} ms at ${lo.label === 'real' ? `N=${lo.n} (real)` : `N=${lo.n}`}, ${b} ms at N=${hi.n}: ${flat ? 'nearly flat' : 'NOT flat'} (flat = at most ×1.5 or +10 ms)`;
    out.push({ what: 'search latency stays nearly flat in N', holds: flat, detail: `${a} → ${b} ms` });
  }
  return { list: out, buildScaling, searchScaling };
}

const kib = (b: number | undefined) => (b === undefined ? '–' : b >= 1024 * 1024 ? `${(b / 2 ** 20).toFixed(1)} MiB` : `${(b / 1024).toFixed(1)} KiB`);
const v = (x: number | undefined, unit = '') => (x === undefined ? '–' : `${x}${unit}`);

function markdown(results: SizeResult[], parser: ParserBenchResult, info: ReturnType<typeof machine>, started: Date, endLoad: number[]): string {
  const cols = results.map((r) => (r.label === 'real' ? `real (${r.n})` : `N=${r.n.toLocaleString('en')}`));
  const row = (name: string, f: (r: SizeResult) => string) => `| ${name} | ${results.map(f).join(' | ')} |`;
  const ver = verdicts(results);
  const lines = [
    '# Scale benchmark',
    '',
    `Run ${started.toISOString()} on ${info.cpuModel} × ${info.cpuCount} cores, ${info.totalMemGiB} GiB RAM, ${info.os}, Node ${info.node}.`,
    `Load average at start ${info.loadAverageAtStart.join(' / ')}, at end ${endLoad.join(' / ')} (1/5/15 min).` +
      (info.loadAverageAtStart[0]! > info.cpuCount * 0.5 ? ' **The machine was busy with other work during the run: timings are pessimistic.**' : ''),
    `Builds per size: ${results.map((r) => `${r.label === 'real' ? 'real' : r.n} × ${r.build.runs}`).join(', ')}; medians reported. ` +
      `Search: ${results[0]?.search ? `${results[0].search.keystroke.samples} keystroke samples and ${results[0].search.navigation.samples} navigations (fresh browser context each) per size` : 'not run'}.`,
    '',
    `| | ${cols.join(' | ')} |`,
    `|---|${cols.map(() => '---:').join('|')}|`,
    row('full build, wall (s)', (r) => `${r.build.wallS}`),
    row('… content check / astro / pagefind (s)', (r) => `${v(r.build.checkS)} / ${v(r.build.astroS)} / ${v(r.build.pagefindS)}`),
    row('build time per panic page (ms)', (r) => `${r.build.perPageMs}`),
    row('peak RSS, largest process (MiB)', (r) => v(r.build.maxRssProcessMiB)),
    row('peak RSS, process tree (MiB)', (r) => v(r.build.maxRssTreeMiB)),
    row('pages built', (r) => v(r.build.pages)),
    row('inventory sites (inventory.json)', (r) => v(r.sites)),
    row('Pagefind index on disk', (r) => `${kib(r.sizes.pagefindBytes)} (${r.sizes.pagefindFiles} files)`),
    row('panics.json', (r) => kib(r.sizes.panicsJsonBytes)),
    row('index.html / 404.html / frames/', (r) => `${kib(r.sizes.indexHtmlBytes)} / ${kib(r.sizes.notFoundHtmlBytes)} / ${kib(r.sizes.framesHtmlBytes)}`),
    row('/inventory/ raw / gzip', (r) => `${kib(r.sizes.inventoryHtmlBytes)} / ${kib(r.sizes.inventoryHtmlGzipBytes)}`),
    row('one search downloads: Pagefind index files', (r) => (r.search ? kib(r.search.bytes.pagefindIndexBytes) : '–')),
    row('… all Pagefind requests (+ js, wasm)', (r) => (r.search ? kib(r.search.bytes.pagefindBytes) : '–')),
    row('… search model raw / gzip (files: search-model.json, or head + shards)', (r) => (r.search ? `${kib(r.search.bytes.modelJsonBytes)} / ${kib(r.search.bytes.modelJsonGzipBytes)} (${r.search.bytes.modelFiles ?? 1})` : '–')),
    row('one panic page: requests, HTML+CSS+JS gzip', (r) => `${r.page.requests}, ${kib(r.page.htmlGzip + r.page.cssGzip + r.page.jsGzip)}`),
    row('search keystroke → painted p50 / p95 (ms)', (r) => (r.search ? `${r.search.keystroke.p50} / ${r.search.keystroke.p95}` : '–')),
    row('search navigation → done p50 / p95 (ms)', (r) => (r.search ? `${r.search.navigation.p50} / ${r.search.navigation.p95}` : '–')),
    // Results of runs before the trivial page was measured have no ratio.
    row('search navigation / a trivial page (p50)', (r) => (r.search?.navigation.ratio ? `${r.search.navigation.ratio}× (${r.search.navigation.trivialP50} ms)` : '–')),
    row('… triage of one query (Node, mean / max ms)', (r) => (r.search?.stages ? `${r.search.stages['triage(query) mean ms (node)']} / ${r.search.stages['triage(query) max ms (node)']}` : '–')),
    '',
    `Parser throughput: \`parsePaste\` on a ${(parser.bytes / 2 ** 20).toFixed(2)} MiB log with a real panic inside: ${parser.medianMs} ms (median of ${parser.runs}), **${parser.mbPerS} MiB/s**.` +
      // results.json of runs before the adversarial measure has none (--from-json redraws them).
      (parser.worst ? ` Worst case: the whole search on 1 MiB of adversarial text (${parser.worst.name}) takes **${parser.worst.ms} ms** (goal: under 100 ms).` : ''),
    '',
    '## Targets',
    '',
    '| target | holds | measured |',
    '|---|---|---|',
    ...ver.list.map((x) => `| ${x.what} | ${x.holds === undefined ? '–' : x.holds ? 'yes' : '**no**'} | ${x.detail} |`),
    '',
    ...(ver.buildScaling ? [`Scaling of the build: ${ver.buildScaling}.`] : []),
    ...(ver.searchScaling ? [`Scaling of search: ${ver.searchScaling}.`] : []),
    '',
    'Peak RSS "largest process" is GNU time\'s maximum resident set size of the build\'s children (the largest single process); ' +
      '"process tree" is the largest sum of RSS over the build\'s process tree, polled from /proc every 100 ms.',
    '',
    '![Build time and search latency against N](chart.svg)',
    '',
  ];
  return lines.join('\n');
}

/** Two panels, log-scale N: full build time (s) and search p95 (ms), with the targets dashed. Plain SVG. */
export function chart(results: SizeResult[]): string {
  const W = 800;
  const H = 320;
  const pw = 300;
  const ph = 210;
  const top = 50;
  const panels = [
    { x: 70, title: 'Full build (s)', get: (r: SizeResult) => r.build.wallS, targets: [[1000, 60], [5000, 300]] as [number, number][], color: '#1f6feb' },
    { x: 450, title: 'Search keystroke → painted p95 (ms)', get: (r: SizeResult) => r.search?.keystroke.p95, targets: [[0, 50]] as [number, number][], color: '#d1242f' },
  ];
  const ns = results.map((r) => r.n);
  const lo = Math.pow(10, Math.floor(Math.log10(Math.min(...ns))));
  const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...ns))));
  const xOf = (n: number) => (Math.log10(n) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) * pw;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600">Scale: build time and search latency against N panic paths (log scale)</text>`,
  ];
  for (const p of panels) {
    const pts = results.map((r) => [r.n, p.get(r)] as const).filter((x): x is readonly [number, number] => x[1] !== undefined);
    const tops = [...pts.map((x) => x[1]), ...p.targets.map((t) => t[1])];
    const yMax = niceMax(Math.max(...tops, 1) * 1.1);
    const yOf = (y: number) => ph - (y / yMax) * ph;
    parts.push(`<g transform="translate(${p.x},${top})">`);
    parts.push(`<text x="${pw / 2}" y="-10" text-anchor="middle" font-weight="600">${esc(p.title)}</text>`);
    for (let i = 0; i <= 4; i++) {
      const y = (yMax / 4) * i;
      parts.push(`<line x1="0" x2="${pw}" y1="${yOf(y).toFixed(1)}" y2="${yOf(y).toFixed(1)}" stroke="#eee"/>`);
      parts.push(`<text x="-6" y="${(yOf(y) + 4).toFixed(1)}" text-anchor="end" fill="#555">${fmt(y)}</text>`);
    }
    for (let n = lo; n <= hi; n *= 10) {
      parts.push(`<line x1="${xOf(n).toFixed(1)}" x2="${xOf(n).toFixed(1)}" y1="0" y2="${ph}" stroke="#eee"/>`);
      parts.push(`<text x="${xOf(n).toFixed(1)}" y="${ph + 16}" text-anchor="middle" fill="#555">${n.toLocaleString('en')}</text>`);
    }
    parts.push(`<line x1="0" x2="${pw}" y1="${ph}" y2="${ph}" stroke="#333"/><line x1="0" x2="0" y1="0" y2="${ph}" stroke="#333"/>`);
    parts.push(`<text x="${pw / 2}" y="${ph + 34}" text-anchor="middle" fill="#333">N (panic paths)</text>`);
    for (const [n, y] of p.targets) {
      const x1 = n === 0 ? 0 : Math.max(0, xOf(n) - 18);
      const x2 = n === 0 ? pw : Math.min(pw, xOf(n) + 18);
      parts.push(`<line x1="${x1.toFixed(1)}" x2="${x2.toFixed(1)}" y1="${yOf(y).toFixed(1)}" y2="${yOf(y).toFixed(1)}" stroke="#888" stroke-dasharray="4 3"/>`);
      parts.push(`<text x="${(n === 0 ? pw : x2).toFixed(1)}" y="${(yOf(y) - 4).toFixed(1)}" text-anchor="end" fill="#777" font-size="10">target ${fmt(y)}${n ? ` @ ${n.toLocaleString('en')}` : ''}</text>`);
    }
    if (pts.length) {
      parts.push(`<polyline fill="none" stroke="${p.color}" stroke-width="2" points="${pts.map(([n, y]) => `${xOf(n).toFixed(1)},${yOf(y).toFixed(1)}`).join(' ')}"/>`);
      for (const [n, y] of pts) {
        parts.push(`<circle cx="${xOf(n).toFixed(1)}" cy="${yOf(y).toFixed(1)}" r="3.5" fill="${p.color}"/>`);
        parts.push(`<text x="${(xOf(n) + 6).toFixed(1)}" y="${(yOf(y) - 6).toFixed(1)}" fill="${p.color}" font-size="11">${fmt(y)}</text>`);
      }
    }
    parts.push('</g>');
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function niceMax(x: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}
const fmt = (x: number) => (x >= 100 ? String(Math.round(x)) : String(Math.round(x * 10) / 10));

function write(results: SizeResult[], parser: ParserBenchResult, info: ReturnType<typeof machine>, started: Date, endLoadIn?: number[]): void {
  const endLoad = endLoadIn ?? os.loadavg().map((x) => Math.round(x * 100) / 100);
  const ver = verdicts(results);
  const json = { started: started.toISOString(), machine: { ...info, loadAverageAtEnd: endLoad }, options: { sizes, runs: Object.fromEntries(sizes.map((s) => [s, runsFor(s)])), searchReps, navReps, seed, quick }, parser, results, verdicts: ver };
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(outDir, 'results.md'), markdown(results, parser, info, started, endLoad));
  writeFileSync(join(outDir, 'chart.svg'), chart(results));
  log(`\nwrote ${relative(ROOT, join(outDir, 'results.json'))}, results.md, chart.svg`);
}

if (import.meta.main) {
  if (args.includes('--from-json')) {
    // Redraw results.md and chart.svg from results.json (after a change to the table or the chart), without measuring.
    const j = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8'));
    const { loadAverageAtEnd: _end, ...info } = j.machine;
    write(j.results, j.parser, info, new Date(j.started), _end);
  } else await main();
  console.log(readFileSync(join(outDir, 'results.md'), 'utf8'));
}
