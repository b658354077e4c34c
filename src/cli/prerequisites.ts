/**
 * What `npm test` needs besides node_modules: Chromium for the e2e tests and nginx for e2e/nginx.spec.ts (the
 * sub-path build behind the snippet the build ships). Both are Debian packages. `npm test` checks them before it
 * runs anything: as root with apt-get it installs the missing ones, otherwise it prints the command and stops.
 */
import { existsSync } from 'node:fs';
import { SYSTEM_CHROMIUM } from './chromium.ts';

/** Where the e2e suite finds nginx (`NGINX` moves it). */
export const nginxPath = (env: NodeJS.ProcessEnv = process.env): string => env.NGINX ?? '/usr/sbin/nginx';

export interface Tool {
  name: string;
  path: string;
  debianPackage: string;
}

export interface Machine {
  env: NodeJS.ProcessEnv;
  exists: (path: string) => boolean;
  isRoot: boolean;
}

export const thisMachine = (): Machine => ({ env: process.env, exists: existsSync, isRoot: process.getuid?.() === 0 });

/** The tools this machine lacks. Playwright's own browser download (PLAYWRIGHT_BROWSERS_PATH) stands for Chromium. */
export function missingTools({ env, exists }: Machine): Tool[] {
  const tools: (Tool & { present: boolean })[] = [
    {
      name: 'Chromium',
      path: SYSTEM_CHROMIUM,
      debianPackage: 'chromium',
      present: exists(SYSTEM_CHROMIUM) || !!env.PLAYWRIGHT_BROWSERS_PATH,
    },
    { name: 'nginx', path: nginxPath(env), debianPackage: 'nginx', present: exists(nginxPath(env)) },
  ];
  return tools.filter((t) => !t.present).map(({ present: _, ...t }) => t);
}

export type Plan = { kind: 'ready' } | { kind: 'install'; packages: string[] } | { kind: 'stop'; message: string };

/** The exact command that installs the tools, for a user who is not root. */
export const installCommand = (missing: Tool[]): string =>
  `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.map((t) => t.debianPackage).join(' ')}`;

export function stopMessage(missing: Tool[]): string {
  const found = missing.map((t) => `${t.name} (${t.path})`).join(' and ');
  return [
    `npm test needs ${found} for the end-to-end tests and found none; nothing was run. Run:`,
    `  ${installCommand(missing)}      (Debian/Ubuntu)`,
    ...(missing.some((t) => t.debianPackage === 'chromium')
      ? ['  npx playwright install chromium      (Chromium elsewhere, with internet access)']
      : []),
    'then npm test again.',
  ].join('\n');
}

/** What to do before running anything: nothing, install with apt-get (root with apt-get), or stop with the command. */
export function plan(machine: Machine): Plan {
  const missing = missingTools(machine);
  if (missing.length === 0) return { kind: 'ready' };
  if (machine.isRoot && machine.exists('/usr/bin/apt-get'))
    return { kind: 'install', packages: missing.map((t) => t.debianPackage) };
  return { kind: 'stop', message: stopMessage(missing) };
}
