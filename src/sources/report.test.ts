import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sourceCheckSchema, summaryFor } from '../model/source-check.ts';
import type { Result } from './check.ts';
import { nowLabel, renderTable, summaryLine } from './report.ts';

const F = 'src/market_maker/strategy/spread_oracle.rs';
const results: Result[] = [
  {
    entry: 'panics/glft-kappa-gamma',
    anchor: 'spread_oracle-L43',
    file: F,
    line: 43,
    code: 'kappa > 0.0',
    status: 'ok',
  },
  {
    entry: 'panics/glft-kappa-gamma',
    anchor: 'spread_oracle-L44',
    file: F,
    line: 44,
    code: 'gamma > 0.0',
    status: 'moved',
    foundAt: [52],
  },
  {
    entry: 'numerical-stability/layer-2',
    anchor: 'spread_oracle-L43-L44',
    file: F,
    line: 43,
    endLine: 44,
    code: 'debug_assert!',
    status: 'moved',
    foundAt: [51],
  },
  { entry: 'panics/x', anchor: 'a-L1', file: 'src/a.rs', line: 1, code: 'foo()', status: 'ambiguous', foundAt: [3, 9] },
  {
    entry: 'panics/x',
    anchor: 'a-L2',
    file: 'src/a.rs',
    line: 2,
    code: 'bar()',
    status: 'gone',
    note: 'not in the file any more',
  },
  {
    entry: 'frames/risk',
    anchor: 'frame-KillSwitch-check',
    file: 'src/k.rs',
    code: 'check',
    status: 'skipped',
    note: 'no line',
  },
];

test('nowLabel: where the code is now', () => {
  assert.deepEqual(results.map(nowLabel), ['', '→ 52', '→ 51-52', 'lines 3, 9', 'not in the file any more', 'no line']);
});

test('renderTable: aligned columns, no colour unless asked', () => {
  const plain = renderTable(results, { colour: false });
  const rows = plain.split('\n');
  assert.equal(rows.length, results.length + 1);
  assert.match(rows[0]!, /^STATUS +ENTRY +LOCATION +CODE +NOW$/);
  assert.match(rows[2]!, /^moved +panics\/glft-kappa-gamma +spread_oracle\.rs:44 +gamma > 0\.0 +→ 52$/);
  assert.ok(!plain.includes('\x1b['));
  const codeColumn = rows[0]!.indexOf('CODE');
  assert.ok(
    rows.slice(1).every((r, i) => r.indexOf(results[i]!.code) === codeColumn),
    'the code column is aligned',
  );
  const coloured = renderTable(results, { colour: true });
  assert.ok(coloured.includes('\x1b[33mmoved'));
  assert.equal(coloured.replace(/\x1b\[[0-9;]*m/g, ''), plain, 'colour changes nothing but the escapes');
});

test('summaryLine counts statuses', () => {
  assert.equal(
    summaryLine(results),
    '5 locations checked: 1 ok, 2 moved, 1 gone, 1 ambiguous; 1 skipped. Some do not hold.',
  );
});

test('sourceCheckSchema and summaryFor', () => {
  const check = sourceCheckSchema.parse({
    commit: '0123456789abcdef0123456789abcdef01234567',
    checkedAt: '2026-05-01T10:00:00.000Z',
    ok: false,
    results: { 'panics/glft-kappa-gamma': { ok: 3, failed: 2 }, 'panics/config-validation': { ok: 1, failed: 0 } },
  });
  assert.deepEqual(summaryFor(check, 'panics/glft-kappa-gamma'), {
    commit: '0123456789abcdef0123456789abcdef01234567',
    shortCommit: '0123456',
    checkedAt: '2026-05-01T10:00:00.000Z',
    ok: 3,
    failed: 2,
    holds: false,
  });
  assert.equal(summaryFor(check, 'panics/config-validation')!.holds, true);
  assert.equal(summaryFor(check, 'panics/nope'), undefined);
  assert.equal(summaryFor(check, 'toString'), undefined);
  assert.equal(summaryFor({ ...check, commit: null }, 'panics/config-validation')!.shortCommit, null);
  assert.equal(sourceCheckSchema.safeParse({ ...check, commit: 'main' }).success, false);
  assert.equal(sourceCheckSchema.safeParse({ ...check, checkedAt: 'yesterday' }).success, false);
  assert.equal(sourceCheckSchema.safeParse({ ...check, results: { x: { ok: -1, failed: 0 } } }).success, false);
});
