// `astro dev` checks the content like the build: a mistake at start stops it with the build's lines; a mistake
// made while it runs is logged and served with the same lines until it is fixed, then the pages come back.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { INVENTORY_FILE } from '../model/inventory.ts';
import { acquireBuildLock } from './build-lock.ts';
import { checkContent } from './content-check.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const astro = join(root, 'node_modules/astro/bin/astro.mjs');
const temp = mkdtempSync(join(tmpdir(), 'astro-dev-'));
after(() => rmSync(temp, { recursive: true, force: true }));

/** A copy of the real content, without the inventory: an invalid panic path would also make it stale. */
function contentCopy(name: string): string {
  const dir = join(temp, name);
  cpSync(join(root, 'content'), dir, { recursive: true, filter: (src) => basename(src) !== INVENTORY_FILE });
  return dir;
}
// No colours: with CI=true Astro colours its output even into a pipe, and `Local  \x1b[36mhttp://…` would not read.
const env = (content: string) => ({
  ...process.env,
  ASTRO_TELEMETRY_DISABLED: '1',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
  CONTENT_DIR: content,
  DIST_DIR: join(content, '..', 'dist'),
});
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
const GLFT = 'panics/glft-kappa-gamma.mdx';
const breakSeverity = (dir: string) =>
  writeFileSync(
    join(dir, GLFT),
    readFileSync(join(dir, GLFT), 'utf8').replace('severity: Debug-only', 'severity: debug'),
  );
const fixSeverity = (dir: string) =>
  writeFileSync(
    join(dir, GLFT),
    readFileSync(join(dir, GLFT), 'utf8').replace('severity: debug', 'severity: Debug-only'),
  );

test('astro dev does not start on invalid content, and says why in the lines of the build', () => {
  const dir = contentCopy('broken-at-start');
  breakSeverity(dir);
  const expected = checkContent(dir, root).errors;
  assert.equal(expected.length, 1);
  const r = spawnSync(process.execPath, [astro, 'dev', '--port', '4531', '--host', '127.0.0.1'], {
    cwd: root,
    env: env(dir),
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(r.status, 1);
  assert.ok(r.stderr.includes(expected[0]!), r.stderr);
  assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
});

// Generous: on a busy 2-core machine Vite's first dependency scan alone can take a minute.
async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 150_000,
  log?: () => string,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}${log ? `; the dev server said:\n${log().slice(-3000)}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('astro dev shows a content mistake with the same lines, in the terminal and the browser, and recovers', async (t) => {
  // `astro dev` keeps its content store and content modules in the project's .astro/, whatever CONTENT_DIR says: one
  // left by a dev server on another content folder would be served stale. Builds share .astro/ too: hold their lock.
  const release = acquireBuildLock(join(root, '.astro'), () => {});
  t.after(release);
  for (const stale of ['data-store.json', 'content-modules.mjs']) rmSync(join(root, '.astro', stale), { force: true });
  const dir = contentCopy('edited-while-running');
  let log = '';
  const child: ChildProcess = spawn(process.execPath, [astro, 'dev', '--port', '4532', '--host', '127.0.0.1'], {
    cwd: root,
    env: env(dir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (b: Buffer) => (log += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (log += b.toString()));
  t.after(() => child.kill());
  const origin = await until(
    'the dev server',
    async () => /Local\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(plain(log))?.[1],
    undefined,
    () => log,
  );
  const page = new URL('panics/glft-kappa-gamma/', origin);
  const get = async () => {
    const res = await fetch(page, { headers: { accept: 'text/html' } });
    return { status: res.status, body: await res.text() };
  };
  // Vite may still be optimizing dependencies when it first answers: wait for the page, as a browser reloads.
  await until(
    'the page',
    async () => ((await get()).status === 200 ? true : undefined),
    undefined,
    () => log,
  );

  breakSeverity(dir);
  const [line] = checkContent(dir, root).errors;
  const broken = await until('the error page', async () => {
    const r = await get();
    return r.status === 500 ? r : undefined;
  });
  const unescape = (s: string) => s.replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)));
  assert.ok(unescape(broken.body).includes(line!), broken.body);
  assert.ok(broken.body.includes('@vite/client'), 'the error page reloads itself once the content is fixed');
  await until('the terminal to show the error', async () => (plain(log).includes(line!) ? true : undefined));

  fixSeverity(dir);
  const fixed = await until('the page to come back', async () => {
    const r = await get();
    return r.status === 200 ? r : undefined;
  });
  assert.match(fixed.body, /Debug-only/);
});
