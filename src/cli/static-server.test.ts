// The static server as a user meets it: `serve.ts` started on a free loopback port over a small build, asked what
// broke the previous server (each request below killed it, redirected off-site or leaked a file).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { securityHeaders } from '../security/csp.ts';
import { writeHostingFiles } from '../security/hosting-files.ts';
import { hashSource } from '../security/page-policy.ts';
import { acceptsGzip, parseTarget } from './static-server.ts';
import { ask } from '../test-support/raw-request.ts';

/** A build in miniature, with the traps: an unreadable file, symlinks out of it, a large text file. */
function makeSite(): { top: string; dist: string; bigJs: string } {
  const top = mkdtempSync(join(tmpdir(), 'static-server-'));
  chmodSync(top, 0o755);
  const dist = join(top, 'dist');
  const outside = join(top, 'outside');
  for (const d of [dist, join(dist, 'panics'), join(dist, 'search'), join(dist, '_astro'), outside])
    mkdirSync(d, { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>home</title>');
  writeFileSync(join(dist, '404.html'), '<!doctype html><title>not found page</title>');
  writeFileSync(join(dist, 'panics', 'index.html'), '<!doctype html><title>panics</title>');
  // A page with an inline script, allowed by its hash in the page's policy: the header allows it too.
  const script = "document.title = 'searched';";
  writeFileSync(
    join(dist, 'search', 'index.html'),
    `<!doctype html><title>search</title><script type="module">${script}</script>` +
      `<meta http-equiv="content-security-policy" content="script-src 'self' ${hashSource(script)}">`,
  );
  const bigJs = `// ${'const x = "some text";\n'.repeat(200_000)}`;
  writeFileSync(join(dist, '_astro', 'big.js'), bigJs);
  writeFileSync(join(outside, 'secret.txt'), 'outside the build');
  symlinkSync(join(outside, 'secret.txt'), join(dist, 'leak.txt'));
  symlinkSync(outside, join(dist, 'leak-dir'));
  writeHostingFiles(dist, '/', [hashSource(script)]);
  // After precompression: a large text file that has no .gz, which the server must not compress itself.
  writeFileSync(join(dist, '_astro', 'late.js'), bigJs);
  writeFileSync(join(dist, 'unreadable.html'), 'secret');
  chmodSync(join(dist, 'unreadable.html'), 0o000);
  return { top, dist, bigJs };
}

/**
 * Starts `serve.ts` on a free port. Run as root, it gives up root once listening and serves as `nobody`, for whom a
 * mode-000 file is really unreadable (root reads anything); its modules are loaded before, so the checkout need not
 * be readable by `nobody`.
 */
const LAUNCH = `
await import(process.argv[1]);
if (process.getuid() === 0) { process.setgid(65534); process.setuid(65534); }
console.log('ready');
`;

async function startServer(dist: string, base: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', LAUNCH, new URL('./serve.ts', import.meta.url).pathname, dist],
    {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', BASE_PATH: base },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\/[^\n]*\nready\n/.exec(out);
      if (m) ok(Number(m[1]));
    });
    child.once('exit', (code) => fail(new Error(`serve.ts exited with ${code} before listening: ${out}`)));
  });
  return { child, port };
}

const HOSTILE_PATHS = [
  '/x%0a/..%2fpanics',
  '/%2fevil.example/..%2fpanics',
  '//evil.example/panics',
  '/\\evil.example/panics',
  '/%5cevil.example/..%2fpanics',
  '/panics%00/',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/..%2f..%2fetc/passwd',
  '/%E0%A4%A',
  '/a%0d%0aSet-Cookie:%20x=1/',
];

