import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from './line-index.ts';

test('offsetOf gives back the offset of every line and column position reads, surrogate pairs counting one', () => {
  const text = 'fn a() {}\r\nlet s = "🦀🦀"; s.unwrap();\n\n    v[0] // é😀x\nlast';
  const lines = new LineIndex(text);
  for (let offset = 0; offset < text.length; offset++) {
    // The second half of a pair has no column of its own.
    if (/[\udc00-\udfff]/.test(text[offset]!)) continue;
    const { line, column } = lines.position(offset);
    assert.equal(lines.offsetOf(line, column), offset, `line ${line}, column ${column}`);
  }
  assert.deepEqual(
    [lines.position(text.indexOf('s.unwrap')).line, lines.position(text.indexOf('s.unwrap')).column],
    [2, 15],
    'rustc counts 🦀 as one column',
  );
});

test('offsetOf past the end of a line or of the text stops there', () => {
  const lines = new LineIndex('ab\ncd');
  assert.equal(lines.offsetOf(1, 99), 2);
  assert.equal(lines.offsetOf(9, 1), 5);
});
