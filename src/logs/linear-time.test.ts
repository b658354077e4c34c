// Reading a log is linear in its size whatever it holds: each adversarial input, doubled twice, costs about four
// times as much. The bound is 8× (quadratic growth shows 16×): the machine these tests run on is shared and busy,
// so each size runs seven times, interleaved, and the fastest run counts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toSearchModel } from '../model/search-model.ts';
import { BlockCollector, PANIC_NEEDLES } from './blocks.ts';
import { LogTriage } from './groups.ts';
import { LineReader } from './line-reader.ts';
import { collectorFor } from './read-log.ts';
import { messageTemplate } from './signature.ts';
import { realModel } from '../test-support/real-model.ts';

const model = realModel();
const searchModel = toSearchModel(model);

/** The blocks of a log only, for inputs that would make the matcher's work (a new reading each block) all it measures. */
function readBlocks(text: string): void {
  const collector = new BlockCollector(() => {});
  const reader = new LineReader(collector, { needles: PANIC_NEEDLES });
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += 65536) reader.push(bytes.subarray(i, i + 65536));
  reader.end();
  collector.close();
}

function readLog(text: string): void {
  const t = new LogTriage(searchModel, { site: 'http://localhost:4321/' });
  const collector = collectorFor(t, 'x');
  const reader = new LineReader(collector, { needles: PANIC_NEEDLES });
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += 65536) reader.push(bytes.subarray(i, i + 65536));
  reader.end();
  collector.close();
}

/**
 * The fastest of seven interleaved runs of each, in milliseconds of this process's CPU rather than of the clock: what
 * an input costs, the other work of a busy machine left out.
 */
function timesOf(small: () => void, large: () => void): [number, number] {
  const best: [number, number] = [Infinity, Infinity];
  for (let i = 0; i < 7; i++) {
    [small, large].forEach((f, k) => {
      const t0 = process.cpuUsage();
      f();
      const used = process.cpuUsage(t0);
      best[k] = Math.min(best[k]!, (used.user + used.system) / 1000);
    });
  }
  return best;
}

// Four times the input may cost at most twelve times the CPU; below three milliseconds the clock and the garbage
// collector, not the algorithm, decide the ratio.
const MAX_RATIO = 12;
const FLOOR_MS = 3;

const HEAD = "thread 'main' panicked at src/market_maker/strategy/spread_oracle.rs:43:5:";
const SIZE = 400_000;
const repeat = (unit: string, chars: number) => unit.repeat(Math.ceil(chars / unit.length));

const ADVERSARIAL: Record<string, (chars: number) => string> = {
  'the needle on every line, never a panic': (n) => repeat('x panicked at y\n', n),
  'a panic head on every line': (n) => repeat(`${HEAD}\n`, n),
  // Each one read differently: none of them is matched from memory.
  'a different panic on every 40th line': (n) =>
    Array.from(
      { length: Math.ceil(n / 1000) },
      (_, i) => `thread 'w' panicked at src/x${i}.rs:${i + 1}:1: boom ${i}\n${'filler line of the log\n'.repeat(39)}`,
    ).join(''),
  'one head, then message lines forever': (n) => `${HEAD}\n${repeat('more message text\n', n)}`,
  'one head, then frames forever': (n) =>
    `${HEAD}\nstack backtrace:\n${repeat('  1: core::panicking::panic_fmt\n      at /rustc/x/library/core/src/panicking.rs:80:14\n', n)}`,
  'one line without a newline': (n) => `${repeat("thread '", n)} panicked at x.rs:1:1:`,
  "a long run of `thread '` before the needle on each line": (n) =>
    repeat(`${"thread '".repeat(200)} panicked at x.rs:1:1:\n`, n),
  'heads in JSON records nested deep, among other records': (n) =>
    repeat(
      `${JSON.stringify({ a: { b: { c: { d: { e: { f: { g: { log: `${HEAD}\n` } } } } } } } })}\n${`${JSON.stringify({ a: { b: { c: { log: 'tick' } } } })}\n`.repeat(4)}`,
      n,
    ),
  'heads then foreign lines': (n) => repeat(`2026-11-26T05:00:00Z ${HEAD}\n2026-11-26T05:00:00Z INFO a: b\n`, n),
  'blank lines after a head': (n) => `${HEAD}\n${'\n'.repeat(n)}`,
};