describe('static server (serve.ts on a free port)', () => {
  const site = makeSite();
  let root: { child: ChildProcess; port: number };
  let sub: { child: ChildProcess; port: number };
  const exits: string[] = [];

  before(async () => {
    root = await startServer(site.dist, '/');
    sub = await startServer(site.dist, '/docs/panics/');
    for (const [name, s] of [
      ['root', root],
      ['subpath', sub],
    ] as const)
      s.child.once('exit', (code, sig) => exits.push(`${name} exited: ${code ?? sig}`));
  });
  after(() => {
    root.child.kill();
    sub.child.kill();
    rmSync(site.top, { recursive: true, force: true });
  });

  /** The server is still up and serving after whatever came before. */
  async function stillServes(port: number, path = '/'): Promise<void> {
    const r = await ask(port, path);
    assert.equal(r.status, 200, `the server no longer answers ${path}`);
    assert.deepEqual(exits, []);
  }

  test('a path with a newline (decoded into a redirect) gets 400 and the server keeps serving', async () => {
    const r = await ask(root.port, '/x%0a/..%2fpanics');
    assert.equal(r.status, 400);
    assert.equal(r.headers.location, undefined);
    await stillServes(root.port);
  });

  test('no hostile path redirects off the site, kills the server or serves a file outside the build', async () => {
    for (const port of [root.port, sub.port]) {
      for (const path of HOSTILE_PATHS) {
        const r = await ask(port, port === sub.port ? `/docs/panics${path}` : path);
        const location = r.headers.location;
        if (location !== undefined) assert.match(String(location), /^\/(?![/\\])/, `${path} redirects to ${location}`);
        assert.ok([400, 404].includes(r.status), `${path}: ${r.status}`);
        assert.ok(!r.body.toString().includes('outside the build') && !r.body.toString().includes('root:'), path);
      }
      await stillServes(port, port === sub.port ? '/docs/panics/' : '/');
    }
  });

  test('/%2fevil.example/..%2fpanics is no open redirect', async () => {
    const r = await ask(root.port, '/%2fevil.example/..%2fpanics');
    assert.equal(r.status, 400);
    assert.equal(r.headers.location, undefined);
  });

  test('a folder without its slash redirects under the base, keeping the query', async () => {
    const r = await ask(sub.port, '/docs/panics/search?q=a%20b');
    assert.equal(r.status, 301);
    assert.equal(r.headers.location, '/docs/panics/search/?q=a%20b');
    const toBase = await ask(sub.port, '/docs/panics');
    assert.equal(toBase.headers.location, '/docs/panics/');
    assert.ok(
      (await ask(sub.port, '/docs/panics/search/')).body.toString().startsWith('<!doctype html><title>search</title>'),
    );
  });

  test('an unreadable file of the build gets 403 and the server keeps serving', async () => {
    const r = await ask(root.port, '/unreadable.html');
    assert.equal(r.status, 403);
    assert.ok(!r.body.toString().includes('secret'));
    await stillServes(root.port);
  });

  test('symlinks out of the build are not followed', async () => {
    for (const path of ['/leak.txt', '/leak-dir/secret.txt', '/leak-dir/']) {
      const r = await ask(root.port, path);
      assert.equal(r.status, 404, path);
      assert.match(r.body.toString(), /not found page/, path);
    }
  });

  test('methods other than GET and HEAD get 405 with Allow', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'TRACE', 'OPTIONS', 'PATCH']) {
      const r = await ask(root.port, '/', { method });
      assert.equal(r.status, 405, method);
      assert.equal(r.headers.allow, 'GET, HEAD', method);
    }
    const head = await ask(root.port, '/panics/', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    assert.equal(Number(head.headers['content-length']), '<!doctype html><title>panics</title>'.length);
    await stillServes(root.port);
  });

  test('text is sent as the .gz the build wrote; nothing is compressed on request', async () => {
    const gz = await ask(root.port, '/_astro/big.js', { headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gz.headers.vary, 'Accept-Encoding');
    assert.deepEqual(gz.body, readFileSync(join(site.dist, '_astro', 'big.js.gz')));
    assert.equal(gunzipSync(gz.body).toString(), site.bigJs);
    const plain = await ask(root.port, '/_astro/big.js', { headers: { 'accept-encoding': 'gzip;q=0' } });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.toString(), site.bigJs);
    // No .gz beside it: sent as it is, even to a client that takes gzip.
    const late = await ask(root.port, '/_astro/late.js', { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(late.headers['content-encoding'], undefined);
    assert.equal(late.body.toString(), site.bigJs);
  });

  test('the 404 page is served with 404; the hosting files are not served', async () => {
    for (const path of ['/no-such-page/', '/_headers', '/nginx.conf.snippet', '/elsewhere/']) {
      const r = await ask(root.port, path);
      assert.equal(r.status, 404, path);
      assert.match(r.body.toString(), /not found page/, path);
    }
    assert.match((await ask(sub.port, '/elsewhere/')).body.toString(), /not found page/);
  });

  test('clients that leave before their file is sent leave no file of the build open', async () => {
    const fds = `/proc/${root.child.pid}/fd`;
    const filesOpen = () =>
      readdirSync(fds).filter((fd) => {
        try {
          return readlinkSync(join(fds, fd)).startsWith(site.dist);
        } catch {
          return false; // closed between the listing and the look
        }
      }).length;
    // A browser cancelling its preloads: the request sent, the connection dropped before any answer.
    for (let i = 0; i < 100; i++) {
      await new Promise<void>((done) => {
        const req = request({ host: '127.0.0.1', port: root.port, path: i % 2 ? '/' : '/_astro/big.js' });
        req.on('error', () => done());
        req.end();
        setImmediate(() => {
          req.destroy();
          done();
        });
      });
    }
    await stillServes(root.port);
    let open = filesOpen();
    for (let waited = 0; open > 0 && waited < 50; waited++) {
      await new Promise((r) => setTimeout(r, 100));
      open = filesOpen();
    }
    assert.equal(open, 0, 'files of the build still open after their clients left');
  });

  test('every response carries the security headers of src/security/csp.ts', async () => {
    const expected = Object.fromEntries(
      Object.entries(securityHeaders([hashSource("document.title = 'searched';")])).map(([k, v]) => [
        k.toLowerCase(),
        v,
      ]),
    );
    const cases: [string, string][] = [
      ['GET', '/'],
      ['GET', '/panics'],
      ['GET', '/no-such/'],
      ['POST', '/'],
      ['GET', '/x%0a/'],
      ['GET', '/unreadable.html'],
    ];
    for (const [method, path] of cases) {
      const r = await ask(root.port, path, { method });
      for (const [k, v] of Object.entries(expected)) assert.equal(r.headers[k], v, `${method} ${path}: ${k}`);
    }
  });
});

