// Standard output written to its descriptor: whole, in order, to a slow reader, and on to the stream when the
// descriptor is non-blocking and full.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { directStdout } from './stdout.ts';

// A reader slow to start, as jq or a pager can be: what it got, counted and hashed.
const SLOW_READER = `setTimeout(() => {
  const h = require('node:crypto').createHash('sha256'); let n = 0;
  process.stdin.on('data', (c) => { h.update(c); n += c.length; });
  process.stdin.on('end', () => process.stdout.write(JSON.stringify({ n, sha: h.digest('hex') })));
}, 300);`;

/** 2 MiB of numbered lines: far more than a pipe holds (64 KiB), and any lost or reordered part shows in the hash. */
const lines = () => Array.from({ length: 2 * 1024 * 16 }, (_, i) => `${String(i).padStart(62, '.')}\n`);
const REPORT = lines().join('');
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

async function readerResult(child: ReturnType<typeof spawn>): Promise<{ n: number; sha: string }> {
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b));
  await new Promise((resolve) => child.on('close', resolve));
  return JSON.parse(out) as { n: number; sha: string };
}

test('a report larger than a pipe reaches a slow reader whole, written before the command exits', async () => {
  const writer = `import { directStdout } from ${JSON.stringify(new URL('./stdout.ts', import.meta.url).href)};
const out = directStdout(); for (const line of (${lines.toString()})()) out.write(line);`;
  const child = spawn('bash', ['-c', '"$NODE" --input-type=module -e "$WRITER" | "$NODE" -e "$READER"'], {
    env: { ...process.env, NODE: process.execPath, WRITER: writer, READER: SLOW_READER },
  });
  const got = await readerResult(child);
  assert.equal(got.n, Buffer.byteLength(REPORT));
  assert.equal(got.sha, sha(REPORT));
});

test('a non-blocking descriptor that fills hands the rest to the stream, in order', async () => {
  const child = spawn(process.execPath, ['-e', SLOW_READER], { stdio: ['pipe', 'pipe', 'inherit'] });
  // The parent's end of a spawned child's stdin is non-blocking: a write past what the pipe holds answers EAGAIN.
  const fd = (child.stdin as unknown as { _handle: { fd: number } })._handle.fd;
  let handedOver = 0;
  const out = directStdout(fd, () => {
    handedOver++;
    return child.stdin as unknown as NodeJS.WriteStream;
  });
  out.write(REPORT.slice(0, 1 << 20));
  out.write(REPORT.slice(1 << 20));
  child.stdin.end();
  const got = await readerResult(child);
  assert.equal(handedOver, 1, 'the stream takes over once, at the first full pipe');
  assert.equal(got.n, Buffer.byteLength(REPORT));
  assert.equal(got.sha, sha(REPORT));
});
