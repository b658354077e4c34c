/**
 * `npm run bench:triage`: `mm-panics triage --json` (the command as an engineer runs it, start-up included) on three
 * 200 MB logs holding the real outputs of src/fixtures/panics/ among application lines, against the floor: Node
 * reading the same file line by line with readline and doing nothing else. Both run as child processes, alternately,
 * in one run; the medians are compared. The logs:
 *   - mix: segments of every wrapper the search reads (src/test-support/sample-logs.ts);
 *   - short lines: ISO-timestamped application lines (`… INFO market_maker::quote_engine: quoted bid=… ask=…`) with a
 *     panic every 50–400 lines, each line of it under the same timestamp prefix;
 *   - JSON lines: one tracing-style JSON record per line, each panic one record.
 * And the start-up: `--json /dev/null` against Node starting an empty module.
 * Targets: each log at most 1.5× its floor and under 200 MB; start-up under 80 ms and 60 MB. The targets are judged on
 * the wall-clock ratio; the CPU-time ratio beside it is what a busy machine (other work on its cores) distorts less.
 *
 *   npm run bench:triage [-- --mb 200 --runs 3 --keep]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildLog, fixture, fixtureNames, type Wrapper, WRAPPERS } from '../test-support/sample-logs.ts';
import { prng } from './prng.ts';

const launcher = fileURLToPath(new URL('../../bin/mm-panics.js', import.meta.url));

const TARGET_RATIO = 1.5;
const TARGET_PEAK_MB = 200;
const TARGET_START_MS = 80;
const TARGET_START_MB = 60;

// The floor, as plain JavaScript (a TypeScript child would pay the type stripper's start): count the lines.
const FLOOR = `const rl = require('node:readline').createInterface({ input: require('node:fs').createReadStream(process.argv[1]), crlfDelay: Infinity });
let lines = 0; rl.on('line', () => lines++);`;

const iso = (ms: number) => new Date(ms).toISOString();
const T0 = Date.parse('2023-11-14T22:15:06Z');

/** ISO-timestamped short application lines, a panic's lines under the same prefix. */
const SHORT: Wrapper = {
  name: 'short ISO lines',
  line: (t, n) => `${iso(T0 + n * 7)} ${t}`,
  app: (_t, n) => {
    const bid = 97000 + ((n * 37) % 1000) / 10;
    return `${iso(T0 + n * 7)} INFO market_maker::quote_engine: quoted bid=${bid.toFixed(1)} ask=${(bid + 0.5).toFixed(1)}`;
  },
  time: (n) => iso(T0 + n * 7),
};

const JSON_RECORDS = WRAPPERS.find((w) => w.name === 'JSON record (fields.message)')!;

export interface LogKind {
  name: string;
  wrappers: Wrapper[];
  whole: boolean;
  /** Application lines between two panics. */
  gap: (random: () => number) => number;
}

export const LOGS: LogKind[] = [
  { name: 'mix', wrappers: WRAPPERS, whole: false, gap: () => 200 },
  { name: 'short lines', wrappers: [SHORT], whole: false, gap: (r) => 50 + Math.floor(r() * 350) },
  { name: 'JSON lines', wrappers: [JSON_RECORDS], whole: true, gap: (r) => 50 + Math.floor(r() * 350) },
];

