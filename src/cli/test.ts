/**
 * `npm test`: unit tests, the production builds (root and sub-path), then the Playwright e2e suite in Chromium
 * against both builds served by a plain static server. Ends with one line: `N passed, N failed`.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
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

const builds: [string, Record<string, string>][] = [
  ['production build at / (dist)', { DIST_DIR: 'dist', BASE_PATH: '/' }],
  ['production build at /docs/panics/ (dist-subpath)', { DIST_DIR: 'dist-subpath', BASE_PATH: '/docs/panics/' }],
];
for (const [label, vars] of builds) {
  const b = run(label, node, ['src/cli/build.ts'], { env: { ...env, ...vars } });
  if (b.status !== 0) {
    console.log(`\n${unitPass} passed, ${unitFail + 1} failed`);
    process.exit(1);
  }
}

// After a build, so that Astro has generated the types of its virtual modules (.astro/types.d.ts).
const types = run('type check (tsc --noEmit)', node, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
const typeFail = types.status === 0 ? 0 : 1;

ensureChromium();
const report = 'test-results/e2e-report.json';
const e2e = run('end-to-end tests (Playwright, Chromium)', node, ['node_modules/@playwright/test/cli.js', 'test', '--reporter=list,json'], {
  env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
});
let e2ePass = 0;
let e2eFail = e2e.status === 0 ? 0 : 1;
if (existsSync(report)) {
  const stats = JSON.parse(readFileSync(report, 'utf8')).stats as { expected: number; unexpected: number; flaky: number; skipped: number };
  e2ePass = stats.expected + stats.flaky;
  e2eFail = stats.unexpected + stats.skipped;
}
console.log(`\nunit: ${unitPass} passed, ${unitFail} failed; types: ${typeFail ? 'errors' : 'clean'}; e2e: ${e2ePass} passed, ${e2eFail} failed`);
console.log(`${unitPass + e2ePass} passed, ${unitFail + typeFail + e2eFail} failed`);
process.exit(unit.status === 0 && e2e.status === 0 && unitFail + typeFail + e2eFail === 0 ? 0 : 1);
