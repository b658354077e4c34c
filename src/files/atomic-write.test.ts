// The one atomic write: the new bytes whole, the old permission bits kept, nothing left beside the target, and on a
// failure the target as it was. No other module of the site renames a file of its own into place.
import assert from 'node:assert/strict';
import { chmodSync, globSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../test-support/fixture-tree.ts';
import { tempDir } from '../test-support/temp-dir.ts';
import { SIBLING_NAME, siblingPath, writeFileAtomic } from './atomic-write.ts';

const folder = () => tempDir('atomic-write');

test('a new file, a replaced file with its mode kept, bytes and text alike; nothing left beside them', () => {
  const dir = folder();
  writeFileAtomic(join(dir, 'new.txt'), 'new\n');
  writeFileSync(join(dir, 'old.json'), 'old');
  chmodSync(join(dir, 'old.json'), 0o600);
  writeFileAtomic(join(dir, 'old.json'), Buffer.from('{"n":1}\n'));
  writeFileAtomic(join(dir, 'fast.gz'), Buffer.from([1, 2, 3]), { durable: false });
  assert.deepEqual(readdirSync(dir).sort(), ['fast.gz', 'new.txt', 'old.json']);
  assert.equal(readFileSync(join(dir, 'old.json'), 'utf8'), '{"n":1}\n');
  assert.equal(statSync(join(dir, 'old.json')).mode & 0o777, 0o600);
  assert.deepEqual([...readFileSync(join(dir, 'fast.gz'))], [1, 2, 3]);
});

test('a target that cannot be replaced (a folder) is left as it was, with no temporary file', () => {
  const dir = folder();
  mkdirSync(join(dir, 'target'));
  writeFileSync(join(dir, 'target', 'inside'), 'x');
  assert.throws(() => writeFileAtomic(join(dir, 'target'), 'text'), /EISDIR|EPERM|ENOTEMPTY/);
  assert.deepEqual(readdirSync(dir), ['target']);
  assert.throws(() => writeFileAtomic(join(dir, 'missing-folder', 'f'), 'text'), /ENOENT/);
});

test('temporary names are unique per call and recognisable after a kill', () => {
  const a = siblingPath('/x/file.json', 'tmp');
  const b = siblingPath('/x/file.json', 'tmp');
  assert.notEqual(a, b);
  for (const p of [a, b, siblingPath('/x/y.yaml', 'old')]) assert.match(p.split('/').at(-1)!, SIBLING_NAME);
});

test('no module outside src/files renames a file into place by itself (one atomic write, not five)', () => {
  const own = globSync('src/**/*.ts', {
    cwd: ROOT,
    exclude: ['src/files/**', 'src/test-support/**', 'src/bench/**', '**/*.test.ts'],
  });
  // write-all hands renameSync to its journal as the operation tests replace; it renames nothing of its own.
  const offenders = own.filter(
    (f) => f !== 'src/sources/write-all.ts' && /\brenameSync\b|\brename\(/.test(readFileSync(join(ROOT, f), 'utf8')),
  );
  assert.deepEqual(offenders, []);
});
