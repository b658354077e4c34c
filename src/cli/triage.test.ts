// `mm-panics triage` as an engineer runs it: files and standard input, exit codes, --json, --follow, bad input.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { PanicGroup } from '../logs/groups.ts';
import { buildLog, fixture, WRAPPERS } from '../test-support/sample-logs.ts';
import { main } from './triage.ts';

const dir = mkdtempSync(join(tmpdir(), 'mm-triage-'));
const file = (name: string, data: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};
const kubectl = WRAPPERS.find((w) => w.name === 'kubectl --timestamps')!;
const documented = file(
  'documented.log',
  buildLog([fixture('kappa-zero.debug.bt1.txt'), fixture('sigterm.debug.bt0.txt')], kubectl).text,
);
const withUnknown = file('poison.log', buildLog([fixture('poison.debug.bt0.txt')], kubectl).text);
const quiet = file('quiet.log', 'INFO all good\nINFO still good\n');

async function run(args: string[], stdin: Readable = Readable.from([])) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => ((stdout += s), true) },
    stderr: { write: (s: string) => ((stderr += s), true) },
    stdin,
  } as never;
  const code = await main(args, io);
  return { code, stdout, stderr };
}

test('exit code 0 and a plain answer for a log without panics', async () => {
  const r = await run([quiet]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /no panic found/);
});

test('exit code 1 for documented panics only; the table has each group with its page', async () => {
  const r = await run([documented]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /glft-kappa-gamma/);
  assert.match(r.stdout, /signal-handler-registration/);
  assert.match(r.stdout, /http:\/\/localhost:4321\/panics\/glft-kappa-gamma\/#spread_oracle-L43/);
  assert.match(r.stdout, /2026-11-26T05:00:\d\d\.\d{3}456789Z/, 'times from the log');
});

test('exit code 3 with a panic no page documents; --json prints one object per group, the secondary pointing at its original', async () => {
  const r = await run(['--json', '--site', 'https://runbooks.example', '--base', '/docs/panics/', withUnknown]);
  assert.equal(r.code, 3);
  const groups = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as PanicGroup);
  assert.equal(groups.length, 2);
  const [original, secondary] = groups;
  // The original is a site of the fixture crate's inventory that holds the lock the secondary's PoisonError is about.
  assert.equal(original!.kind, 'inventory');
  assert.deepEqual(
    original!.poisons?.map((p) => p.id),
    [secondary!.id],
  );
  assert.equal(secondary!.role, 'secondary');
  assert.equal(secondary!.causedBy, original!.key);
  for (const g of groups) assert.ok(g.url.startsWith('https://runbooks.example/docs/panics/'), g.url);
  for (const key of [
    'key',
    'kind',
    'id',
    'title',
    'severity',
    'count',
    'first',
    'last',
    'role',
    'causedBy',
    'location',
    'anchor',
    'message',
    'signature',
    'url',
    'poisons',
  ]) {
    assert.ok(key in groups[0]!, key);
  }
});

test('standard input is read when no file is given, and as `-`', async () => {
  for (const args of [[], ['-']]) {
    const r = await run(args, Readable.from([Buffer.from(fixture('kappa-zero.debug.bt0.txt'))]));
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.stdout, /glft-kappa-gamma/);
  }
});

test('a missing file and a directory are bad input (exit 2) with a clear message; the other files are still read', async () => {
  const folder = join(dir, 'logs.d');
  mkdirSync(folder, { recursive: true });
  const r = await run([join(dir, 'nope.log'), folder, documented]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /nope\.log: no such file/);
  assert.match(r.stderr, /logs\.d: is a directory/);
  assert.match(r.stdout, /glft-kappa-gamma/);
});

test('binary data is refused with the offset of its NUL byte (exit 2)', async () => {
  const bin = file('core.bin', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00]));
  const r = await run([bin]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /core\.bin: binary data \(a NUL byte at byte 7\)/);
});

test('NUL bytes at the start of a log (truncated while written) are skipped with a warning', async () => {
  const text = new TextEncoder().encode(fixture('kappa-zero.debug.bt0.txt'));
  const r = await run([file('truncated.log', new Uint8Array([...new Uint8Array(5000), ...text]))]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /5000 NUL bytes at the start skipped/);
});

test('an invalid UTF-8 sequence is a warning with its byte offset; the panic after it is found', async () => {
  const before = new TextEncoder().encode('INFO bad byte: ');
  const after = new TextEncoder().encode(`\n${fixture('kappa-zero.debug.bt0.txt')}`);
  const r = await run([file('latin1.log', new Uint8Array([...before, 0xe9, ...after]))]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`latin1\\.log:1: invalid UTF-8 byte sequence at byte ${before.length} \\(0xe9\\)`));
  assert.match(r.stdout, /glft-kappa-gamma/);
});

test('a gzip-compressed log is read decompressed', async () => {
  const r = await run([file('old.log.gz', gzipSync(readFileSync(withUnknown)))]);
  assert.equal(r.code, 3);
  assert.match(r.stdout, /kill-switch-mutex-poisoning/);
});

test('a corrupt gzip file is bad input (exit 2), named as such', async () => {
  const r = await run([
    file('broken.log.gz', new Uint8Array([0x1f, 0x8b, 0x08, 0x00, ...new TextEncoder().encode('not deflate at all')])),
  ]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /broken\.log\.gz: not a valid gzip file/);
});

