// The block collector reads a line alike one of a block read before (a crash loop's panic under new times) as that
// one was read, and names a block whose lines it has all read before by the last of them. Both must change nothing:
// the blocks are the blocks of reading every line anew, and two blocks share a key only when their texts do.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildLog, fixture, fixtureNames, WRAPPERS } from '../test-support/sample-logs.ts';
import { BlockCollector, type PanicBlock } from './blocks.ts';

/**
 * The blocks of a log. `anew`: every line handed over as if it held the needle, which the collector reads anew (it
 * looks for a head in it, and no line read before stands in for it): the reading without the tree.
 */
function blocksOf(text: string, anew: boolean): PanicBlock[] {
  const blocks: PanicBlock[] = [];
  const collector = new BlockCollector((b) => blocks.push(b));
  text.split('\n').forEach((line, i) => (anew ? collector.line(line, i + 1, true) : collector.line(line, i + 1)));
  collector.close();
  return blocks;
}

test('blocks read through lines read before are the blocks of reading each line anew, and share keys only as those do', () => {
  const panics = fixtureNames().map(fixture);
  for (const w of WRAPPERS) {
    for (const whole of [false, true]) {
      // Every panic three times over, at later times, with application records in between.
      const log = buildLog([...panics, ...panics, ...panics], w, { appLines: 3, whole }).text;
      const read = blocksOf(log, false);
      const reference = blocksOf(log, true);
      assert.equal(read.length, reference.length, w.name);
      const byKey = new Map<string, string | undefined>();
      let named = 0;
      read.forEach((b, i) => {
        const r = reference[i]!;
        const where = `${w.name}${whole ? ' (whole)' : ''}, block ${i + 1}`;
        assert.deepEqual({ ...b, key: undefined }, { ...r, key: undefined }, where);
        if (b.key === undefined) return assert.equal(r.key, undefined, where);
        if (b.key.startsWith('\0')) named++;
        else assert.equal(b.key, r.key, where);
        if (!byKey.has(b.key)) byKey.set(b.key, r.key);
        assert.equal(byKey.get(b.key), r.key, `${where}: a key shared with a block that reads otherwise`);
      });
      // Lines that carry their time, in their prefix or in their record, are read through the tree.
      if (!whole && w.time)
        assert.ok(named > (read.length * 2) / 3, `${w.name}: ${named} of ${read.length} blocks named by the tree`);
    }
  }
});

test('a line that differs from the one read before only in a digit of its text is read as what it says', () => {
  const text = fixture('kappa-zero.debug.bt1.txt');
  const moved = text.replace(/market_maker\.rs:(\d+)/, (_m, l: string) => `market_maker.rs:${Number(l) + 1}`);
  assert.notEqual(moved, text);
  const iso = WRAPPERS.find((w) => w.name === 'iso-prefixed')!;
  const [first, second, third] = blocksOf(buildLog([text, moved, text], iso, { appLines: 2 }).text, false);
  assert.notEqual(first!.key, second!.key);
  assert.equal(first!.key, third!.key);
  assert.notDeepEqual(second!.lines, first!.lines);
});
