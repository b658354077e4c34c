// A paste rides in the link while the link can carry it, and under a random id past that.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { handOffFragment, handOffId, MAX_URL_CHARS, newHandOffId, queryFragment } from './paste-link.ts';

const page = 'http://127.0.0.1:4530/docs/panics/search/';

test('a paste the link can carry goes in #q=, encoded, whatever fragment the page had', () => {
  assert.equal(queryFragment('a b\nc#', `${page}#q=old`), 'q=a%20b%0Ac%23');
  const text = 'x'.repeat(MAX_URL_CHARS - page.length - 3);
  assert.equal(queryFragment(text, page)?.length, MAX_URL_CHARS - page.length - 1);
});

test('past what a URL can carry there is no #q=, counting the encoded length', () => {
  assert.equal(queryFragment('x'.repeat(MAX_URL_CHARS), page), undefined);
  // 1 MB of text that encodes to 3 MB (every newline and space triples).
  assert.equal(queryFragment(' \n'.repeat(500_000), page), undefined);
  assert.equal(queryFragment('ab', page, page.length + 4), undefined);
  assert.equal(queryFragment('ab', page, page.length + 5), 'q=ab');
});

test('a handed-off paste is named by 32 hex digits in #paste=, anything else is no id', () => {
  const id = newHandOffId((b) => b.fill(0xab));
  assert.equal(id, 'ab'.repeat(16));
  assert.equal(handOffId(`#${handOffFragment(id)}`), id);
  assert.equal(handOffId(handOffFragment(id)), id);
  for (const hash of [
    '',
    '#q=x',
    '#paste=',
    '#paste=xyz',
    `#paste=${id}0`,
    `#paste=${id.toUpperCase()}`,
    '#paste=../../x',
  ]) {
    assert.equal(handOffId(hash), undefined, hash);
  }
});
