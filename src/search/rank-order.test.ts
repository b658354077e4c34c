// Ties between candidates are broken by id in code-unit order, which is the order localeCompare gave them for every
// id the content schema accepts (lowercase words and digits joined by "-").
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadContent } from '../model/load-content.ts';
import { panicIdSchema } from '../model/retired.ts';
import { byScoreThenId } from './evidence.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { model } = loadContent(join(root, 'content'), root);

// Every pair of the id alphabet's characters where they differ: "-" against digits and letters, digits against
// letters, a prefix against a longer id.
const ALPHABET = ['-', '0', '9', 'a', 'z'];
const made = ALPHABET.flatMap((x) => ALPHABET.map((y) => `a${x}${y}b`)).filter(
  (id) => panicIdSchema.safeParse(id).success,
);
const more = ['a', 'a-b', 'ab', 'a0', 'a-0', 'pending-fill', 'pending-fill-queue'];
const ids = [...model.panics.map((p) => p.id), ...made, ...more];

test('equal scores: ids in code-unit order are in localeCompare’s order, the model’s and every kind', () => {
  assert.ok(made.length > 10);
  const tied = ids.map((id) => ({ id, score: 50 }));
  const expected = [...ids].sort((a, b) => a.localeCompare(b));
  assert.deepEqual(
    tied.sort(byScoreThenId).map((c) => c.id),
    expected,
  );
});

test('a better score comes first whatever the ids', () => {
  const ranked = [
    { id: 'a', score: 10 },
    { id: 'z', score: 90 },
    { id: 'b', score: 10 },
  ].sort(byScoreThenId);
  assert.deepEqual(
    ranked.map((c) => c.id),
    ['z', 'a', 'b'],
  );
});
