/**
 * `check-sources --record` → the site build → the panic page: the record reaches the page that an engineer reads,
 * through the real CLI and the real build (content and output in temp folders).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadContent } from '../model/load-content.ts';
import { copyContent, ROOT, runCli, SPREAD_ORACLE, syncedTree, writeTree } from '../test-support/fixture-tree.ts';
import { tempDir } from '../test-support/temp-dir.ts';

const git = (cwd: string, ...args: string[]) => {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
};

function build(content: string): string {
  const dist = join(tempDir('dist-checked'), 'dist');
  const r = spawnSync(process.execPath, ['src/cli/build.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CONTENT_DIR: content, DIST_DIR: dist, BASE_PATH: '/', ASTRO_TELEMETRY_DISABLED: '1' },
  });
  assert.equal(r.status, 0, r.stderr || r.stdout);
  return dist;
}
const pageText = (dist: string, id: string) =>
  readFileSync(join(dist, 'panics', id, 'index.html'), 'utf8').replace(/<[^>]+>/g, '');

test('a recorded check shows its commit and day on each panic page, and a stale entry says so', () => {
  const content = copyContent();
  const tree = syncedTree(loadContent(content).model);
  // spread_oracle's `kappa > 0.0` moves down a line: glft-kappa-gamma no longer holds, the others still do.
  tree.set(SPREAD_ORACLE, ['// inserted', ...tree.get(SPREAD_ORACLE)!]);
  const repo = writeTree(tempDir('mm-recorded'), tree);
  git(repo, 'init', '-q');
  git(repo, 'add', '.');
  git(repo, 'commit', '-qm', 'fixture');
  const head = git(repo, 'rev-parse', 'HEAD');

  const run = runCli(['--repo', repo, '--content', content, '--record']);
  assert.equal(run.status, 1, 'some locations moved, so the check fails but still records');
  const dist = build(content);
  const today = new Date().toISOString().slice(0, 10);

  assert.match(
    pageText(dist, 'pending-fill-queue'),
    new RegExp(`Last checked against commit ${head.slice(0, 7)} on ${today}: all 1 held\\.`),
  );
  assert.match(
    pageText(dist, 'glft-kappa-gamma'),
    new RegExp(`Last checked against commit ${head.slice(0, 7)} on ${today}: \\d+ of \\d+ did not hold`),
  );
});

test('without a record, each panic page says its locations were not checked yet', () => {
  const content = copyContent();
  rmSync(join(content, 'source-check.json'), { force: true });
  const dist = build(content);
  assert.match(pageText(dist, 'config-validation'), /have not been checked against a checkout of the market maker yet/);
});
