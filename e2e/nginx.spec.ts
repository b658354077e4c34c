// The sub-path build as a team deploys it: Debian's nginx on loopback, the build under /docs/panics/ with nothing
// but the snippet the build ships (`nginx.conf.snippet`) in its location block. Every page and a search run with
// zero CSP violations, and every response carries the headers of src/security/csp.ts.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { headerPolicy, securityHeaders } from '../src/security/csp.ts';
import { builtScriptHashes } from '../src/security/page-policy.ts';
import { nginxPath } from '../src/cli/prerequisites.ts';
import { NGINX_SNIPPET } from '../src/security/hosting-files.ts';
import { baseOf, builtPages, distOf, visitPath } from './built-site.ts';
import { watch } from './csp-watch.ts';
import { ask } from '../src/test-support/raw-request.ts';

const NGINX = nginxPath();

/** The server block a deployment would have: the location of the base, aliasing the build, including the snippet. */
function nginxConf(prefix: string, dist: string, base: string, port: number): string {
  // Started by root (CI), nginx would run its workers as `nobody`, who may not be able to read a checkout under
  // /root: they run as the user of the tests, as they do when the tests are not run by root.
  const user = process.getuid?.() === 0 ? 'user root root;\n' : '';
  return `# e2e: nginx on loopback, in its own prefix (${prefix}); stopped by the spec.
${user}worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
    location ${base} {
      alias ${dist}/;
      include ${dist}/${NGINX_SNIPPET};
    }
  }
}
`;
}

let nginx: ChildProcess | undefined;
let prefix = '';
let port = 0;
let log = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({}, info) => {
  expect(existsSync(NGINX), `${NGINX} is missing: apt-get install nginx (.ci/run does)`).toBe(true);
  const dist = resolve(distOf(info));
  expect(statSync(join(dist, NGINX_SNIPPET)).isFile(), `${dist} has no ${NGINX_SNIPPET}: build it first`).toBe(true);
  port = Number(new URL(info.project.use.baseURL!).port);
  prefix = mkdtempSync(join(tmpdir(), 'nginx-e2e-'));
  writeFileSync(join(prefix, 'nginx.conf'), nginxConf(prefix, dist, baseOf(info), port));
  nginx = spawn(
    NGINX,
    ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log'), '-g', 'daemon off;'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // A worker that ends without afterAll (Ctrl+C, a timeout) takes its nginx along.
  const child = nginx;
  process.once('exit', () => child.kill('SIGTERM'));
  nginx.stdout!.on('data', (c: Buffer) => (log += c));
  nginx.stderr!.on('data', (c: Buffer) => (log += c));
  const exited = new Promise<never>((_, fail) =>
    nginx!.once('exit', (code) => fail(new Error(`nginx exited with ${code}: ${log}`))),
  );
  exited.catch(() => undefined); // once it is up, its exit is afterAll's doing
  const up = (async () => {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await ask(port, baseOf(info))).status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`nginx did not answer on port ${port}: ${log}`);
  })();
  await Promise.race([up, exited]);
});

test.afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    const gone = new Promise((r) => nginx!.once('exit', r));
    nginx.kill('SIGTERM');
    await gone;
  }
  if (prefix) rmSync(prefix, { recursive: true, force: true });
});

test('nginx sends the security headers on pages, files, redirects and the 404 page', async ({}, info) => {
  const base = baseOf(info);
  const expected = Object.entries(securityHeaders(builtScriptHashes(distOf(info)))).map(
    ([k, v]) => [k.toLowerCase(), v] as const,
  );
  const cases: [string, number][] = [
    [base, 200],
    [`${base}panics/glft-kappa-gamma/`, 200],
    [`${base}panics.json`, 200],
    [`${base}favicon.svg`, 200],
    [`${base}pagefind/pagefind.js`, 200],
    [`${base}search`, 301],
    [`${base}no-such-page/`, 404],
  ];
  for (const [path, status] of cases) {
    const r = await ask(port, path);
    expect(r.status, path).toBe(status);
    for (const [k, v] of expected) expect(r.headers[k], `${path}: ${k}`).toBe(v);
  }
  // The redirect stays on the site and names no host; the 404 is the site's own page.
  expect((await ask(port, `${base}search`)).headers.location).toBe(`${base}search/`);
  expect((await ask(port, `${base}no-such-page/`)).body.toString()).toContain('data-search-box');
});

test('nginx sends the .gz files the build wrote, and hides the hosting files', async ({}, info) => {
  const base = baseOf(info);
  const dist = distOf(info);
  const r = await ask(port, `${base}panics/kill-switch-mutex-poisoning/`, { headers: { 'accept-encoding': 'gzip' } });
  expect(r.headers['content-encoding']).toBe('gzip');
  expect(r.body.equals(readFileSync(join(dist, 'panics/kill-switch-mutex-poisoning/index.html.gz')))).toBe(true);
  for (const file of ['_headers', NGINX_SNIPPET]) {
    expect(existsSync(join(dist, file)), file).toBe(true);
    expect((await ask(port, `${base}${file}`)).status, file).toBe(404);
  }
  expect((await ask(port, base, { method: 'POST' })).status).toBe(405);
});

test('every page opens under nginx with no CSP violation, error or request elsewhere', async ({
  page,
  baseURL,
}, info) => {
  const problems = await watch(page, new URL(baseURL!).origin);
  const pages = builtPages(distOf(info)).map(visitPath);
  expect(pages.length).toBeGreaterThanOrEqual(11);
  const policy = headerPolicy(builtScriptHashes(distOf(info)));
  for (const path of pages) {
    const res = await page.goto(path, { waitUntil: 'load' });
    expect(res?.status(), path).toBe(path === visitPath('404.html') ? 404 : 200);
    expect(res?.headers()['content-security-policy'], path).toBe(policy);
    if (await page.locator('main pre.astro-code').count())
      await expect(page.locator('main button.copy').first(), path).toBeVisible();
  }
  expect(problems).toEqual([]);
});

test('a pasted panic is searched under nginx: triage card, Pagefind and its WebAssembly, no violation', async ({
  page,
  baseURL,
}) => {
  const problems = await watch(page, new URL(baseURL!).origin);
  const pagefind: string[] = [];
  page.on('requestfinished', (r) => {
    if (/\/pagefind\//.test(r.url())) pagefind.push(r.url());
  });
  const paste = readFileSync(new URL('../src/fixtures/panics/kappa-zero.debug.bt1.txt', import.meta.url), 'utf8');
  for (const q of [paste, 'poisoned mutex']) {
    await page.goto(`search/?q=${encodeURIComponent(q)}`);
    await page.waitForSelector('[data-pagefind-state="done"]', { state: 'attached' });
    await expect(page.locator('a[data-search-result]').first()).toBeVisible();
    await expect(page.locator('main')).not.toContainText('Full-text search could not load');
  }
  // Pagefind's excerpts, rebuilt without an HTML parser under Trusted Types, keep their highlighted words.
  await expect(page.locator('.excerpt mark').first()).toBeVisible();
  expect(
    pagefind.some((u) => /\/pagefind\/wasm\.[^/]+\.pagefind$/.test(u)),
    pagefind.join('\n'),
  ).toBe(true);
  expect(problems).toEqual([]);
});
