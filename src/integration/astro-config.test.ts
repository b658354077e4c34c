// astro.config.ts validates BASE_PATH and SITE_URL (src/model/site-config.ts) before Astro uses them: a bad one
// stops every Astro command with a line like a content error's, and nothing is written.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'astro-config-'));
after(() => rmSync(temp, { recursive: true, force: true }));

for (const [name, value, line] of [
  ['BASE_PATH', '//evil.example/', /^environment: error: `BASE_PATH` must not hold "\/\/"/m],
  ['SITE_URL', 'javascript:alert(1)', /^environment: error: `SITE_URL` must start with http:\/\/ or https:\/\//m],
] as const) {
  test(`astro build refuses ${name}=${value} with an error line and no stack trace`, () => {
    const dist = join(temp, name);
    const r = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: root,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', DIST_DIR: dist, [name]: value },
      encoding: 'utf8',
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, line);
    assert.match(r.stderr, /1 problem in BASE_PATH or SITE_URL; nothing was built\./);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
    assert.equal(existsSync(dist), false);
  });
}
