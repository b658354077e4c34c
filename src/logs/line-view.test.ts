// LineViews (a block's lines read in a row, a shape found again without its regexes) reads each line as viewLine does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildLog, fixture, fixtureNames, WRAPPERS } from '../test-support/sample-logs.ts';
import { LineViews, viewLine } from './line-view.ts';

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
