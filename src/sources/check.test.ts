import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { contentWithRetiredAndRenamed, RETIRED } from '../test-support/fixture-content.ts';
import { loadContent } from '../model/load-content.ts';
import { allHold, checkTargets, codeMatcher, foldWhitespace, frameCode, type Target, targetsOf } from './check.ts';
import { REAL_CONTENT } from '../test-support/fixture-tree.ts';

const F = 'src/a.rs';
const target = (over: Partial<Target> & { line?: number; code: string }): Target => ({
  entry: 'panics/x',
  anchor: 'a',
  kind: 'panics',
  index: 0,
  path: ['locations', 0],
  file: F,
  word: false,
  ...over,
});
/** A file whose line n (1-based) is `at[n]`, and `// filler` elsewhere, `length` lines long. */
const file = (length: number, at: Record<number, string>): string[] =>
  Array.from({ length }, (_, i) => at[i + 1] ?? '// filler');
const run = (targets: Target[], lines: string[] | undefined) => checkTargets(targets, new Map([[F, lines]]));

test('foldWhitespace: runs of whitespace become one space, trimmed', () => {
  assert.equal(foldWhitespace('  let  x =\t\t1 ;  '), 'let x = 1 ;');
});

test('codeMatcher: a fragment contained in the line, whitespace folded on both sides', () => {
  assert.ok(codeMatcher('kappa > 0.0')('    debug_assert!(kappa  >  0.0, "kappa must be > 0, got {}", kappa);'));
  assert.ok(codeMatcher('let  safe_kappa =\tkappa')('let safe_kappa = kappa.max(f64::EPSILON);'));
  assert.ok(!codeMatcher('kappa > 0.0')('debug_assert!(kappa >= 0.0);'));
});

test('codeMatcher: `...` stands for any text, and the rest is literal (no regex)', () => {
  const m = codeMatcher('mm_config.validate().expect(...)');
  assert.ok(m('    mm_config.validate().expect("config validation failed");'));
  assert.ok(m('mm_config.validate().expect(...)'));
  assert.ok(!m('mm_config.validate().unwrap()'));
  assert.ok(!codeMatcher('a.b')('axb'), '. is not a regex wildcard');
  assert.ok(
    codeMatcher('signal(SignalKind::terminate()).expect(...)')(
      'let mut sigterm = signal(SignalKind::terminate()).expect("Failed to register SIGTERM handler");',
    ),
  );
});

test('codeMatcher with word: a frame name is a whole identifier', () => {
  const m = codeMatcher('kappa_for_spread', true);
  assert.ok(m('pub fn kappa_for_spread(spread: f64) -> f64 {'));
  assert.ok(!m('pub fn kappa_for_spread_with_vol(spread: f64) -> f64 {'));
  assert.ok(!codeMatcher('run', true)('self.running = true;'));
  assert.ok(codeMatcher('run', false)('self.running = true;'), 'fragments of the reference are plain substrings');
});

test('frameCode: the last identifier of a symbol', () => {
  assert.equal(frameCode('EventLoop::run'), 'run');
  assert.equal(frameCode('market_maker::main'), 'main');
  assert.equal(frameCode('spread_for_kappa'), 'spread_for_kappa');
  assert.equal(frameCode('Foo<T>::bar'), 'bar');
});

test('ok: the line holds the code; a range holds it on any of its lines; open range on its line', () => {
  const lines = file(10, { 3: 'x', 5: '// y here', 8: 'z' });
  const results = run(
    [
      target({ line: 3, code: 'x' }),
      target({ line: 4, endLine: 6, code: 'y here' }),
      target({ line: 8, openEnded: true, code: 'z' }),
    ],
    lines,
  );
  assert.deepEqual(
    results.map((r) => r.status),
    ['ok', 'ok', 'ok'],
  );
  assert.ok(allHold(results));
});

test('moved: found on one other line; a range keeps its length', () => {
  const lines = file(30, { 13: 'let a = 1;', 21: 'debug_assert!(b)', 22: 'debug_assert!(c)' });
  const [a, b] = run(
    [target({ line: 5, code: 'let a = 1;' }), target({ line: 10, endLine: 11, code: 'debug_assert!' })],
    lines,
  );
  assert.equal(a!.status, 'moved');
  assert.deepEqual(a!.foundAt, [13]);
  assert.equal(b!.status, 'moved', 'two matching lines within the range length are one place');
  assert.deepEqual(b!.foundAt, [21]);
  assert.ok(!allHold([a!, b!]));
});

