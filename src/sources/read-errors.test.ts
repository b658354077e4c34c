// A source tree the check cannot read as it should gets one clear line and exit 2, never a stack trace or a silent
// `missing-file`: an unreadable file, a folder without read permission, lone-CR line endings, a file over the limit.
// Permissions do not stop root: when the tests run as root, the CLI runs as `nobody` for the permission cases.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { loadContent } from '../model/load-content.ts';
import { copyContent, ROOT, snapshot, SPREAD_ORACLE, syncedTree, writeTree } from '../test-support/fixture-tree.ts';
import { tempDir } from '../test-support/temp-dir.ts';
import { loneCrLine } from '../model/content-files.ts';
import { MAX_SOURCE_BYTES } from './read-tree.ts';

const content = copyContent();
chmodSync(dirname(content), 0o755);
const SYNCED = syncedTree(loadContent(content).model);

function tree(): string {
  const dir = tempDir('mm-read');
  chmodSync(dir, 0o755);
  return writeTree(dir, SYNCED);
}

const asUnprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

function run(repo: string, extra: string[] = []) {
  const before = snapshot(content);
  const r = spawnSync(process.execPath, ['src/cli/check-sources.ts', '--repo', repo, '--content', content, ...extra], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    ...asUnprivileged,
  });
  assert.deepEqual(snapshot(content), before, 'no content file changed');
  return r;
}

const oneError = (r: ReturnType<typeof run>, pattern: RegExp) => {
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, pattern);
};

test('the synced tree passes as the same user (the cases below fail for their own reason)', () => {
  const r = run(tree());
  assert.equal(r.status, 0, r.stderr);
});

test('a source file without read permission: exit 2 naming the file', () => {
  const repo = tree();
  chmodSync(join(repo, SPREAD_ORACLE), 0o000);
  oneError(
    run(repo, ['--fix']),
    /^check-sources: error: src\/market_maker\/strategy\/spread_oracle\.rs: cannot be read \(EACCES: permission denied\); check the permissions/,
  );
});

test('a folder without read permission: exit 2, not a silent missing-file', () => {
  const repo = tree();
  chmodSync(join(repo, dirname(SPREAD_ORACLE)), 0o000);
  oneError(
    run(repo),
    /^check-sources: error: src\/market_maker\/strategy\/spread_oracle\.rs: cannot be read \(EACCES: permission denied\)/,
  );
});

test('lone-CR line endings: exit 2 naming the file and line', () => {
  const repo = tree();
  writeFileSync(join(repo, SPREAD_ORACLE), SYNCED.get(SPREAD_ORACLE)!.join('\r'));
  oneError(
    run(repo),
    /^check-sources: error: src\/market_maker\/strategy\/spread_oracle\.rs:1: a line break is a lone CR .*convert the file to LF line endings\n$/,
  );
  // CRLF is fine.
  writeFileSync(join(repo, SPREAD_ORACLE), SYNCED.get(SPREAD_ORACLE)!.join('\r\n'));
  assert.equal(run(repo).status, 0);
});

test('a source file over the size limit: exit 2 with its size and the limit', () => {
  const repo = tree();
  truncateSync(join(repo, SPREAD_ORACLE), MAX_SOURCE_BYTES + 1024 * 1024);
  oneError(
    run(repo),
    /^check-sources: error: src\/market_maker\/strategy\/spread_oracle\.rs: 9\.0 MiB, over the 8 MiB a source file may have/,
  );
});

test('loneCrLine finds the first lone CR in linear time', () => {
  assert.equal(loneCrLine('a\r\nb\nc'), undefined);
  assert.equal(loneCrLine('a\nb\rc'), 2);
  assert.equal(loneCrLine('a\r'), 1);
  /** CPU milliseconds, fastest of three (a busy machine does not decide the verdict). */
  const time = (n: number) => {
    const s = 'x\r\n'.repeat(n) + '\r';
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = process.cpuUsage();
      assert.equal(loneCrLine(s), n + 1);
      const used = process.cpuUsage(t0);
      best = Math.min(best, (used.user + used.system) / 1000);
    }
    return best;
  };
  time(100_000);
  const small = Math.max(time(400_000), 2);
  const large = time(1_600_000);
  assert.ok(large < small * 10, `${small.toFixed(1)} ms → ${large.toFixed(1)} ms for 4× the input`);
});

test('a named source file that is a FIFO, a device, a folder, a link loop or a link out: exit 2 naming it', async () => {
  const { HOSTILE_FILES } = await import('../test-support/hostile-tree.ts');
  for (const [name, hostile] of Object.entries(HOSTILE_FILES)) {
    const repo = tree();
    rmSync(join(repo, SPREAD_ORACLE));
    hostile.make(join(repo, SPREAD_ORACLE));
    const r = run(repo);
    oneError(r, /^check-sources: error: src\/market_maker\/strategy\/spread_oracle\.rs: /);
    assert.match(r.stderr.slice('check-sources: error: '.length + SPREAD_ORACLE.length + 2), hostile.says, name);
  }
});
