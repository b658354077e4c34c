// `npm test` on a machine without Chromium or nginx: it installs them as root, else names the command and stops.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SYSTEM_CHROMIUM } from './chromium.ts';
import { type Machine, missingTools, nginxPath, plan } from './prerequisites.ts';

const machine = (files: string[], isRoot: boolean, env: NodeJS.ProcessEnv = {}): Machine => ({
  env,
  isRoot,
  exists: (p) => files.includes(p),
});
const NGINX = nginxPath({});

test('with Chromium and nginx there is nothing to do', () => {
  assert.deepEqual(plan(machine([SYSTEM_CHROMIUM, NGINX], false)), { kind: 'ready' });
});

test('without nginx (a fresh machine), a user who is not root gets the exact command, naming what is missing', () => {
  const p = plan(machine([SYSTEM_CHROMIUM, '/usr/bin/apt-get'], false));
  assert.equal(p.kind, 'stop');
  assert.ok(p.kind === 'stop');
  assert.match(p.message, /needs nginx \(\/usr\/sbin\/nginx\)/);
  assert.match(
    p.message,
    /^ {2}sudo apt-get update && sudo apt-get install -y --no-install-recommends nginx {6}\(Debian\/Ubuntu\)$/m,
  );
  assert.doesNotMatch(p.message, /playwright install/);
});

test("without both, one command installs both; Playwright's download is offered for Chromium", () => {
  const p = plan(machine([], false));
  assert.ok(p.kind === 'stop');
  assert.match(p.message, /install -y --no-install-recommends chromium nginx/);
  assert.match(p.message, /npx playwright install chromium/);
});

test('root with apt-get installs what is missing, and only that', () => {
  assert.deepEqual(plan(machine([SYSTEM_CHROMIUM, '/usr/bin/apt-get'], true)), {
    kind: 'install',
    packages: ['nginx'],
  });
  assert.deepEqual(plan(machine(['/usr/bin/apt-get'], true)), { kind: 'install', packages: ['chromium', 'nginx'] });
  assert.equal(plan(machine([SYSTEM_CHROMIUM], true)).kind, 'stop', 'root without apt-get');
});

test("NGINX moves nginx; Playwright's own browsers stand for Chromium", () => {
  const env = { NGINX: '/opt/nginx/sbin/nginx', PLAYWRIGHT_BROWSERS_PATH: '/opt/pw' };
  assert.deepEqual(missingTools(machine(['/opt/nginx/sbin/nginx'], false, env)), []);
  assert.deepEqual(
    missingTools(machine([NGINX], false, env)).map((t) => t.path),
    ['/opt/nginx/sbin/nginx'],
  );
});

test('npm test on a machine without nginx, not as root: the command on stderr, exit 1, nothing run', () => {
  // As root the runner would install nginx; run as `nobody` there, as a user who is not root.
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const r = spawnSync(process.execPath, [fileURLToPath(new URL('../test-support/run-tests.ts', import.meta.url))], {
    ...asUser,
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    env: { ...process.env, NGINX: '/nonexistent/sbin/nginx' },
    encoding: 'utf8',
  });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stdout, '', 'no step started');
  assert.match(r.stderr, /needs nginx \(\/nonexistent\/sbin\/nginx\)[^\n]*nothing was run/);
  assert.match(r.stderr, /sudo apt-get install -y --no-install-recommends nginx/);
});
