/**
 * `astro build` (content check, site, Pagefind index: see src/integration/) for scripts that spawn a build, such as
 * the benchmark and the tests, with the project's Astro whatever is on PATH, and without telemetry.
 */
import { spawnSync } from 'node:child_process';

const astro = new URL('../../node_modules/astro/bin/astro.mjs', import.meta.url).pathname;
const r = spawnSync(process.execPath, [astro, 'build', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
});
process.exitCode = r.status ?? 1;
