import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkNote, sourceCheckSchema, summaryFor } from './source-check.ts';

const record = sourceCheckSchema.parse({
  commit: 'a'.repeat(7) + 'b'.repeat(33),
  checkedAt: '2026-11-24T11:45:18.069Z',
  ok: false,
  results: { 'panics/glft-kappa-gamma': { ok: 5, failed: 0 }, 'panics/pending-fill-queue': { ok: 0, failed: 1 } },
});

test('a checked entry says the commit, the day and that all its locations held', () => {
  assert.equal(
    checkNote(summaryFor(record, 'panics/glft-kappa-gamma')),
    'Last checked against commit aaaaaaa on 2026-11-24: all 5 held.',
  );
});

test('an entry whose locations moved says its line numbers may be stale', () => {
  assert.match(
    checkNote(summaryFor(record, 'panics/pending-fill-queue')),
    /1 of 1 did not hold: the line numbers on this page may be stale/,
  );
});

test('an entry the check did not cover says how to record a check', () => {
  assert.equal(summaryFor(record, 'panics/config-validation'), undefined);
  assert.match(checkNote(undefined), /not been checked .*--record/);
  assert.equal(summaryFor(record, 'toString'), undefined, 'keys are looked up as own properties only');
});

test('a record without a full commit hash is refused', () => {
  assert.equal(sourceCheckSchema.safeParse({ ...record, commit: 'abc123' }).success, false);
});
