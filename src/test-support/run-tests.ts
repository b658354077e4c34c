/**
 * `npm test`: first what it needs (Chromium and nginx, installed with apt-get as root, else the command printed and
 * nothing run: src/cli/prerequisites.ts) and the formatting check (Prettier); then unit tests; the production builds with `astro build` (root, sub-path, and the real content plus a
 * sixth panic path); `astro check` (which type-checks the .ts files too); then the Playwright e2e suite in Chromium against the builds served
 * by a plain static server. Ends with one line: `N passed, N failed`. E2E_DIST moves the builds (`X`, `X-subpath`,
 * `X-six`) as it moves the e2e suite's.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sixthPathContent, sixthPathDist, writeSixthPathContent } from './sixth-path.ts';
import { plan, thisMachine } from '../cli/prerequisites.ts';

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
const node = process.execPath;

function run(
  label: string,
  command: string,
  args: string[],
  options: SpawnSyncOptions = {},
): { status: number; out: string } {
  console.log(`\n== ${label}`);
  const r = spawnSync(command, args, {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 << 20,
    ...options,
  });
  const out = String(r.stdout ?? '');
  process.stdout.write(out);
  return { status: r.status ?? 1, out };
}

function unitTestFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? unitTestFiles(join(dir, d.name)) : d.name.endsWith('.test.ts') ? [join(dir, d.name)] : [],
  );
}

interface Suite {
  specs?: { tests: { projectName: string }[] }[];
  suites?: Suite[];
}
const projectTests = (suites: Suite[], project: string): number =>
  suites.reduce(
    (n, s) =>
      n +
      (s.specs ?? []).flatMap((sp) => sp.tests).filter((t) => t.projectName === project).length +
      projectTests(s.suites ?? [], project),
    0,
  );

/** Chromium and nginx, before anything runs: false when they are missing and could not be installed. */
function prerequisites(): boolean {
  const first = plan(thisMachine());
  if (first.kind === 'ready') return true;
  if (first.kind === 'install') {
    console.log(
      `\n== Installing Debian's ${first.packages.join(' and ')} for the end-to-end tests (apt-get install -y ${first.packages.join(' ')})`,
    );
    const update = spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    if (update.status === 0) {
      spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...first.packages], {
        stdio: 'inherit',
        env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    }
  }
  const after = plan(thisMachine());
  if (after.kind === 'ready') return true;
  console.error(
    `\n${after.kind === 'stop' ? after.message : `apt-get could not install ${after.packages.join(' and ')}`}`,
  );
  return false;
}

const count = (out: string, what: 'pass' | 'fail', status: number): number =>
  Number(new RegExp(`^ℹ ${what} (\\d+)`, 'm').exec(out)?.[1] ?? (what === 'pass' || status === 0 ? 0 : 1));

function main(): number {
  if (!prerequisites()) return 1;

  // Prettier lists the files that are not formatted (`npm run format` writes them).
  const format = run('formatting (prettier --check)', node, ['node_modules/prettier/bin/prettier.cjs', '--check', '.']);
  const formatFail = format.status === 0 ? 0 : 1;

  // Two test files at a time: many wait on child processes (CLIs, git, cargo-free fixture runs), so two cores
  // finish the suite in about two thirds of the time of one file at a time.
  const unit = run('unit tests (node --test)', node, [
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    ...unitTestFiles('src'),
  ]);
  const unitPass = count(unit.out, 'pass', unit.status);
  const unitFail = count(unit.out, 'fail', unit.status);

  const dist = process.env.E2E_DIST ?? 'dist';
  writeSixthPathContent(sixthPathContent(dist));
  const builds: [string, Record<string, string>][] = [
    [`astro build at / (${dist})`, { DIST_DIR: dist, BASE_PATH: '/' }],
    [`astro build at /docs/panics/ (${dist}-subpath)`, { DIST_DIR: `${dist}-subpath`, BASE_PATH: '/docs/panics/' }],
    [
      `astro build of the content plus a sixth panic path (${sixthPathDist(dist)})`,
      { DIST_DIR: sixthPathDist(dist), BASE_PATH: '/', CONTENT_DIR: sixthPathContent(dist) },
    ],
  ];
  const astro = 'node_modules/astro/bin/astro.mjs';
  for (const [label, vars] of builds) {
    const b = run(label, node, [astro, 'build'], { env: { ...env, ...vars } });
    if (b.status !== 0) {
      console.log(`\n${unitPass} passed, ${unitFail + formatFail + 1} failed`);
      return 1;
    }
  }

  // astro check type-checks every .ts file of the project as well as the .astro ones: tsc would check them twice.
  const typeFail = run('type check (astro check: .astro and .ts files)', node, [astro, 'check']).status === 0 ? 0 : 1;

  // The matcher the build publishes for bots (`/triage.js`), imported from the built site as a bot would: only that
  // test of the file, its others ran with the unit tests.
  const published = run(
    'the published /triage.js, imported from the build',
    node,
    ['--test', '--test-reporter=spec', "--test-name-pattern=^the build's own ", 'src/logs/publish.test.ts'],
    { env: { ...env, E2E_DIST: dist } },
  );
  const publishedPass = count(published.out, 'pass', published.status);
  const publishedFail = count(published.out, 'fail', published.status) + (publishedPass === 0 ? 1 : 0);

  const report = 'test-results/e2e-report.json';
  const e2e = run(
    'end-to-end tests (Playwright, Chromium)',
    node,
    ['node_modules/@playwright/test/cli.js', 'test', '--reporter=list,json'],
    {
      env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
    },
  );
  let e2ePass = 0;
  let e2eFail = e2e.status === 0 ? 0 : 1;
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8')) as {
      stats: { expected: number; unexpected: number; flaky: number; skipped: number };
      suites: Suite[];
    };
    e2ePass = json.stats.expected + json.stats.flaky;
    e2eFail = json.stats.unexpected + json.stats.skipped;
    // The sixth-path project runs only when its build exists: it must have run here.
    const six = projectTests(json.suites, 'six');
    if (six === 0) {
      console.log('\nthe e2e project `six` (content plus a sixth panic path) ran no test');
      e2eFail++;
    }
  }
  console.log(
    `\nformat: ${formatFail ? 'unformatted files' : 'clean'}; unit: ${unitPass} passed, ${unitFail} failed; /triage.js of the build: ${publishedPass} passed, ${publishedFail} failed; types: ${typeFail ? 'errors' : 'clean'}; e2e: ${e2ePass} passed, ${e2eFail} failed`,
  );
  const failed = formatFail + unitFail + publishedFail + typeFail + e2eFail;
  console.log(`${unitPass + publishedPass + e2ePass} passed, ${failed} failed`);
  return unit.status === 0 && published.status === 0 && e2e.status === 0 && failed === 0 ? 0 : 1;
}

process.exitCode = main();
