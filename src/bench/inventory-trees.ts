/**
 * `npm run bench:inventory -- DIR…`: the inventory's cost on real source trees (README: "The inventory on public
 * crates"). Each tree is read in a child process of its own, so that its peak memory is its own: files, lines,
 * sites (all, and shipped: outside test code), seconds of wall and CPU time and peak resident memory per tree.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findSites } from '../inventory/inventory.ts';
import { packageName, readCrate } from '../inventory/read-crate.ts';

interface TreeFigures {
  files: number;
  lines: number;
  sites: number;
  shipped: number;
  seconds: number;
  cpuSeconds: number;
  peakMB: number;
}

/** In the child: one tree, its figures as one JSON line on stdout. */
async function measure(dir: string): Promise<void> {
  const start = performance.now();
  const read = readCrate(dir);
  if ('error' in read) throw new Error(read.error);
  const sites = await findSites(read.files, packageName(dir));
  let lines = 0;
  for (const f of read.files) for (let i = f.text.indexOf('\n'); i >= 0; i = f.text.indexOf('\n', i + 1)) lines++;
  const cpu = process.cpuUsage();
  const figures: TreeFigures = {
    files: read.files.length,
    lines,
    sites: sites.length,
    shipped: sites.filter((s) => !s.testOnly).length,
    seconds: (performance.now() - start) / 1000,
    // CPU time too: on a shared machine the wall clock measures the neighbours.
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    // maxRSS is in kilobytes: the whole process, the parser's WebAssembly memory included.
    peakMB: process.resourceUsage().maxRSS / 1024,
  };
  console.log(JSON.stringify(figures));
}

const fmt = (n: number) => n.toLocaleString('en');

function main(dirs: string[]): number {
  if (dirs.length === 0) {
    console.error('usage: npm run bench:inventory -- DIR… (Rust source trees, e.g. clones of the crates in the README)');
    return 2;
  }
  const self = fileURLToPath(import.meta.url);
  console.log('tree | files | lines | sites (shipped) | seconds (CPU) | peak MB');
  let failed = 0;
  for (const dir of dirs) {
    const run = spawnSync(process.execPath, [self, '--child', resolve(dir)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const last = run.stdout.trim().split('\n').at(-1) ?? '';
    if (run.status !== 0 || !last.startsWith('{')) {
      failed++;
      console.log(`${dir} | failed (exit ${run.status ?? run.signal}): ${run.stderr.trim().split('\n').at(-1) ?? ''}`);
      continue;
    }
    const f = JSON.parse(last) as TreeFigures;
    console.log(`${dir} | ${fmt(f.files)} | ${fmt(f.lines)} | ${fmt(f.sites)} (${fmt(f.shipped)}) | ${f.seconds.toFixed(2)} (${f.cpuSeconds.toFixed(2)}) | ${Math.round(f.peakMB)}`);
  }
  return failed === 0 ? 0 : 1;
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  if (args[0] === '--child') await measure(args[1]!);
  else process.exitCode = main(args);
}