/** Writes a log of about `targetBytes`: panics of every fixture in turn, the wrappers in segments. */
export async function generate(file: string, targetBytes: number, kind: LogKind): Promise<{ panics: number }> {
  const out = createWriteStream(file);
  const texts = fixtureNames().map(fixture);
  const random = prng(42);
  let written = 0;
  let bytes = 0;
  let n = 0;
  for (let b = 0; bytes < targetBytes; b++) {
    const w = kind.wrappers[Math.floor((bytes / targetBytes) * kind.wrappers.length)] ?? kind.wrappers[0]!;
    const gap = kind.gap(random);
    const log = buildLog([texts[b % texts.length]!], w, { appLines: Math.ceil(gap / 2), start: n, whole: kind.whole });
    n += gap + 60;
    written += log.heads.length;
    bytes += Buffer.byteLength(log.text);
    if (!out.write(log.text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { panics: written };
}

export interface Run {
  ms: number;
  /** CPU time (user + system), which a busy machine inflates less than the wall-clock time. */
  cpuMs: number;
  maxRSS: number;
  found?: number;
  groups?: number;
}

// Preloaded into a measured child (plain JavaScript, so that it costs the child no TypeScript): its peak memory and
// CPU time, last.
const REPORT_RSS = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\n'+JSON.stringify({maxRSS:u.maxRSS,cpuMs:(u.userCPUTime+u.systemCPUTime)/1000})+'\\n')})`;

/** Runs a Node child to its end. */
async function timed(args: string[], onStdout?: (chunk: string) => void): Promise<{ ms: number; stderr: string; code: number }> {
  const t0 = performance.now();
  const proc = spawn(process.execPath, args, { stdio: ['ignore', onStdout ? 'pipe' : 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (b: Buffer) => (stderr += b));
  proc.stdout?.setEncoding('utf8').on('data', onStdout!);
  const [code] = (await once(proc, 'close')) as [number];
  return { ms: performance.now() - t0, stderr, code };
}

async function floor(file: string): Promise<Run> {
  const { ms, stderr } = await timed(['--import', REPORT_RSS, '-e', FLOOR, file]);
  return { ms, ...(JSON.parse(stderr.trim().split('\n').at(-1)!) as { maxRSS: number; cpuMs: number }) };
}

/** The real command, its output counted: the panics it found across its groups. Peak memory from the kernel. */
export async function triage(file: string): Promise<Run> {
  let found = 0;
  let groups = 0;
  let rest = '';
  const { ms, stderr, code } = await timed(['--import', REPORT_RSS, launcher, 'triage', '--json', file], (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    for (const l of lines.filter(Boolean)) {
      found += (JSON.parse(l) as { count: number }).count;
      groups++;
    }
  });
  const report = stderr.trim().split('\n').at(-1) ?? '';
  if (code !== 1 && code !== 3) throw new Error(`mm-panics triage exited ${code}:\n${stderr}`);
  return { ms, found, groups, ...(JSON.parse(report) as { maxRSS: number; cpuMs: number }) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (kib: number) => (kib * 1024) / 1e6;

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: {
      mb: { type: 'string', default: '200' },
      runs: { type: 'string', default: '3' },
      keep: { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  const load = loadavg();
  console.log(`machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, load ${load.map((l) => l.toFixed(2)).join(' / ')}, Node ${process.version}`);
  let failed = false;

  // Start-up: an empty module against the command on an empty input, alternately; the first run compiles the triage.
  await timed([launcher, 'triage', '--json', '/dev/null']);
  const measured = async (args: string[]): Promise<Run> => {
    const r = await timed(['--import', REPORT_RSS, ...args]);
    return { ms: r.ms, ...(JSON.parse(r.stderr.trim().split('\n').at(-1)!) as { maxRSS: number; cpuMs: number }) };
  };
  const bare: Run[] = [];
  const start: Run[] = [];
  for (let i = 0; i < Math.max(5, runs * 3); i++) {
    bare.push(await measured(['--input-type=module', '-e', '']));
    start.push(await measured([launcher, 'triage', '--json', '/dev/null']));
  }
  const bareMs = median(bare.map((r) => r.ms));
  const startMs = median(start.map((r) => r.ms));
  const startMb = mb(Math.max(...start.map((r) => r.maxRSS)));
  const startHolds = startMs < TARGET_START_MS && startMb < TARGET_START_MB;
  failed ||= !startHolds;
  console.log('');
  const cpuRatio = (a: Run[], b: Run[]) => median(a.map((r) => r.cpuMs)) / median(b.map((r) => r.cpuMs));
  console.log('| log | size | floor: readline | mm-panics triage --json | ratio | CPU-time ratio | peak memory | panics found |');
  console.log('| --- | --: | --: | --: | --: | --: | --: | --: |');
  console.log(
    `| start-up (--json /dev/null) | – | ${bareMs.toFixed(0)} ms (empty module) | ${startMs.toFixed(0)} ms | ${(startMs / bareMs).toFixed(2)}× | ${cpuRatio(start, bare).toFixed(2)}× | ${startMb.toFixed(0)} MB | – |`,
  );

  for (const kind of LOGS) {
    const file = join(tmpdir(), `mm-triage-bench-${process.pid}-${kind.name.replace(/\W+/g, '-')}.log`);
    const gen = await generate(file, Number(values.mb) * 1e6, kind);
    const size = statSync(file).size;
    const floors: Run[] = [];
    const triages: Run[] = [];
    try {
      await floor(file); // the page cache, warm for both
      for (let i = 0; i < runs; i++) {
        floors.push(await floor(file));
        triages.push(await triage(file));
      }
    } finally {
      if (!values.keep) rmSync(file, { force: true });
    }
    const f = median(floors.map((r) => r.ms));
    const t = median(triages.map((r) => r.ms));
    const peak = mb(Math.max(...triages.map((r) => r.maxRSS)));
    const ratio = t / f;
    const allFound = triages.every((r) => r.found === gen.panics);
    failed ||= ratio > TARGET_RATIO || peak >= TARGET_PEAK_MB || !allFound;
    console.log(
      `| ${kind.name} | ${(size / 1e6).toFixed(0)} MB | ${(f / 1000).toFixed(2)} s | ${(t / 1000).toFixed(2)} s | ${ratio.toFixed(2)}× | ${cpuRatio(triages, floors).toFixed(2)}× | ${peak.toFixed(0)} MB | ${triages[0]?.found} of ${gen.panics}${allFound ? '' : ' (MISSED SOME)'} |`,
    );
  }
  console.log('');
  console.log(`targets: each log ≤ ${TARGET_RATIO}× its floor and under ${TARGET_PEAK_MB} MB, every panic found; start-up under ${TARGET_START_MS} ms and ${TARGET_START_MB} MB`);
  console.log(failed ? 'SOME TARGET DOES NOT HOLD' : 'every target holds');
  if (failed) process.exitCode = 1;
}

// The log page's benchmark imports the logs and the command's run from here.
if (import.meta.main) await run();
