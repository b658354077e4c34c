// `check-sources --fix` writes all or nothing: a failure part-way (full disk, permission, a path that is not a folder)
// leaves every content file as it was, with no temporary file behind. Tests run as root, where chmod does not stop a
// write: failures are real ones root cannot escape (ENOTDIR, EISDIR, EPERM) or injected through the writer.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../test-support/temp-dir.ts';
import { nodeIo, type WriteIo, WriteError, writeAllOrNothing } from './write-all.ts';

/** A folder with three files a, b, c holding "old a" …; returns the folder and the writes that would change them. */
function three() {
  const dir = tempDir('write-all');
  for (const n of ['a', 'b', 'c']) writeFileSync(join(dir, `${n}.yaml`), `old ${n}\n`);
  const writes = ['a', 'b', 'c'].map((n) => ({
    path: join(dir, `${n}.yaml`),
    text: `new ${n}\n`,
    name: `content/${n}.yaml`,
  }));
  return { dir, writes };
}

const journalIn = (dir: string) => join(dir, '.journal.json');
// The journal is written (a temporary file renamed) before the files and again before they replace their targets:
// the n-th call of each operation that touches file b or c.
const WRITE_NEW = { a: 2, b: 3, c: 4 };
const RENAME = { a: 3, b: 4, c: 5 };

const contents = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, statSync(join(dir, f)).isFile() ? readFileSync(join(dir, f), 'utf8') : '(folder)']),
  );
const unchanged = { 'a.yaml': 'old a\n', 'b.yaml': 'old b\n', 'c.yaml': 'old c\n' };

/** nodeIo with the `n`-th call of one operation failing with `code`. */
function failing(op: keyof WriteIo, n: number, code: string): WriteIo {
  let calls = 0;
  return {
    ...nodeIo,
    [op]: (...args: unknown[]) => {
      if (++calls === n) throw Object.assign(new Error(`${code}: simulated, ${op}`), { code });
      return (nodeIo[op] as (...a: unknown[]) => unknown)(...args);
    },
  };
}

test('all files written: new texts, modes kept, nothing left beside them', () => {
  const { dir, writes } = three();
  chmodSync(writes[1]!.path, 0o600);
  writeAllOrNothing([...writes, { path: join(dir, 'd.yaml'), text: 'new d\n' }], journalIn(dir));
  assert.deepEqual(contents(dir), {
    'a.yaml': 'new a\n',
    'b.yaml': 'new b\n',
    'c.yaml': 'new c\n',
    'd.yaml': 'new d\n',
  });
  assert.equal(statSync(writes[1]!.path).mode & 0o777, 0o600);
});

test('a full disk on the second file: no file changed, no temporary file, one clear message', () => {
  const { dir, writes } = three();
  assert.throws(
    () => writeAllOrNothing(writes, journalIn(dir), failing('writeNew', WRITE_NEW.b, 'ENOSPC')),
    (e: Error) => {
      assert.ok(e instanceof WriteError);
      assert.equal(e.message, 'content/b.yaml: cannot write (ENOSPC: simulated); no file was changed');
      return true;
    },
  );
  assert.deepEqual(contents(dir), unchanged);
});

test('a real failure writing the second file (its folder is a file): no file changed', () => {
  const { dir, writes } = three();
  writeFileSync(join(dir, 'sub'), 'a file, not a folder');
  const bad = [writes[0]!, { path: join(dir, 'sub', 'b.yaml'), text: 'new b\n' }, writes[2]!];
  assert.throws(
    () => writeAllOrNothing(bad, journalIn(dir)),
    /sub\/b\.yaml: cannot write \(ENOTDIR: .*\); no file was changed/,
  );
  assert.deepEqual(contents(dir), { ...unchanged, sub: 'a file, not a folder' });
});

test('a real failure replacing the third file (it is a folder) puts the first two back', () => {
  const { dir, writes } = three();
  rmSync(writes[2]!.path);
  mkdirSync(writes[2]!.path);
  writeFileSync(join(writes[2]!.path, 'inside'), 'x');
  assert.throws(
    () => writeAllOrNothing(writes, journalIn(dir)),
    /content\/c\.yaml: cannot replace \((EPERM|EISDIR)[^)]*\); no file was changed/,
  );
  assert.deepEqual(contents(dir), { 'a.yaml': 'old a\n', 'b.yaml': 'old b\n', 'c.yaml': '(folder)' });
});

test('a rename failing part-way puts back the files already replaced', () => {
  const { dir, writes } = three();
  assert.throws(
    () => writeAllOrNothing(writes, journalIn(dir), failing('rename', RENAME.c, 'EIO')),
    /content\/c\.yaml: cannot replace \(EIO: simulated\); no file was changed/,
  );
  assert.deepEqual(contents(dir), unchanged);
});

test('check-sources --fix with a full disk part-way: exit 2, one line, every content file as it was', async (t) => {
  const { loadContent } = await import('../model/load-content.ts');
  const { main } = await import('../cli/check-sources.ts');
  const { copyContent, movedCheckout, snapshot } = await import('../test-support/fixture-tree.ts');
  const content = copyContent();
  // check-sources.test.ts covers --fix with the real content folder; this test is about how the files are written.
  const repo = movedCheckout(content, loadContent(content).model);
  const before = snapshot(content);

  const errors: string[] = [];
  t.mock.method(console, 'log', () => {});
  t.mock.method(console, 'error', (line: string) => errors.push(line));
  // The fix touches several files (the panic page, numerical-stability.yaml, frames.yaml …) and the record: the
  // second of them cannot be written.
  for (const [io, message] of [
    [
      failing('writeNew', WRITE_NEW.b, 'ENOSPC'),
      /^check-sources: error: content\/\S+: cannot write \(ENOSPC: simulated\); no file was changed$/,
    ],
    [
      failing('rename', RENAME.b, 'EACCES'),
      /^check-sources: error: content\/\S+: cannot replace \(EACCES: simulated\); no file was changed$/,
    ],
  ] as const) {
    errors.length = 0;
    assert.equal(main(['--repo', repo, '--content', content, '--fix'], io), 2);
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0]!, message);
    assert.deepEqual(snapshot(content), before, 'every content file as it was, and no temporary file');
  }

  // The same run without the failure fixes the files, so the failure above was part-way through real work.
  errors.length = 0;
  assert.equal(main(['--repo', repo, '--content', content, '--fix'], nodeIo), 0, errors.join('\n'));
  const changed = [...snapshot(content)].filter(([f, bytes]) => !before.get(f)?.equals(bytes)).map(([f]) => f);
  assert.ok(changed.length >= 3, `several files change: ${changed.join(', ')}`);
});
