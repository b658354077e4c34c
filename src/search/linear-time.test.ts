// Every function that reads a paste runs in linear time: on adversarial inputs, four times the text costs about four
// times the time, never sixteen (quadratic). Each size is timed in CPU time, several times, and the fastest run
// counts, so that a busy machine does not decide the verdict; the bound (×10 for ×4 the input) leaves room for a garbage collector
// and a loaded machine, and still fails a quadratic reader (×16).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildExport } from '../model/export.ts';
import { loadContent } from '../model/load-content.ts';
import { buildMatchIndex } from './match.ts';
import { parsePaste } from './parse-paste.ts';
import { findSourceRefs } from './source-ref.ts';
import { triage } from './triage.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const index = buildMatchIndex(buildExport(loadContent(join(root, 'content'), root).model, 'http://localhost/').panics);

const BASE = 96 * 1024;
const GROWTH = 4;
const MAX_RATIO = 10;

/** A text of about `size` characters made of `unit` repeated (and `head` once in front). */
const repeat = (unit: string, size: number, head = '') => head + unit.repeat(Math.ceil(size / unit.length));

const ADVERSARIAL: Record<string, (size: number) => string> = {
  'word characters': (n) => repeat('a', n),
  dots: (n) => repeat('.', n),
  slashes: (n) => repeat('/', n),
  colons: (n) => repeat(':', n),
  digits: (n) => repeat('1', n),
  'digits and colons': (n) => repeat('1:', n),
  '.rs without a line': (n) => repeat('a.rs', n),
  '.rs glued to words': (n) => repeat('a.rsa', n),
  'paths with a line': (n) => repeat('src/a/b.rs:1:2 ', n),
  'blank lines after a panic line': (n) => repeat('\n', n, "thread 'main' panicked at src/a.rs:1:2:\n"),
  'panicked at repeated': (n) => repeat("thread 'main' panicked at ", n),
  'panicked at lines': (n) => repeat("thread 'main' panicked at src/a.rs:1:2:\n", n),
  'a template prefix repeated': (n) => repeat('config validation failed: ', n),
  'a template prefix on every line': (n) => repeat('kappa must be > 0, got \n', n),
  'quotes and commas': (n) => repeat("', ", n, "thread 'main' panicked at '"),
  'unclosed JSON': (n) => repeat('{"a":', n),
  'JSON strings': (n) => repeat('"\\"', n, '{"msg":"'),
  'markdown link openers': (n) => repeat('[a](http://', n),
  'table pipes': (n) => repeat('| a ', n),
  'Error: lines': (n) => repeat('Error: x\n', n),
  'Caused by: lines': (n) => repeat('Caused by:\n', n, 'Error: x\n'),
  spaces: (n) => repeat(' ', n, "thread 'main' panicked at src/a.rs:1:2: x stack backtrace:"),
  'frame numbers on one line': (n) => repeat(' 0: a', n, "thread 'main' panicked at src/a.rs:1:2: x stack backtrace:"),
};

// parsePaste runs normalizePaste (and its report formats); triage runs both and the matcher.
const READERS: Record<string, (text: string) => unknown> = {
  findSourceRefs: (t) => findSourceRefs(t),
  parsePaste,
  'templates anywhere': (t) => index.templates.scan(t),
  triage: (t) => triage(t, index),
};

/** Milliseconds of this process's CPU, not of the clock: other work on a busy machine does not count. */
function fastest(read: (text: string) => unknown, text: string): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = process.cpuUsage();
    read(text);
    const used = process.cpuUsage(t0);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

for (const [reader, read] of Object.entries(READERS)) {
  for (const [name, make] of Object.entries(ADVERSARIAL)) {
    test(`${reader} is linear on ${name}`, () => {
      const small = make(BASE);
      const large = make(BASE * GROWTH);
      fastest(read, small);
      // A pause of the machine can spoil one measurement, never three in a row; a quadratic reader fails all three.
      let report = '';
      for (let attempt = 0; attempt < 3; attempt++) {
        // Below two milliseconds the clock, not the algorithm, decides the ratio.
        const t1 = Math.max(fastest(read, small), 2);
        const t2 = fastest(read, large);
        if (t2 / t1 < MAX_RATIO) return;
        report += ` ${t1.toFixed(1)} → ${t2.toFixed(1)} ms (×${(t2 / t1).toFixed(1)});`;
      }
      assert.fail(`${reader} on ${name} (${small.length} → ${large.length} chars):${report}`);
    });
  }
}