describe('parseTarget', () => {
  test('takes a path apart under the base, decoded segment by segment', () => {
    assert.deepEqual(parseTarget('/docs/panics/panics/a%20b/?q=1', '/docs/panics/'), {
      kind: 'file',
      segments: ['panics', 'a b'],
      trailingSlash: true,
      encodedPath: '/docs/panics/panics/a%20b/',
      search: '?q=1',
    });
    assert.deepEqual(parseTarget('/docs/panics', '/docs/panics/'), { kind: 'redirect-to-base' });
    assert.deepEqual(parseTarget('/other/', '/docs/panics/'), { kind: 'outside-base' });
    assert.equal(parseTarget('http://evil.example/', '/').kind, 'bad-request');
    assert.equal(parseTarget('*', '/').kind, 'bad-request');
  });

  test('runs in linear time on adversarial paths', () => {
    // The best of five runs, in this process's CPU time: other work on a busy machine does not count.
    const time = (n: number) => {
      const path = `/${'%2e%2e%2f'.repeat(n)}${'a/'.repeat(n)}`;
      let best = Infinity;
      for (let run = 0; run < 5; run++) {
        const t = process.cpuUsage();
        for (let i = 0; i < 10; i++) parseTarget(path, '/');
        const used = process.cpuUsage(t);
        best = Math.min(best, (used.user + used.system) / 1000);
      }
      return best;
    };
    time(2_000);
    // A pause of the garbage collector can spoil one measurement, never three in a row; a quadratic parser fails all.
    let report = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      const small = Math.max(time(20_000), 1);
      const large = time(40_000);
      if (large < small * 4) return;
      report += ` ${small.toFixed(1)} → ${large.toFixed(1)} ms;`;
    }
    assert.fail(`doubling the input took more than four times as long:${report}`);
  });
});

describe('acceptsGzip', () => {
  test('reads Accept-Encoding with its q-values', () => {
    assert.equal(acceptsGzip('gzip, deflate, br'), true);
    assert.equal(acceptsGzip('br;q=1, gzip;q=0.5'), true);
    assert.equal(acceptsGzip('gzip;q=0'), false);
    assert.equal(acceptsGzip('*'), true);
    assert.equal(acceptsGzip('identity'), false);
    assert.equal(acceptsGzip(undefined), false);
  });
});
