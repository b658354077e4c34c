// The search page carries a small head in itself, as text that reads back as the same head and cannot end its element.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INLINE_HEAD_BYTES, inlineHeadText } from './inline-head.ts';
import { splitSearchModel, withSmallShards } from './shards.ts';
import { toSearchModel } from '../model/search-model.ts';
import type { SearchHead } from '../model/search-split-schema.ts';
import { realModel } from '../test-support/real-model.ts';

test('the real head with its shards is carried, and reads back as the same head', () => {
  const { head, shards } = splitSearchModel(toSearchModel(realModel()));
  const served = withSmallShards(head, shards);
  const text = inlineHeadText(served);
  assert.ok(text !== undefined, 'the real head is small enough to carry');
  assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(served)));
});

test('no "<" in the text: a string of the model holding </script> or <!-- cannot end or change the element', () => {
  const { head } = splitSearchModel(toSearchModel(realModel()));
  const hostile = '</script><script>alert(1)</script><!--';
  const withHostile: SearchHead = { ...head, files: [...head.files, hostile] };
  const text = inlineHeadText(withHostile)!;
  assert.equal(text.includes('<'), false);
  assert.deepEqual((JSON.parse(text) as SearchHead).files.at(-1), hostile);
});

test('a head past the limit is not carried: the page preloads head.json instead', () => {
  const { head } = splitSearchModel(toSearchModel(realModel()));
  const padding = 'x'.repeat(INLINE_HEAD_BYTES);
  assert.equal(inlineHeadText({ ...head, files: [...head.files, padding] }), undefined);
});
