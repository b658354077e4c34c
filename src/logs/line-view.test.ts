// LineViews (a block's lines read in a row, a shape found again without its regexes) reads each line as viewLine does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildLog, fixture, fixtureNames, WRAPPERS } from '../test-support/sample-logs.ts';
import { LineViews, ownCopy, seenLine, viewLine, viewsAlike } from './line-view.ts';

test('LineViews gives every line of every wrapper the view viewLine gives it, times changing or not', () => {
  for (const w of WRAPPERS) {
    const views = new LineViews();
    for (const whole of [false, true]) {
      const log = buildLog(fixtureNames().map(fixture), w, { appLines: 2, whole });
      for (const line of log.text.split('\n')) assert.deepEqual(views.of(line), viewLine(line), `${w.name}: ${line}`);
    }
  }
});

test('a prefix that differs from the last only in its digits, in length or after them does not reuse its shape', () => {
  const views = new LineViews();
  const lines = [
    '2023-11-14T22:15:06.917Z stack backtrace:',
    '2023-11-14T22:15:07.018Z stack backtrace:',
    '2023-11-14T22:15:07.18Z stack backtrace:',
    '2023-11-14T22:15:07Z stack backtrace:',
    '2023-11-14 22:15:07 stack backtrace:',
    '2023-11-14T22:15:07.018Z market_maker: stack backtrace:',
    '2023-11-14T22:15:07.018Z market_maker: stack backtrace:',
    '2023-11-14T22:15:07.018Z WARN stack backtrace:',
    'Nov 26 05:00:00 mm-host-1 hl-mm[4242]: stack backtrace:',
    'Nov 26 05:00:01 mm-host-2 hl-mm[4243]: stack backtrace:',
    'Nov 26 05:00:01 mm-host-x hl-mm[4243]: stack backtrace:',
  ];
  for (const line of lines) assert.deepEqual(views.of(line), viewLine(line), line);
});

const logLines = () =>
  WRAPPERS.flatMap((w) => buildLog(fixtureNames().map(fixture), w, { appLines: 2 }).text.split('\n')).filter(Boolean);
const seen = (line: string) => seenLine(ownCopy(line), viewLine(line), new Map());
/** The line with each digit from `from` to `to` another digit. */
const otherDigits = (line: string, from: number, to: number) =>
  line.slice(0, from) + line.slice(from, to).replace(/\d/g, (d) => String((Number(d) + 3) % 10)) + line.slice(to);

test('a line alike one seen before, the digits of its prefix others, has the view viewLine gives it', () => {
  let changed = 0;
  for (const line of logLines()) {
    const before = seen(line);
    const later = otherDigits(line, 0, before.view.prefixEnd);
    if (later !== line) changed++;
    assert.ok(viewsAlike(later, before), line);
    assert.deepEqual(viewLine(later), before.view, line);
  }
  assert.ok(changed > 1000, `only ${changed} lines had digits in their prefix`);
});

test('a line that differs after its prefix, in a prefix character that is no digit, or in length is not alike', () => {
  let digitsAfter = 0;
  for (const line of logLines()) {
    const before = seen(line);
    const end = before.view.prefixEnd;
    const later = otherDigits(line, end, line.length);
    if (later !== line) {
      digitsAfter++;
      assert.ok(!viewsAlike(later, before), line);
    }
    const letter = line.slice(0, end).search(/\D/);
    if (letter >= 0) assert.ok(!viewsAlike(`${line.slice(0, letter)}\u0001${line.slice(letter + 1)}`, before), line);
    assert.ok(!viewsAlike(`${line} `, before), line);
  }
  assert.ok(digitsAfter > 1000, `only ${digitsAfter} lines had digits after their prefix`);
});

test('a prefix holding the characters of a pattern is matched as text', () => {
  const line = '[a.b|c] (x+)? $1 ^{2} \\d 2026-11-26T05:00:00Z stack backtrace:';
  const before = seenLine(line, { ...viewLine(line), prefixEnd: line.indexOf('stack') }, new Map());
  assert.ok(viewsAlike(line.replace('2026', '2027').replace('$1', '$7'), before));
  for (const [from, to] of [
    ['[a.b|c]', '[aXb|c]'],
    ['(x+)?', '(xx)?'],
    ['^{2}', '^{22'],
    ['\\d', '\\3'],
  ])
    assert.ok(!viewsAlike(line.replace(from!, to!), before), to);
});
