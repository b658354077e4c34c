/**
 * `npm test`: unit tests; the production builds with `astro build` (root, sub-path, and the real content plus a
 * sixth panic path); `astro check` and `tsc`; then the Playwright e2e suite in Chromium against the builds served
 * by a plain static server. Ends with one line: `N passed, N failed`. E2E_DIST moves the builds (`X`, `X-subpath`,
 * `X-six`) as it moves the e2e suite's.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sixthPathContent, sixthPathDist, writeSixthPathContent } from '../test-support/sixth-path.ts';
import { systemChromium } from './chromium.ts';

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
const node = process.execPath;

function run(label: string, command: string, args: string[], options: SpawnSyncOptions = {}): { status: number; out: string } {
  console.log(`\n== ${label}`);
  const r = spawnSync(command, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20, ...options });
  const out = String(r.stdout ?? '');
  process.stdout.write(out);
  return { status: r.status ?? 1, out };
}

function unitTestFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? unitTestFiles(join(dir, d.name)) : d.name.endsWith('.test.ts') ? [join(dir, d.name)] : [],
  );
}

interface Suite { specs?: { tests: { projectName: string }[] }[]; suites?: Suite[] }
const projectTests = (suites: Suite[], project: string): number =>
  suites.reduce((n, s) => n + (s.specs ?? []).flatMap((sp) => sp.tests).filter((t) => t.projectName === project).length + projectTests(s.suites ?? [], project), 0);

function ensureChromium(): void {
  if (systemChromium() || process.env.PLAYWRIGHT_BROWSERS_PATH) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('\n== No Chromium at /usr/bin/chromium: installing Debian\'s chromium package (apt-get install -y chromium)');
    const update = spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } }) : update;
    if (install.status === 0 && systemChromium()) return;
  }
  console.error('\nnpm test needs Chromium for the end-to-end tests and found none at /usr/bin/chromium. Run one of:\n' +
    '  sudo apt-get update && sudo apt-get install -y chromium      (Debian/Ubuntu)\n' +
    '  npx playwright install chromium                               (elsewhere, with internet access)');
  process.exit(1);
}

const unit = run('unit tests (node --test)', node, ['--test', '--test-reporter=spec', ...unitTestFiles('src')]);
const unitPass = Number(/^ℹ pass (\d+)/m.exec(unit.out)?.[1] ?? 0);
const unitFail = Number(/^ℹ fail (\d+)/m.exec(unit.out)?.[1] ?? (unit.status === 0 ? 0 : 1));

const dist = process.env.E2E_DIST ?? 'dist';
writeSixthPathContent(sixthPathContent(dist));
const builds: [string, Record<string, string>][] = [
  [`astro build at / (${dist})`, { DIST_DIR: dist, BASE_PATH: '/' }],
  [`astro build at /docs/panics/ (${dist}-subpath)`, { DIST_DIR: `${dist}-subpath`, BASE_PATH: '/docs/panics/' }],
  [`astro build of the content plus a sixth panic path (${sixthPathDist(dist)})`, { DIST_DIR: sixthPathDist(dist), BASE_PATH: '/', CONTENT_DIR: sixthPathContent(dist) }],
];
const astro = 'node_modules/astro/bin/astro.mjs';
for (const [label, vars] of builds) {
  const b = run(label, node, [astro, 'build'], { env: { ...env, ...vars } });
  if (b.status !== 0) {
    console.log(`\n${unitPass} passed, ${unitFail + 1} failed`);
    process.exit(1);
  }
}

// `astro check` type-checks the .astro files (and the rest, through the same tsconfig); tsc is the compiler's own word.
const checks = [
  run('type check of .astro files (astro check)', node, [astro, 'check']),
  run('type check (tsc --noEmit)', node, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']),
];
const typeFail = checks.filter((c) => c.status !== 0).length;

// The matcher the build publishes for bots (`/triage.js`), imported from the built site as a bot would.
const published = run('the published /triage.js, imported from the build', node, ['--test', '--test-reporter=spec', 'src/logs/publish.test.ts'], { env: { ...env, E2E_DIST: dist } });
const publishedPass = Number(/^ℹ pass (\d+)/m.exec(published.out)?.[1] ?? 0);
const publishedFail = Number(/^ℹ fail (\d+)/m.exec(published.out)?.[1] ?? (published.status === 0 ? 0 : 1));

ensureChromium();
const report = 'test-results/e2e-report.json';
const e2e = run('end-to-end tests (Playwright, Chromium)', node, ['node_modules/@playwright/test/cli.js', 'test', '--reporter=list,json'], {
  env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
});
let e2ePass = 0;
let e2eFail = e2e.status === 0 ? 0 : 1;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; suites: Suite[] };
  e2ePass = json.stats.expected + json.stats.flaky;
  e2eFail = json.stats.unexpected + json.stats.skipped;
  // The sixth-path project runs only when its build exists: it must have run here.
  const six = projectTests(json.suites, 'six');
  if (six === 0) {
    console.log('\nthe e2e project `six` (content plus a sixth panic path) ran no test');
    e2eFail++;
  }
}
console.log(`\nunit: ${unitPass} passed, ${unitFail} failed; /triage.js of the build: ${publishedPass} passed, ${publishedFail} failed; types: ${typeFail ? 'errors' : 'clean'}; e2e: ${e2ePass} passed, ${e2eFail} failed`);
const failed = unitFail + publishedFail + typeFail + e2eFail;
console.log(`${unitPass + publishedPass + e2ePass} passed, ${failed} failed`);
process.exit(unit.status === 0 && published.status === 0 && e2e.status === 0 && failed === 0 ? 0 : 1);
