import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileTemplate, matchTemplate } from './template.ts';

test('a template matches its message with any value and returns the values', () => {
  const t = compileTemplate('kappa must be > 0, got {value}');
  assert.deepEqual(matchTemplate(t, 'kappa must be > 0, got -0.00031'), { value: '-0.00031' });
  assert.deepEqual(matchTemplate(t, 'kappa must be > 0, got NaN'), { value: 'NaN' });
  assert.equal(matchTemplate(t, 'gamma must be > 0, got 0'), null);
  assert.equal(matchTemplate(t, 'config validation failed: kappa must be > 0, got 0'), null, 'anchored at the start');
  assert.equal(t.literalPrefix, 'kappa must be > 0, got');
});

test('regex characters in a template are literal', () => {
  const t = compileTemplate('called `Result::unwrap()` on an `Err` value: PoisonError{detail}');
  assert.deepEqual(matchTemplate(t, 'called `Result::unwrap()` on an `Err` value: PoisonError { .. }'), {
    detail: ' { .. }',
  });
  assert.ok(matchTemplate(t, 'called `Result::unwrap()` on an `Err` value: PoisonError(...)'));
  assert.equal(matchTemplate(t, 'called `Result::unwrapX` on an `Err` value: PoisonError { .. }'), null);
});

test('white space is folded on both sides, so re-wrapped messages match', () => {
  const t = compileTemplate('Failed to register SIGTERM handler: {error}');
  assert.ok(matchTemplate(t, 'Failed to register\n  SIGTERM handler:   Os { code: 1 }'));
});

test('a template without placeholders matches exactly that text', () => {
  const t = compileTemplate('called `Option::unwrap()` on a `None` value');
  assert.deepEqual(matchTemplate(t, 'called `Option::unwrap()` on a `None` value'), {});
  assert.equal(matchTemplate(t, 'called `Option::unwrap()` on a `None` value!'), null);
});

test('a hostile message is answered, not backtracked over', () => {
  // Under a lazy regex per placeholder this input took minutes; the glob matcher answers at once.
  const t = compileTemplate('{a}: {b}: {c} must be > 0, got {value}');
  assert.equal(matchTemplate(t, ': '.repeat(50_000)), null);
  assert.deepEqual(matchTemplate(t, `${': '.repeat(1000)}x must be > 0, got 1`)?.value, '1');
});

test('values are never empty and literals keep their order', () => {
  const t = compileTemplate('{a} <{b}> end');
  assert.equal(matchTemplate(t, ' <x> end'), null);
  assert.equal(matchTemplate(t, 'x <> end'), null);
  assert.deepEqual(matchTemplate(t, 'x <y> <z> end'), { a: 'x', b: 'y> <z' });
});
