// The source tree's reader refuses by name what is not a regular file inside the checkout, and reads the rest in
// linear time. Each hostile case below once hung the inventory (a FIFO), ran it out of memory (/dev/zero), ended it
// in a stack trace (a folder, a link loop) or let it read a file of the machine (/etc/passwd).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../test-support/temp-dir.ts';
import { HOSTILE_FILES, hostileTree } from '../test-support/hostile-tree.ts';
import { listSourceFiles, MAX_LINE_BYTES, MAX_SOURCE_BYTES, readSourceFile } from './source-tree.ts';

const tree = () => tempDir('source-tree');

test('each hostile file is refused with its kind and a one-line message naming it', () => {
  const root = tree();
  hostileTree(root);
  for (const [file, { kind, says }] of Object.entries(HOSTILE_FILES)) {
    const read = readSourceFile(root, file);
    assert.ok('problem' in read, `${file}: ${JSON.stringify(read).slice(0, 80)}`);
    assert.equal(read.problem.kind, kind, file);
    assert.ok(
      read.problem.message.startsWith(`${file}: `) && !read.problem.message.includes('\n'),
      read.problem.message,
    );
    assert.match(read.problem.message.slice(file.length + 2), says, file);
  }
  // The walk lists them (they are `*.rs`), and does not go down the linked folder.
  const listed = listSourceFiles(root, '**/*.rs', []);
  assert.deepEqual(listed, ['lib.rs', ...Object.keys(HOSTILE_FILES)].sort());
  assert.deepEqual(readSourceFile(root, 'lib.rs'), { text: 'fn a() {}\n' });
  assert.deepEqual(readSourceFile(root, 'nope.rs'), { missing: true });
});

test('a link inside the checkout is read; a path with ../ is refused before anything is opened', () => {
  const root = tree();
  writeFileSync(join(root, 'real.rs'), 'fn b() {}\n');
  symlinkSync('real.rs', join(root, 'alias.rs'));
  assert.deepEqual(readSourceFile(root, 'alias.rs'), { text: 'fn b() {}\n' });
  const r = readSourceFile(join(root), '../x.rs');
  assert.ok('problem' in r && r.problem.kind === 'outside-checkout');
});

test('size, line length, encoding and line breaks: each its named problem', () => {
  const root = tree();
  writeFileSync(join(root, 'big.rs'), '');
  truncateSync(join(root, 'big.rs'), MAX_SOURCE_BYTES + 1);
  writeFileSync(join(root, 'long.rs'), `fn a() {}\n${'x'.repeat(MAX_LINE_BYTES + 1)}\n`);
  writeFileSync(join(root, 'latin1.rs'), Buffer.from([0x2f, 0x2f, 0x20, 0xe9, 0x0a]));
  writeFileSync(join(root, 'mac.rs'), 'a\r\nb\rc');
  writeFileSync(join(root, 'ok-long.rs'), `${'x'.repeat(MAX_LINE_BYTES)}\r\n`);
  const kinds = Object.fromEntries(
    ['big.rs', 'long.rs', 'latin1.rs', 'mac.rs', 'ok-long.rs'].map((f) => {
      const r = readSourceFile(root, f);
      return [f, 'problem' in r ? `${r.problem.kind} ${r.problem.message}` : 'text' in r ? 'read' : 'missing'];
    }),
  );
  assert.match(kinds['big.rs']!, /^too-large big\.rs: 8\.0 MiB, over the 8 MiB/);
  assert.match(
    kinds['long.rs']!,
    /^line-too-long long\.rs: line 2 is 1\.0 MiB long, over the 1 MiB a source line may have/,
  );
  assert.match(kinds['latin1.rs']!, /^not-utf8 latin1\.rs: not valid UTF-8/);
  assert.match(kinds['mac.rs']!, /^lone-cr mac\.rs:2: a line break is a lone CR/);
  // A line at the limit, with its CR, is read.
  assert.equal(kinds['ok-long.rs'], 'read');
});

test('a file without read permission is named, not thrown (the reader runs as nobody when the test is root)', () => {
  const root = tree();
  writeFileSync(join(root, 'secret.rs'), 'fn a() {}\n');
  execFileSync('chmod', ['000', join(root, 'secret.rs')]);
  const script = `import { readSourceFile } from ${JSON.stringify(new URL('./source-tree.ts', import.meta.url).href)};
    console.log(JSON.stringify(readSourceFile(${JSON.stringify(root)}, 'secret.rs')));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    ...(process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}),
  });
  execFileSync('chmod', ['755', root]);
  const r = JSON.parse(out) as { problem?: { kind: string; message: string } };
  assert.equal(r.problem?.kind, 'unreadable', out);
  assert.match(r.problem!.message, /^secret\.rs: cannot be read \(EACCES: permission denied\)/);
});

/** Milliseconds of this process's CPU, the fastest of three runs (the house way: see src/search/linear-time.test.ts). */
function fastest(run: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = process.cpuUsage();
    run();
    const used = process.cpuUsage(t0);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

// Adversarial for the line checks: many short CRLF lines (every byte a line break to look at), one long line
// (nothing to split on), multi-byte characters (the decoder's slow path).
const ADVERSARIAL: Record<string, (bytes: number) => string> = {
  'short CRLF lines': (n) => 'a\r\n'.repeat(n / 3),
  'one long line': (n) => 'x'.repeat(n),
  'multi-byte characters': (n) => 'é€𝄞\n'.repeat(n / 10),
};

for (const [name, make] of Object.entries(ADVERSARIAL)) {
  test(`readSourceFile is linear on ${name}`, () => {
    const root = tree();
    const base = 256 * 1024;
    writeFileSync(join(root, 'small.rs'), make(base));
    writeFileSync(join(root, 'large.rs'), make(base * 4));
    assert.ok('text' in readSourceFile(root, 'large.rs'));
    let report = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      // Below three milliseconds the clock and the garbage collector, not the algorithm, decide the ratio.
      const t1 = Math.max(
        fastest(() => readSourceFile(root, 'small.rs')),
        3,
      );
      const t2 = fastest(() => readSourceFile(root, 'large.rs'));
      if (t2 / t1 < 12) return;
      report += ` ${t1.toFixed(1)} → ${t2.toFixed(1)} ms (×${(t2 / t1).toFixed(1)});`;
    }
    assert.fail(`${name}:${report}`);
  });
}
