/**
 * `npm run bench:history`: how long `check-sources --history` takes on a repository of 50 release tags and 2,000
 * commits. The repository is generated with `git fast-import` (one process, seconds): the real content's synced
 * tree (every location holds at HEAD), each commit rewriting one or two of the located files with filler lines
 * inserted and removed around the documented ones, so that every location moves up and down between tags; 200
 * other files churning beside them; spread_oracle.rs renamed from glft.rs half way. HEAD is the synced tree.
 *
 *   node src/bench/history.ts [--tags 50] [--commits 2000] [--runs 3] [--keep]
 *
 * Prints the figures and writes bench/history.json, and checks every line it found against where the generator put
 * the documented line in each tag. For comparison it also times `git log -L` once per location over the same range.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadContent } from '../model/load-content.ts';
import { REAL_CONTENT, ROOT, syncedTree } from '../test-support/fixture-tree.ts';
import { targetsOf } from '../sources/check.ts';
import { recordHistory } from '../history/record.ts';
import { prng } from './generate.ts';

const { values } = parseArgs({
  options: { tags: { type: 'string', default: '50' }, commits: { type: 'string', default: '2000' }, runs: { type: 'string', default: '3' }, keep: { type: 'boolean', default: false } },
});
const TAGS = Number(values.tags);
const COMMITS = Number(values.commits);
const RUNS = Number(values.runs);


const { model } = loadContent(REAL_CONTENT);
const synced = syncedTree(model);
const documented = new Map<string, Set<number>>();
for (const t of targetsOf(model)) if (t.line !== undefined) documented.set(t.file, (documented.get(t.file) ?? new Set()).add(t.line));
const located = [...synced.keys()];
const RENAMED_FROM = 'src/market_maker/strategy/glft.rs';
const RENAMED_TO = 'src/market_maker/strategy/spread_oracle.rs';

/**
 * The synced file with filler lines removed and inserted at random places; documented lines are kept, and `moved`
 * says where each went (HEAD line → line in this variant): the ground truth the history is checked against.
 */
function variantOf(file: string, seed: number): { text: string; moved: Map<number, number> } {
  const next = prng(seed); // the same repository on every run
  const keep = documented.get(file) ?? new Set<number>();
  const out: string[] = [];
  const moved = new Map<number, number>();
  synced.get(file)!.forEach((line, i) => {
    const filler = !keep.has(i + 1) && line === '// filler';
    const r = next();
    if (filler && r < 0.02) return; // removed
    out.push(line);
    if (keep.has(i + 1)) moved.set(i + 1, out.length);
    if (filler && r > 0.985) for (let k = 0; k < 1 + Math.floor(next() * 6); k++) out.push(`// added ${seed}.${k}`);
  });
  return { text: out.join('\n'), moved };
}
const variant = (file: string, seed: number): string => variantOf(file, seed).text;

/** For each tag, the seed each located file's variant had (0: the synced file itself, at HEAD). */
const seedsAtTag = new Map<string, Map<string, number>>();

const otherFile = (n: number) => `src/other/module_${String(n).padStart(3, '0')}.rs`;
function otherContent(n: number, seed: number): string {
  const next = prng(seed * 7919 + n);
  return Array.from({ length: 50 + Math.floor(next() * 150) }, (_, i) => `pub fn f${i}() -> u32 { ${Math.floor(next() * 1000)} }`).join('\n');
}

