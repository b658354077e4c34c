// The line reader: lines across chunk boundaries, UTF-8 split between chunks, invalid sequences reported by byte
// offset (and read on), overlong lines bounded, and linear time on adversarial input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PANIC_NEEDLE, PANIC_NEEDLES } from './blocks.ts';
import { LineReader, type LineSink, type ReaderWarning } from './line-reader.ts';

function collect(chunks: Uint8Array[], options: { every?: boolean; maxLineChars?: number } = {}) {
  const lines: [string, number][] = [];
  const warnings: ReaderWarning[] = [];
  const sink: LineSink = { wantsEveryLine: options.every ?? true, line: (t, n) => lines.push([t, n]) };
  const reader = new LineReader(sink, {
    needles: PANIC_NEEDLES,
    maxLineChars: options.maxLineChars,
    onWarning: (w) => warnings.push(w),
  });
  for (const c of chunks) reader.push(c);
  reader.end();
  return { lines, warnings, stats: reader.stats };
}

const bytes = (s: string) => new TextEncoder().encode(s);
function split(b: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < b.length; i += size) out.push(b.subarray(i, i + size));
  return out;
}

const TEXT = "first line\r\nsecond — with € and 𝄞\n\nthread 'main' panicked at src/a.rs:1:2:\nlast without newline é";

test('lines are the same whatever the chunk size, with CRLF and multi-byte characters split between chunks', () => {
  const whole = collect([bytes(TEXT)]).lines;
  assert.deepEqual(
    whole.map(([t]) => t),
    TEXT.split(/\r?\n/),
  );
  assert.deepEqual(
    whole.map(([, n]) => n),
    [1, 2, 3, 4, 5],
  );
  for (const size of [1, 2, 3, 4, 5, 11])
    assert.deepEqual(collect(split(bytes(TEXT), size)).lines, whole, `chunks of ${size}`);
});

test('a chunk larger than one decoding is read as the same lines, characters split between its pieces joined', () => {
  // Lines of one to four bytes a character, so that some character straddles every 32 KiB of the chunk.
  const lines = Array.from({ length: 6000 }, (_, i) => `${i} ${['a', 'é', '€', '𝄞'][i % 4]!.repeat(5 + (i % 7))}`);
  const text = `${lines.join('\n')}\n`;
  const whole = collect([bytes(text)]);
  assert.deepEqual(
    whole.lines.map(([t]) => t),
    lines,
  );
  assert.deepEqual(whole.warnings, []);
  assert.deepEqual(collect(split(bytes(text), 4096)).lines, whole.lines);
});

test('outside a block only lines holding the needle are handed over, with their true line numbers', () => {
  for (const size of [1, 3, 7, 1000]) {
    const { lines, stats } = collect(split(bytes(TEXT), size), { every: false });
    assert.deepEqual(lines, [["thread 'main' panicked at src/a.rs:1:2:", 4]], `chunks of ${size}`);
    assert.equal(stats.lines, 5);
  }
});

test('outside a block a line is handed over only when it holds the whole needle, spaces before it included', () => {
  const probe = PANIC_NEEDLE.trimStart();
  const near = [probe, `x${probe}`, `${probe}x${probe}`, `\t${probe}`, PANIC_NEEDLE.slice(0, -1)];
  const holding = [PANIC_NEEDLE, `a${PANIC_NEEDLE}`, `x${probe}${PANIC_NEEDLE}`, `${PANIC_NEEDLE}${PANIC_NEEDLE}`];
  const text = [...near, ...holding].join('\n');
  const expected = holding.map((l, i): [string, number] => [l, near.length + i + 1]);
  for (const size of [1, 3, 7, 1000]) {
    const { lines, stats } = collect(split(bytes(text), size), { every: false });
    assert.deepEqual(lines, expected, `chunks of ${size}`);
    assert.equal(stats.lines, near.length + holding.length);
  }
});

test('each line says whether it holds a needle, as searching the line itself would, across any chunking', () => {
  const probe = PANIC_NEEDLE.trimStart();
  const lines = [
    'plain',
    PANIC_NEEDLE,
    `x${probe}`,
    `{"MESSAGE":[116,${PANIC_NEEDLES[1]},115]}`,
    PANIC_NEEDLES[1]!.slice(1),
    `a${PANIC_NEEDLE}b${PANIC_NEEDLE}`,
    '€ 𝄞',
    `${'y'.repeat(300)}${PANIC_NEEDLE}`,
  ];
  const text = `${lines.join('\r\n')}\n${lines.join('\n')}`;
  const expected = text.split(/\r?\n/).map((l) => PANIC_NEEDLES.some((n) => l.includes(n)));
  for (const every of [true, false]) {
    for (const size of [1, 2, 5, 13, 64, 100_000]) {
      const flags: [string, boolean][] = [];
      const reader = new LineReader(
        { wantsEveryLine: every, line: (t, _n, holds) => flags.push([t, holds]) },
        { needles: PANIC_NEEDLES },
      );
      for (const c of split(bytes(text), size)) reader.push(c);
      reader.end();
      const want = text
        .split(/\r?\n/)
        .map((l, i): [string, boolean] => [l, expected[i]!])
        .filter(([, holds]) => every || holds);
      assert.deepEqual(flags, want, `chunks of ${size}, ${every ? 'every line' : 'needles only'}`);
    }
  }
});

test('an invalid UTF-8 sequence is reported with its byte offset and line, read as U+FFFD, and reading goes on', () => {
  const head = bytes('ok line\nbad ');
  const tail = bytes(" here\nthread 'main' panicked at src/a.rs:1:2:\n");
  for (const bad of [[0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf0, 0x9d, 0x84]]) {
    const all = new Uint8Array([...head, ...bad, ...tail]);
    for (const size of [1, 2, all.length]) {
      const { lines, warnings } = collect(split(all, size));
      assert.ok(warnings.length >= 1, `${bad} in chunks of ${size}`);
      assert.equal(warnings[0]!.kind, 'invalid-utf8');
      assert.equal(warnings[0]!.offset, head.length, `${bad} in chunks of ${size}`);
      assert.equal(warnings[0]!.line, 2);
      assert.match(lines[1]![0], /^bad \uFFFD/);
      assert.equal(lines[2]![0], "thread 'main' panicked at src/a.rs:1:2:");
    }
  }
});

test('a truncated character at the very end is reported too', () => {
  const { warnings, lines } = collect([bytes('end '), new Uint8Array([0xe2, 0x82])]);
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]!.offset, 4);
  assert.equal(lines[0]![0], 'end \uFFFD');
});

test('valid text, U+FFFD included, gives no warning', () => {
  assert.deepEqual(collect(split(bytes('a \uFFFD b\n€𝄞\n'), 1)).warnings, []);
});

test('a line longer than the bound is cut, reported once, and the next line is read', () => {
  const long = `${'x'.repeat(5000)}\nnext\n`;
  const { lines, warnings } = collect(split(bytes(long), 100), { maxLineChars: 1000 });
  assert.equal(lines[0]![0].length, 1000);
  assert.equal(lines[1]![0], 'next');
  assert.equal(lines[1]![1], 2);
  assert.equal(warnings.filter((w) => w.kind === 'long-line').length, 1);
});
