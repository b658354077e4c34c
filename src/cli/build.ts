/** `npm run build`: check the content, build the site with Astro, then index it with Pagefind. */
import { spawnSync } from 'node:child_process';
import { acquireBuildLock } from './build-lock.ts';
import { checkContent } from './check-content.ts';
import { distDir } from './paths.ts';

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!checkContent()) process.exit(1);
const dist = distDir();
acquireBuildLock();
run(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build']);
run(process.execPath, ['src/cli/index-search.ts', dist]);
