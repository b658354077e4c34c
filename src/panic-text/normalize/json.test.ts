import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizePaste } from './index.ts';

const bytes = (text: string): number[] => [...new TextEncoder().encode(text)];
const HEAD = "thread 'main' (48211) panicked at src/bin/market_maker.rs:2056:26:";
const MESSAGE = 'config validation failed: Invalid MarketMakerConfig: spread_bps must be ≥ 1 (got 0)';

test("journald's byte-array MESSAGE is read as UTF-8 text, its ANSI colours dropped", () => {
  const records = [
    { _TRANSPORT: 'stdout', PRIORITY: '6', MESSAGE: bytes(`\x1b[1;31m${HEAD}\x1b[0m`) },
    { _TRANSPORT: 'stdout', PRIORITY: '6', MESSAGE: bytes(`\x1b[31m${MESSAGE}\x1b[0m`) },
  ];
  const expected = `${HEAD}\n${MESSAGE}`;
  // `journalctl -o json` (one record a line, with a prefix) and a paste of the records alone.
  assert.equal(normalizePaste(records.map((r) => JSON.stringify(r)).join('\n')), expected);
  assert.equal(normalizePaste(records.map((r) => `mm-prod-1 ${JSON.stringify(r)}`).join('\n')), expected);
});

test('any field that is an array of byte values is text; other arrays of numbers are not', () => {
  const panic = `${HEAD}\n${MESSAGE}`;
  assert.equal(normalizePaste(JSON.stringify({ level: 'error', msg: bytes(panic) })), panic);
  assert.equal(normalizePaste(JSON.stringify({ fields: { message: bytes(panic) } })), panic);
  for (const notBytes of [[72, 256], [72, 1.5], [72, -1], []]) {
    // `log` is read before `msg`: a byte array there would win.
    const record = JSON.stringify({ log: notBytes, msg: 'quote engine stalled' });
    assert.equal(normalizePaste(record), 'quote engine stalled', JSON.stringify(notBytes));
  }
});