test('gone, missing-file, skipped, throughout', () => {
  const lines = file(5, { 2: 'present' });
  const results = run(
    [
      target({ line: 1, code: 'absent' }),
      target({ throughout: true, code: 'present' }),
      target({ throughout: true, code: 'absent' }),
      target({ code: 'x', skip: 'no line' }),
    ],
    lines,
  );
  assert.deepEqual(
    results.map((r) => r.status),
    ['gone', 'ok', 'gone', 'skipped'],
  );
  assert.equal(run([target({ line: 1, code: 'x' })], undefined)[0]!.status, 'missing-file');
  assert.ok(allHold([results[1]!, results[3]!]), 'skipped counts as holding');
});

test('ambiguous: found on several lines, all of them listed', () => {
  const lines = file(30, { 12: 'foo()', 25: 'foo()' });
  const [r] = run([target({ line: 3, code: 'foo()' })], lines);
  assert.equal(r!.status, 'ambiguous');
  assert.deepEqual(r!.foundAt, [12, 25]);
});

test('the same code at several places of the model: matched in order when the counts agree', () => {
  const targets = [target({ line: 44, code: 'gamma > 0.0' }), target({ line: 88, code: 'gamma > 0.0' })];
  const [a, b] = run(targets, file(120, { 52: 'gamma > 0.0', 96: 'gamma > 0.0' }));
  assert.deepEqual([a!.status, a!.foundAt, b!.status, b!.foundAt], ['moved', [52], 'moved', [96]]);
  // one still holds, the other moved: still consistent
  const [c, d] = run(targets, file(120, { 44: 'gamma > 0.0', 97: 'gamma > 0.0' }));
  assert.deepEqual([c!.status, d!.status, d!.foundAt], ['ok', 'moved', [97]]);
  // one of them was removed: which is which cannot be told
  const [e, f] = run(targets, file(120, { 87: 'gamma > 0.0' }));
  assert.deepEqual([e!.status, e!.foundAt, f!.status], ['ambiguous', [87], 'ambiguous']);
  // the order would map a place that still holds somewhere else: ambiguous
  const [g, h] = run(targets, file(120, { 30: 'gamma > 0.0', 44: 'gamma > 0.0', 88: 'x' }));
  assert.equal(g!.status, 'ok');
  assert.equal(h!.status, 'ambiguous');
});

test('overlapping places of the model (112 and 112-116) count as one place and move together', () => {
  const targets = [
    target({ line: 112, code: 'denom < 1e-15' }),
    target({ line: 112, endLine: 116, code: 'denom < 1e-15' }),
  ];
  const [a, b] = run(targets, file(130, { 120: 'if denom < 1e-15 {' }));
  assert.deepEqual([a!.status, a!.foundAt, b!.status, b!.foundAt], ['moved', [120], 'moved', [120]]);
});

test('targetsOf: every location of the real content, entries named like the pages', () => {
  const { model, errors } = loadContent(REAL_CONTENT);
  assert.deepEqual(errors, []);
  const targets = targetsOf(model);
  const entries = new Set(targets.map((t) => t.entry));
  for (const e of [
    'panics/glft-kappa-gamma',
    'safe-by-design/price-parsing',
    'numerical-stability/layer-1',
    'frames/strategy',
  ])
    assert.ok(entries.has(e), e);
  const run = targets.find((t) => t.anchor === 'frame-EventLoop-run')!;
  assert.deepEqual([run.code, run.line, run.word, run.skip], ['run', 823, true, undefined]);
  assert.equal(targets.find((t) => t.anchor === 'frame-KillSwitch-check')!.skip, 'no line');
  assert.ok(!targets.some((t) => t.code.includes('tokio')), 'frames without a file are not source locations');
  const count =
    model.panics.flatMap((p) => p.locations).length +
    model.safePaths.length +
    model.layers.flatMap((l) => l.locations).length;
  assert.equal(targets.filter((t) => t.kind !== 'frameGroups').length, count);
});

test("a retired panic path is not looked for in today's source: its locations are skipped, and the check holds", () => {
  const dir = contentWithRetiredAndRenamed();
  try {
    const { model, errors } = loadContent(dir);
    assert.deepEqual(errors, []);
    const targets = targetsOf(model);
    const retired = targets.filter((t) => t.entry === `panics/${RETIRED.id}`);
    assert.ok(retired.length > 0);
    for (const t of retired) assert.equal(t.skip, `retired in ${RETIRED.release}`);
    assert.ok(
      targets
        .filter((t) => t.entry !== `panics/${RETIRED.id}` && t.kind === 'panics')
        .every((t) => t.skip === undefined),
    );
    // Its file is not in the checkout any more: the check still holds.
    assert.ok(allHold(checkTargets(retired, new Map())));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