function buildRepo(dir: string): { seconds: number } {
  const started = performance.now();
  execFileSync('git', ['init', '--quiet', '-b', 'main', dir]);
  const chunks: string[] = [];
  const blob = (path: string, text: string) => `M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`;
  const every = Math.floor(COMMITS / TAGS);
  const pick = prng(42);
  const seeds = new Map<string, number>();
  for (let c = 1; c <= COMMITS; c++) {
    const last = c === COMMITS;
    const message = `commit ${c}`;
    const renamed = c > COMMITS / 2;
    const pathOf = (file: string) => (file === RENAMED_TO && !renamed ? RENAMED_FROM : file);
    const ops: string[] = [];
    if (c === 1) {
      ops.push(blob('Cargo.toml', '[package]\nname = "market_maker"\nversion = "0.1.0"\nedition = "2021"\n'));
      for (const f of located) ops.push(blob(pathOf(f), variant(f, c))), seeds.set(f, c);
      for (let n = 0; n < 200; n++) ops.push(blob(otherFile(n), otherContent(n, 0)));
    } else if (last) {
      for (const f of located) ops.push(blob(f, synced.get(f)!.join('\n'))), seeds.set(f, 0);
    } else {
      if (renamed && c === Math.floor(COMMITS / 2) + 1) ops.push(`D ${RENAMED_FROM}\n`, blob(RENAMED_TO, variant(RENAMED_TO, c))), seeds.set(RENAMED_TO, c);
      const f = located[Math.floor(pick() * located.length)]!;
      ops.push(blob(pathOf(f), variant(f, c)));
      seeds.set(f, c);
      for (let k = 0; k < 3; k++) {
        const n = Math.floor(pick() * 200);
        ops.push(blob(otherFile(n), otherContent(n, c)));
      }
    }
    const when = 1_700_000_000 + c * 3600;
    chunks.push(
      `commit refs/heads/main\nmark :${c}\ncommitter Bench <bench@example.invalid> ${when} +0000\ndata ${message.length}\n${message}\n${c > 1 ? `from :${c - 1}\n` : ''}${ops.join('')}`,
    );
    if (c % every === 0 && c / every <= TAGS - 1) seedsAtTag.set(`v1.${c / every}.0`, new Map(seeds));
    if (c % every === 0 && c / every <= TAGS - 1) chunks.push(`tag v1.${c / every}.0\nfrom :${c}\ntagger Bench <bench@example.invalid> ${when} +0000\ndata 7\nrelease\n`);
  }
  seedsAtTag.set(`v1.${TAGS}.0`, new Map(seeds));
  chunks.push(`tag v1.${TAGS}.0\nfrom :${COMMITS}\ntagger Bench <bench@example.invalid> ${1_700_000_000 + COMMITS * 3600} +0000\ndata 7\nrelease\n`);
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join(''), maxBuffer: 1 << 30 });
  execFileSync('git', ['checkout', '--quiet', 'main'], { cwd: dir });
  return { seconds: (performance.now() - started) / 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = mkdtempSync(join(os.tmpdir(), 'bench-history-'));
try {
  const built = buildRepo(dir);
  const count = (args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  const commits = Number(count(['rev-list', '--count', 'HEAD']));
  const tags = count(['tag', '--list', 'v*']).split('\n').length;
  console.log(`history bench: repository of ${commits} commits and ${tags} tags built in ${built.seconds.toFixed(1)} s (${dir})`);

  const cli = ['src/cli/check-sources.ts', '--repo', dir, '--content', REAL_CONTENT, '--history', '--json'];
  const times: number[] = [];
  let report: { ok: boolean; history: { revisions: unknown[]; locations: { file: string; anchor: string; entry: string; releases: { tag: string | null; line: number }[] }[] } } | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, cli, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
    times.push((performance.now() - t) / 1000);
    if (r.status !== 0) throw new Error(`check-sources exited ${r.status}: ${r.stderr}`);
    report = JSON.parse(r.stdout);
  }
  // The walk alone, in this process: what --history adds to the check.
  const walk: number[] = [];
  let gitCalls = 0;
  for (let i = 0; i < RUNS; i++) {
    gitCalls = 0;
    const t = performance.now();
    recordHistory(dir, model, { tags: 'v*' }, { onGit: () => gitCalls++ });
    walk.push((performance.now() - t) / 1000);
  }
  const plain = ['src/cli/check-sources.ts', '--repo', dir, '--content', REAL_CONTENT, '--json'];
  const checkOnly: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    spawnSync(process.execPath, plain, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
    checkOnly.push((performance.now() - t) / 1000);
  }
  const locations = report!.history.locations.length;
  const revisions = report!.history.revisions.length;
  const everywhere = report!.history.locations.filter((l) => l.releases.length === revisions).length;
  // Right: at each tag, the line the generator put the documented line on.
  const headLine = new Map(targetsOf(model).map((t) => [`${t.entry}#${t.anchor}`, t.line]));
  const wrong: string[] = [];
  for (const l of report!.history.locations) {
    for (const r of l.releases) {
      const seed = seedsAtTag.get(r.tag ?? '')?.get(l.file);
      const line = headLine.get(`${l.entry}#${l.anchor}`)!;
      const want = seed === undefined || seed === 0 ? line : variantOf(l.file, seed).moved.get(line);
      if (want !== r.line) wrong.push(`${l.entry}#${l.anchor} at ${r.tag}: ${r.line}, generated at ${want}`);
    }
  }
  const checkedLines = report!.history.locations.reduce((n, l) => n + l.releases.length, 0);

  // The per-location alternative, for comparison: git's own line walk (`git log -L`) once per location, over the
  // same range. It only lists the commits that touched each line; mapping them to tags would come on top.
  const t = performance.now();
  for (const target of targetsOf(model)) {
    if (target.line === undefined || target.skip) continue;
    execFileSync('git', ['log', '-L', `${target.line},${target.line}:${target.file}`, '--format=%H', '--no-patch', 'v1.1.0..HEAD'], { cwd: dir, maxBuffer: 1 << 28 });
  }
  const logL = (performance.now() - t) / 1000;

  const result = {
    date: new Date().toISOString(),
    machine: `${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}`,
    repository: { commits, tags, located: located.length, otherFiles: 200, buildSeconds: Number(built.seconds.toFixed(2)) },
    command: `npm run check-sources -- --repo ${'<repo>'} --history --json`,
    history: { seconds: Number(median(times).toFixed(2)), best: Number(Math.min(...times).toFixed(2)), runs: times.map((x) => Number(x.toFixed(2))), locations, revisions, inEveryRevision: everywhere, linesChecked: checkedLines, linesWrong: wrong.length },
    checkWithoutHistory: { seconds: Number(median(checkOnly).toFixed(2)) },
    walkAlone: { seconds: Number(median(walk).toFixed(2)), best: Number(Math.min(...walk).toFixed(2)), gitCalls },
    gitLogLEveryLocation: { seconds: Number(logL.toFixed(2)) },
  };
  console.log(`--history: ${locations} locations through ${revisions} revisions: ${result.history.seconds} s median of ${RUNS}, best ${result.history.best} s (${result.history.runs.join(', ')} s), of which the plain check is ${result.checkWithoutHistory.seconds} s`);
  console.log(`the walk alone (recordHistory in-process): ${result.walkAlone.seconds} s median, best ${result.walkAlone.best} s, ${gitCalls} git processes`);
  console.log(`${everywhere} of ${locations} locations followed through every revision; ${checkedLines - wrong.length} of ${checkedLines} release lines where the generator put them`);
  const byLocation = Map.groupBy(wrong, (w) => w.split(' at ')[0]!);
  for (const [where, list] of byLocation) console.log(`  wrong: ${where} in ${list.length} releases, e.g. ${list[0]!.split(' at ')[1]}`);
  console.log(`for comparison, git log -L once per location over the same range: ${result.gitLogLEveryLocation.seconds} s for the ${locations} locations`);
  console.log(`machine: ${result.machine}`);
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'history.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log('wrote bench/history.json');
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
