// The inventory reads a checkout with the source tree's reader: a `*.rs` that is not a regular file inside the
// checkout ends the run with exit 2 (bad input) and one line naming the file, as check-sources does, where it once
// hung (a FIFO), ran out of memory (/dev/zero), printed a stack trace (a folder, a link loop) or read a file of the
// machine (/etc/passwd). It does not skip them: a skipped file's sites would be reported as absent.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../test-support/fixture-tree.ts';
import { tempDir } from '../test-support/temp-dir.ts';
import { HOSTILE_FILES } from '../test-support/hostile-tree.ts';
import { readCrate } from './read-crate.ts';

function crate(): string {
  const dir = tempDir('inventory-hostile');
  writeFileSync(join(dir, 'Cargo.toml'), '[package]\nname = "market_maker"\nversion = "0.1.0"\n');
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src/lib.rs'), 'pub fn a(v: Option<u8>) -> u8 { v.unwrap() }\n');
  return dir;
}

for (const [name, hostile] of Object.entries(HOSTILE_FILES)) {
  test(`inventory on a crate with ${name} (${hostile.kind}): exit 2, one line naming it`, () => {
    const repo = crate();
    hostile.make(join(repo, 'src', name));
    const { CONTENT_DIR: _, ...env } = process.env;
    // A hang (the FIFO) fails by the timeout, not by blocking the suite.
    const r = spawnSync(process.execPath, ['src/cli/inventory.ts', '--repo', repo], {
      cwd: ROOT,
      encoding: 'utf8',
      env,
      timeout: 60_000,
    });
    assert.equal(r.signal, null, 'the run ended by itself');
    assert.equal(r.status, 2, r.stderr);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    const prefix = `inventory: error: src/${name}: `;
    assert.ok(lines[0]!.startsWith(prefix), lines[0]);
    assert.match(lines[0]!.slice(prefix.length), hostile.says);
    assert.doesNotMatch(r.stdout + r.stderr, /root:x:0|\n\s+at /, 'no file of the machine and no stack trace');
  });
}

test('readCrate names every refused file, the first in its error', () => {
  const repo = crate();
  for (const [name, h] of Object.entries(HOSTILE_FILES)) h.make(join(repo, 'src', name));
  const read = readCrate(repo);
  assert.ok('error' in read);
  const names = Object.keys(HOSTILE_FILES)
    .map((n) => `src/${n}`)
    .sort();
  assert.deepEqual(
    read.refused.map((p) => p.file),
    names,
  );
  assert.match(
    read.error,
    new RegExp(`^${names[0]!.replace('.', '\\.')}: .* \\(and ${names.length - 1} more files refused\\)$`),
  );
});
