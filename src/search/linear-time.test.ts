// Every function that reads a paste runs in linear time: on adversarial inputs, four times the text costs about four
// times the time, never sixteen (quadratic). Each size is timed in CPU time, several times, and the fastest run
// counts, so that a busy machine does not decide the verdict; the bound (×12 for ×4 the input) leaves room for a garbage collector
// and a loaded machine, and still fails a quadratic reader (×16).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toSearchModel } from '../model/search-model.ts';
import { parsePaste } from '../panic-text/parse-paste.ts';
import { readEvidence } from './paste-evidence.ts';
import { buildRouter, shardsFor } from './route.ts';
import { splitSearchModel } from './shards.ts';
import { findSourceRefs } from '../panic-text/source-ref.ts';
import { createTriage } from './verdict.ts';
import { vocabularyOf } from './vocabulary.ts';
import { ADVERSARIAL } from '../test-support/adversarial.ts';
import { realModel } from '../test-support/real-model.ts';

const model = toSearchModel(realModel());
const triage = createTriage(model.panics);
const templates = vocabularyOf(model.panics).scanner();
const router = buildRouter(splitSearchModel(model).head);

const BASE = 96 * 1024;
const GROWTH = 4;
const MAX_RATIO = 12;

// parsePaste runs normalizePaste (and its report formats); triage runs both and the matcher.
const READERS: Record<string, (text: string) => unknown> = {
  findSourceRefs: (t) => findSourceRefs(t),
  parsePaste,
  'templates anywhere': (t) => templates.scan(t),
  triage: (t) => triage(t),
  // The search page reads the paste's evidence against every key of the split model, and routes it to shards.
  'evidence and shard router': (t) => shardsFor(router, readEvidence(t, parsePaste(t), router.vocabulary)),
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
        // Below three milliseconds the clock and the garbage collector, not the algorithm, decide the ratio.
        const t1 = Math.max(fastest(read, small), 3);
        const t2 = fastest(read, large);
        if (t2 / t1 < MAX_RATIO) return;
        report += ` ${t1.toFixed(1)} → ${t2.toFixed(1)} ms (×${(t2 / t1).toFixed(1)});`;
      }
      assert.fail(`${reader} on ${name} (${small.length} → ${large.length} chars):${report}`);
    });
  }
}

// Larger than the timing runs: a megabyte-long line that splits into more parts than a function call takes arguments
// once crashed the search with a RangeError.
for (const [name, make] of Object.entries(ADVERSARIAL)) {
  test(`the search survives 1 MiB of ${name}`, () => {
    const t = triage(make(1024 * 1024));
    assert.ok(t.kind === 'paste' || t.kind === 'text');
  });
}
