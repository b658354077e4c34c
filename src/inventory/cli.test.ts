// `npm run inventory` end to end, in child processes so that exit codes and streams are real.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { inventoryRecordSchema } from '../model/inventory.ts';
import { formatError, loadContent } from '../model/load-content.ts';
import { copyContent, ROOT, snapshot } from '../test-support/fixture-tree.ts';
import { tempDir } from '../test-support/temp-dir.ts';
import { inventoryOf } from './inventory.ts';
import { inventoryRecord, serializeRecord } from './record.ts';

const CRATE = join(ROOT, 'src/fixtures/mm-crate');

function run(args: string[], nodeArgs: string[] = []) {
  const { CONTENT_DIR: _, ...env } = process.env;
  const r = spawnSync(process.execPath, [...nodeArgs, 'src/cli/inventory.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...env, NO_COLOR: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function crate(files: Record<string, string>): string {
  const dir = tempDir('inventory-crate');
  writeFileSync(join(dir, 'Cargo.toml'), '[package]\nname = "market_maker"\nversion = "0.1.0"\n');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

test('bad input exits 2 with one line on stderr and changes nothing', () => {
  const content = copyContent();
  const before = snapshot(content);
  const notUtf8 = crate({ 'src/lib.rs': 'fn a() {}' });
  writeFileSync(join(notUtf8, 'src/bad.rs'), Buffer.from([0x66, 0x6e, 0xff, 0xfe]));
  for (const args of [
    [],
    ['--repo', '/nonexistent/mm'],
    ['--repo', join(ROOT, 'package.json')],
    ['--repo', ROOT, '--bogus'],
    ['--repo', tempDir('no-cargo')],
    ['--repo', notUtf8, '--record', '--content', content],
  ]) {
    const r = run(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^inventory: error: /);
  }
  assert.deepEqual(snapshot(content), before);
});

test('an internal error exits 70, not 1 (which means undocumented sites) nor 2 (bad input)', () => {
  // The parser's WebAssembly fails to load: a fault of the inventory's own machinery, whatever the crate holds.
  const fault = 'data:text/javascript,WebAssembly.instantiate=()=>Promise.reject(new Error("simulated fault"));';
  const r = run(['--repo', CRATE, '--json'], ['--import', fault]);
  assert.equal(r.status, 70, r.stderr);
  assert.match(r.stderr, /^inventory: internal error: .*simulated fault/m);
  assert.equal(r.stdout, '');
});

test('the fixture crate: exit 1 (undocumented sites fire in release), --json gives the documented shape', () => {
  const r = run(['--repo', CRATE, '--json']);
  assert.equal(r.status, 1, r.stderr);
  const out = JSON.parse(r.stdout) as { commit: unknown; sites: Record<string, unknown>[] };
  assert.equal(out.commit, null, 'a folder inside another repository has no commit of its own');
  assert.ok(out.sites.length > 100);
  // `alternative`, `decided`, `via` and `guards` only where they say something (README: --json).
  const optional = new Set(['alternative', 'decided', 'via', 'guards']);
  for (const s of out.sites) {
    assert.deepEqual(
      Object.keys(s).filter((k) => !optional.has(k)),
      ['file', 'line', 'column', 'kind', 'fn', 'message', 'release', 'testOnly', 'status'],
    );
  }
  assert.ok(
    out.sites.some((s) => typeof s.decided === 'string'),
    'an unwrap says how Option or Result was decided',
  );
  assert.ok(out.sites.some((s) => s.status === 'documented') && out.sites.some((s) => s.status === 'undocumented'));
  const table = run(['--repo', CRATE]);
  assert.equal(table.status, 1);
  assert.match(table.stdout, /^undocumented\s+handlers\.rs:318:47\s+unwrap\s+release\s+EventLoop::handle_trade/m);
  assert.match(table.stdout, /\d+ panic sites: \d+ documented, \d+ guarded, \d+ undocumented/);
});

test('exit 0 when every site outside test code is documented', () => {
  const handlers = `${'// filler\n'.repeat(241)}let pending = self.infra.pending_fill_outcomes.pop_front().unwrap();\n#[test]\nfn t() { assert!(true); }\n`;
  const r = run(['--repo', crate({ 'src/market_maker/orchestrator/handlers.rs': handlers })]);
  assert.equal(r.status, 0, r.stdout);
  assert.match(r.stdout, /1 panic sites: 1 documented, 0 guarded, 0 undocumented .* 1 more in test-only code/);
});

test('--record writes one stable file the build accepts; a hand edit or a stale commit is a named build error, a content change is not', () => {
  const content = copyContent();
  assert.equal(run(['--repo', CRATE, '--record', '--content', content]).status, 1);
  const first = readFileSync(join(content, 'inventory.json'), 'utf8');
  run(['--repo', CRATE, '--record', '--content', content]);
  assert.equal(
    readFileSync(join(content, 'inventory.json'), 'utf8'),
    first,
    'the same checkout records the same bytes',
  );
  assert.deepEqual(loadContent(content).errors.map(formatError), []);

  writeFileSync(join(content, 'inventory.json'), first.replace('"line":318,', '"line":319,'));
  assert.deepEqual(
    loadContent(content).errors.map((e) => e.field),
    ['digest'],
  );
  assert.match(
    formatError(loadContent(content).errors[0]!),
    /inventory\.json: error: `digest` .*edited by hand.*npm run inventory -- --repo PATH --record/,
  );

  // The file holds facts of the source: editing the content (a new panic path, a moved line) reclassifies the sites
  // on the site and in the search, and never makes the file stale.
  writeFileSync(join(content, 'inventory.json'), first);
  const mdx = join(content, 'panics/pending-fill-queue.mdx');
  writeFileSync(mdx, readFileSync(mdx, 'utf8').replace('line: 242', 'line: 243'));
  assert.deepEqual(
    loadContent(content)
      .errors.filter((e) => e.file.endsWith('inventory.json'))
      .map(formatError),
    [],
  );

  // Read at one commit while the content's locations were checked against another: two versions of the code.
  const sha = (c: string) => c.repeat(40);
  writeFileSync(
    join(content, 'inventory.json'),
    serializeRecord(inventoryRecord(inventoryRecordSchema.parse(JSON.parse(first)).sites, sha('a'))),
  );
  writeFileSync(
    join(content, 'source-check.json'),
    JSON.stringify({ commit: sha('b'), checkedAt: '2026-11-24T11:45:18.069Z', ok: true, results: {} }),
  );
  const stale = loadContent(content).errors.filter((e) => e.file.endsWith('inventory.json'));
  assert.deepEqual(
    stale.map((e) => e.field),
    ['commit'],
  );
  assert.match(
    formatError(stale[0]!),
    /inventory\.json: error: `commit` is stale: the sites were read at aaaaaaaaaaaa, but the content's locations were last checked against bbbbbbbbbbbb/,
  );
});

test('content/inventory.json is the recorded inventory of the fixture crate', async () => {
  const { model } = loadContent(join(ROOT, 'content'), ROOT);
  const inv = await inventoryOf(CRATE, model);
  if ('error' in inv) throw new Error(inv.error);
  assert.equal(
    readFileSync(join(ROOT, 'content/inventory.json'), 'utf8'),
    serializeRecord(inventoryRecord(inv.sites, null)),
  );
});

test("the commit is the checkout's HEAD when PATH is the root of a git repository", () => {
  const dir = crate({ 'src/lib.rs': 'pub fn a(o: Option<u8>) -> u8 { o.unwrap() }\n' });
  const git = (...args: string[]) =>
    spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'x');
  const head = git('rev-parse', 'HEAD').stdout.trim();
  const r = run(['--repo', dir, '--json']);
  assert.equal(r.status, 1);
  assert.equal((JSON.parse(r.stdout) as { commit: string }).commit, head);
});