// The lines of blocks read before are kept as a tree: each of these adds to it until its bounds.
const TREE_ADVERSARIAL: Record<string, (chars: number) => string> = {
  'one head, each block a new text on every line': (n) =>
    Array.from(
      { length: Math.ceil(n / 400) },
      (_, i) => `${HEAD}\n${Array.from({ length: 8 }, (_, k) => `  ${k}: frame_${i}_${k}::f\n`).join('')}note: x\n`,
    ).join(''),
  'one head, each block as the last but for the digits of its text': (n) =>
    Array.from({ length: Math.ceil(n / 400) }, (_, i) => `${HEAD}\n${`  1: a::b ${i}\n`.repeat(8)}note: x\n`).join(''),
  // Record lines are kept as the text around their times, and later records matched against it.
  'records of one panic at other times, deep in brackets and escapes': (n) =>
    Array.from({ length: Math.ceil(n / 4000) }, (_, i) => {
      const record = (text: string) =>
        `{"time":"2026-11-26T05:${String(i % 60).padStart(2, '0')}:00Z","log":${JSON.stringify(text)},"x":${'['.repeat(150)}"\\\"}"${']'.repeat(150)}}\n`;
      return record(HEAD) + record('stack backtrace:') + record('  1: a::b').repeat(8) + record('note: x');
    }).join(''),
  'a new head on every block, the same lines after it': (n) =>
    Array.from(
      { length: Math.ceil(n / 300) },
      (_, i) => `${HEAD.replace('43:5', `${i}:5`)}\n${'  1: a::b\n'.repeat(8)}note: x\n`,
    ).join(''),
};

for (const [name, make] of Object.entries(TREE_ADVERSARIAL)) {
  test(`linear time, blocks: ${name}`, () => {
    const small = make(SIZE);
    const large = make(SIZE * 4);
    readBlocks(large);
    const [a, b] = timesOf(
      () => readBlocks(small),
      () => readBlocks(large),
    );
    assert.ok(
      b < Math.max(a, FLOOR_MS) * MAX_RATIO,
      `${name}: ${a.toFixed(1)} ms for ${small.length} chars, ${b.toFixed(1)} ms for ${large.length}`,
    );
  });
}

for (const [name, make] of Object.entries(ADVERSARIAL)) {
  test(`linear time: ${name}`, () => {
    const small = make(SIZE);
    const large = make(SIZE * 4);
    readLog(large); // the JIT settles: below a few hundred kilobytes, warm-up is what a run measures
    const [a, b] = timesOf(
      () => readLog(small),
      () => readLog(large),
    );
    const limit = Math.max(a, FLOOR_MS) * MAX_RATIO;
    assert.ok(
      b < limit,
      `${name}: ${a.toFixed(1)} ms for ${small.length} chars, ${b.toFixed(1)} ms for ${large.length}`,
    );
  });
}

test('linear time: signature of a hostile message', () => {
  for (const unit of ['1', 'a1', '"', '0x', '-', 'e1', 'deadbeef0']) {
    const small = unit.repeat(50_000);
    const large = unit.repeat(200_000);
    const [a, b] = timesOf(
      () => messageTemplate(small),
      () => messageTemplate(large),
    );
    assert.ok(b < Math.max(a, FLOOR_MS) * MAX_RATIO, `${JSON.stringify(unit)}: ${a.toFixed(1)} ms, ${b.toFixed(1)} ms`);
  }
});
