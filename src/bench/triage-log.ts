/**
 * `npm run bench:triage`: `mm-panics triage` on a 200 MB log holding 10,000 panics (the real outputs of
 * src/fixtures/panics/, in segments of every wrapper the search reads) among application lines, against the floor:
 * Node reading the same file line by line with readline and doing nothing else. Both run as child processes of this
 * script, alternately, in one run; the medians are compared. Targets (issue 14): at most 3× the floor, under 300 MB.
 *
 *   npm run bench:triage [-- --mb 200 --panics 10000 --runs 3 --keep]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildLog, fixture, fixtureNames, WRAPPERS } from '../test-support/sample-logs.ts';

const self = fileURLToPath(import.meta.url);

async function child(kind: string, file: string): Promise<void> {
  if (kind === 'floor') {
    let lines = 0;
    for await (const _ of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) lines++;
    process.stderr.write(`${JSON.stringify({ lines, maxRSS: process.resourceUsage().maxRSS })}\n`);
  } else {
    const { main } = await import('../cli/triage.ts');
    // The real command's output, counted rather than printed: the panics it found, across its groups.
    let found = 0;
    let groups = 0;
    const stdout = { write: (s: string) => (s.split('\n').filter(Boolean).forEach((l) => ((found += (JSON.parse(l) as { count: number }).count), groups++)), true) };
    const code = await main(['--json', file], { stdout, stderr: process.stderr, stdin: process.stdin } as never);
    process.stderr.write(`${JSON.stringify({ code, found, groups, maxRSS: process.resourceUsage().maxRSS })}\n`);
  }
}

/** Writes the log: segments of each wrapper in turn, a panic every `gap` lines. */
export async function generate(file: string, targetBytes: number, panics: number): Promise<{ panics: number }> {
  const out = createWriteStream(file);
  const names = fixtureNames();
  const texts = names.map(fixture);
  const headsPer = texts.map((t) => (t.match(/ panicked at /g) ?? []).length);
  const meanHeads = headsPer.reduce((a, b) => a + b, 0) / headsPer.length;
  const blocks = Math.round(panics / meanHeads);
  const wrappers = WRAPPERS;
  let written = 0;
  let n = 0;
  // Application lines between panics, sized so that the file reaches the target.
  const sample = buildLog([texts[0]!], wrappers[0]!, { appLines: 100 }).text;
  const appBytes = (sample.length - texts[0]!.length) / 200;
  const panicBytes = texts.reduce((a, t) => a + t.length, 0) / texts.length;
  const gap = Math.max(1, Math.round((targetBytes / blocks - panicBytes * 1.6) / (appBytes * 1.6)));
  for (let b = 0; b < blocks; b++) {
    const w = wrappers[Math.floor((b * wrappers.length) / blocks)]!;
    const i = b % texts.length;
    const log = buildLog([texts[i]!], w, { appLines: Math.ceil(gap / 2), start: n, whole: false });
    n += gap + 40;
    written += log.heads.length;
    if (!out.write(log.text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { panics: written };
}

export interface Run {
  ms: number;
  maxRSS: number;
  code?: number;
  found?: number;
  groups?: number;
}

export async function measure(kind: 'floor' | 'triage', file: string): Promise<Run> {
  const t0 = performance.now();
  const proc = spawn(process.execPath, [self, '--child', kind, file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (b: Buffer) => (stderr += b));
  await once(proc, 'close');
  const ms = performance.now() - t0;
  const last = stderr.trim().split('\n').at(-1) ?? '';
  let report: Omit<Run, 'ms'>;
  try {
    report = JSON.parse(last) as Omit<Run, 'ms'>;
  } catch {
    throw new Error(`${kind} run failed:\n${stderr}`);
  }
  return { ms, ...report };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mib = (kib: number) => kib / 1024;

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: {
      mb: { type: 'string', default: '200' },
      panics: { type: 'string', default: '10000' },
      runs: { type: 'string', default: '3' },
      keep: { type: 'boolean', default: false },
    },
  });
  const file = join(tmpdir(), `mm-triage-bench-${process.pid}.log`);
  const target = Number(values.mb) * 1e6;
  console.log(`generating ${values.mb} MB with ${values.panics} panics in ${file} …`);
  const gen = await generate(file, target, Number(values.panics));
  const size = statSync(file).size;
  console.log(`log: ${(size / 1e6).toFixed(1)} MB, ${gen.panics} panics, wrappers: ${WRAPPERS.map((w) => w.name).join(', ')}`);
  const load = loadavg();
  console.log(`machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, load ${load.map((l) => l.toFixed(2)).join(' / ')}, Node ${process.version}`);
  const floor: Run[] = [];
  const triage: Run[] = [];
  try {
    // Warm the page cache so that neither run pays the disk.
    await measure('floor', file);
    for (let i = 0; i < Number(values.runs); i++) {
      floor.push(await measure('floor', file));
      triage.push(await measure('triage', file));
    }
  } finally {
    if (!values.keep) rmSync(file, { force: true });
  }
  const f = median(floor.map((r) => r.ms));
  const t = median(triage.map((r) => r.ms));
  const rssT = Math.max(...triage.map((r) => r.maxRSS));
  const rssF = Math.max(...floor.map((r) => r.maxRSS));
  const ratio = t / f;
  console.log('');
  console.log('| run | wall time (median of runs) | MB/s | peak RSS |');
  console.log('| --- | --: | --: | --: |');
  console.log(`| floor: readline, nothing else | ${(f / 1000).toFixed(2)} s | ${(size / 1e6 / (f / 1000)).toFixed(0)} | ${mib(rssF).toFixed(0)} MiB |`);
  console.log(`| mm-panics triage --json | ${(t / 1000).toFixed(2)} s | ${(size / 1e6 / (t / 1000)).toFixed(0)} | ${mib(rssT).toFixed(0)} MiB |`);
  console.log('');
  console.log(`runs (s): floor ${floor.map((r) => (r.ms / 1000).toFixed(2)).join(', ')}; triage ${triage.map((r) => (r.ms / 1000).toFixed(2)).join(', ')}; triage exit code ${triage[0]?.code}`);
  console.log(`found: ${triage[0]?.found} panics of ${gen.panics} written, in ${triage[0]?.groups} groups`);
  if (triage.some((r) => r.found !== gen.panics)) {
    console.log('FAILED: the triage did not find every panic of the log');
    process.exitCode = 1;
  }
  console.log(`time: ${ratio.toFixed(2)}× the floor (target ≤ 3×): ${ratio <= 3 ? 'holds' : 'DOES NOT HOLD'}`);
  console.log(`memory: ${mib(rssT).toFixed(0)} MiB peak (target < 300 MB = 286 MiB): ${rssT * 1024 < 300e6 ? 'holds' : 'DOES NOT HOLD'}`);
  if (ratio > 3 || rssT * 1024 >= 300e6) process.exitCode = 1;
}

// src/bench/log-page.ts imports the generator and the CLI's measure.
if (import.meta.main) {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') await child(argv[1]!, argv[2]!);
  else await run();
}
