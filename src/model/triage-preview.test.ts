/** The home page's and 404's cut of the quick triage: most urgent first, at most a limit, with the count of all. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prng } from '../bench/prng.ts';
import { formatError, loadContent } from './load-content.ts';
import { SEVERITIES, type Severity } from './severity.ts';
import { HOME_PREVIEW_LIMIT, NOT_FOUND_PREVIEW_LIMIT, triagePreview } from './triage-preview.ts';

/** `n` paths of random severities, in a random order: what the preview is given carries no order of its own. */
function shuffled(n: number, seed: number): { id: string; severity: Severity }[] {
  const next = prng(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: `path-${i}`,
    severity: SEVERITIES[Math.floor(next() * SEVERITIES.length)]!,
  }));
}

const rank = (s: Severity) => SEVERITIES.indexOf(s);

test('the preview takes the most urgent paths first, in the given order within a severity, up to the limit', () => {
  const panics = shuffled(500, 7);
  for (const limit of [1, 3, HOME_PREVIEW_LIMIT, NOT_FOUND_PREVIEW_LIMIT, 137]) {
    const { shown, total, cut } = triagePreview(panics, limit);
    assert.equal(shown.length, limit);
    assert.equal(total, panics.length);
    assert.equal(cut, true);
    // Expected: a stable sort of the input by severity, then the first `limit`.
    const expected = panics
      .map((p, i) => ({ p, i }))
      .sort((a, b) => rank(a.p.severity) - rank(b.p.severity) || a.i - b.i)
      .slice(0, limit)
      .map((x) => x.p);
    assert.deepEqual(shown, expected, `limit ${limit}`);
    // Nothing left out is more urgent than the least urgent shown.
    const worstShown = Math.max(...shown.map((p) => rank(p.severity)));
    const left = panics.filter((p) => !shown.includes(p));
    assert.ok(
      left.every((p) => rank(p.severity) >= worstShown),
      `limit ${limit}`,
    );
  }
});

test('with no more paths than the limit, nothing is cut and each path is shown once', () => {
  const panics = shuffled(HOME_PREVIEW_LIMIT, 11);
  for (const limit of [panics.length, panics.length + 1, 1000]) {
    const { shown, total, cut } = triagePreview(panics, limit);
    assert.equal(cut, false);
    assert.equal(total, panics.length);
    assert.deepEqual(new Set(shown.map((p) => p.id)), new Set(panics.map((p) => p.id)));
    assert.equal(shown.length, panics.length);
  }
  assert.deepEqual(triagePreview([], HOME_PREVIEW_LIMIT), { shown: [], total: 0, cut: false });
});

test('the real content is shown whole, in the order the pages list it, on the home page and the 404', () => {
  const { model, errors } = loadContent('content');
  assert.deepEqual(errors.map(formatError), []);
  // The pages' model is sorted by severity, then title (from-collections.ts): the preview keeps that order.
  const pageOrder = [...model.panics].sort(
    (a, b) => rank(a.severity) - rank(b.severity) || a.title.localeCompare(b.title),
  );
  for (const limit of [HOME_PREVIEW_LIMIT, NOT_FOUND_PREVIEW_LIMIT]) {
    assert.ok(model.panics.length <= limit, `the real content has ${model.panics.length} paths, the limit is ${limit}`);
    const { shown, cut } = triagePreview(pageOrder, limit);
    assert.equal(cut, false);
    assert.deepEqual(
      shown.map((p) => p.id),
      pageOrder.map((p) => p.id),
    );
  }
});

test('a limit that is not a positive integer is refused', () => {
  for (const limit of [0, -1, 2.5, Number.NaN])
    assert.throws(() => triagePreview(shuffled(3, 1), limit), /`limit` must be a positive integer/);
});