test('bad options are bad input (exit 2) with the usage', async () => {
  const r = await run(['--frobnicate']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /error: .*frobnicate[\s\S]*usage: mm-panics triage/);
});

test('--follow prints a group when it first appears, before the stream ends (also a panic without a closing note)', async () => {
  const stdin = new PassThrough();
  let stdout = '';
  let seen: () => void = () => {};
  const io = {
    stdout: { write: (s: string) => ((stdout += s), seen(), true) },
    stderr: { write: () => true },
    stdin,
  } as never;
  const done = main(['--follow'], io);
  const next = (pattern: RegExp) =>
    new Promise<void>((resolve) => {
      seen = () => pattern.test(stdout) && resolve();
      seen();
    });
  const [first, second] = fixture('poison.debug.bt0.txt')
    .trim()
    .split(/\n+(?=thread )/);
  stdin.write(`${first}\n`);
  await next(/new #1 .*undocumented site: KillSwitch::evaluate: daily loss/);
  // The PoisonError panic has no `note:` after it: the stream going quiet closes it.
  stdin.write(`${second!.trimEnd()}\n`);
  await next(/new #2 .*kill-switch-mutex-poisoning.*secondary of #1/);
  stdin.end();
  assert.equal(await done, 3);
});

test('a closed pipe (`| head`) ends the command quietly', async () => {
  const many = Array.from(
    { length: 3000 },
    (_, i) => `thread 'w' panicked at src/x/y_${i}.rs:${i + 1}:1:\nboom ${i}\n`,
  ).join('\n');
  const log = file('many.log', many);
  const cli = fileURLToPath(new URL('./triage.ts', import.meta.url));
  const child = spawn(process.execPath, [cli, log], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b));
  child.stdout.once('data', () => child.stdout.destroy());
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  );
  assert.equal(signal, null);
  assert.equal(stderr, '');
  assert.notEqual(code, 2);
});

test('a file truncated while it is read is reported on stderr, not silently ended', async () => {
  const { openInput, READ_AHEAD, READ_CHUNK } = await import('../logs/input.ts');
  // Three reads' worth more than the reads asked for ahead of the first chunk.
  const lines = Math.ceil(((READ_AHEAD + 3) * READ_CHUNK) / 17);
  const path = file('truncated.log', `${'INFO filler line\n'.repeat(lines)}`);
  const warnings: string[] = [];
  const input = openInput(path, undefined, (m) => warnings.push(m));
  let bytes = 0;
  for await (const chunk of input.chunks) {
    // logrotate's copytruncate, after the first chunk was read.
    if (bytes === 0) writeFileSync(path, '');
    bytes += chunk.length;
  }
  assert.ok(bytes > 0 && bytes < lines * 17, `${bytes} bytes read`);
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(
    warnings[0]!,
    new RegExp(
      `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: truncated while being read \\(to 0 bytes, after ${bytes} were read\\)$`,
    ),
  );
});

test('--follow FILE follows it as tail -F does: appended lines, rotation, truncation, until Ctrl-C', async () => {
  const path = file('followed.log', buildLog([fixture('kappa-zero.debug.bt1.txt')], kubectl).text);
  const cli = fileURLToPath(new URL('./triage.ts', import.meta.url));
  const { CONTENT_DIR: _, ...env } = process.env;
  const child = spawn(process.execPath, [cli, '--follow', path], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  let changed: () => void = () => {};
  child.stdout.on('data', (b: Buffer) => ((stdout += b), changed()));
  child.stderr.on('data', (b: Buffer) => ((stderr += b), changed()));
  const closed = new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  const waitFor = (stream: () => string, pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${pattern}\nstdout: ${stdout}\nstderr: ${stderr}`)),
        60_000,
      );
      changed = () => {
        if (pattern.test(stream())) {
          clearTimeout(timer);
          resolve();
        }
      };
      changed();
    });
  const unknown = (n: number) =>
    `thread 'main' panicked at src/followed/part_${n}.rs:${n}:5:\nfollowed ${n}\nnote: run with \`RUST_BACKTRACE=1\`\n`;
  try {
    await waitFor(() => stdout, /new #1 .*kappa/);
    // Written after the start: read at the end of the file, where the plain read stopped.
    appendFileSync(path, buildLog([fixture('sigterm.debug.bt0.txt')], kubectl, { start: 100 }).text);
    await waitFor(() => stdout, /new #2 /);
    // Rotated: the old file moved aside, a new one in its place.
    renameSync(path, `${path}.1`);
    writeFileSync(path, unknown(1));
    await waitFor(() => stdout, /new #3 .*part_1\.rs/);
    assert.match(stderr, /followed\.log: replaced by a new file \(rotated\); following the new one/);
    // Truncated in place (copytruncate): said on stderr, then read from the start.
    writeFileSync(path, '');
    await waitFor(() => stderr, /followed\.log: truncated while being read .*; reading it again from its start/);
    appendFileSync(path, buildLog([fixture('kappa-zero.debug.bt1.txt')], kubectl, { start: 200 }).text + unknown(2));
    await waitFor(() => stdout, /new #4 .*part_2\.rs/);
  } finally {
    child.kill('SIGINT');
  }
  const [code, signal] = await closed;
  assert.equal(signal, null, stderr);
  assert.equal(code, 3, 'unknown panics were seen');
  // The table after Ctrl-C counts the kappa panic twice: once before, once after the truncation.
  assert.match(stdout, /^#1 +2 +.*kappa/m);
  assert.match(stdout, /5 panics in 4 groups/);
});
