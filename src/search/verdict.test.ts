// The verdicts an on-call engineer gets, on the shared search cases and on pastes that are not in them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { toSearchModel } from '../model/search-model.ts';
import { MAX_RANKED } from './match-keys.ts';
import { createTriage, type Triage } from './verdict.ts';
import { realModel } from '../test-support/real-model.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const model = realModel();
const triage = createTriage(toSearchModel(model).panics);
const fixture = (name: string) => readFileSync(join(root, 'src/fixtures/panics', name), 'utf8');
const first = (t: Triage) => t.ranked[0]?.id;

const cases = JSON.parse(readFileSync(join(root, 'e2e/fixtures/public-cases.json'), 'utf8')) as {
  q: string;
  expect: string;
  kind: string;
}[];
for (const c of cases.filter((c) => c.expect.startsWith('/panics/'))) {
  test(`public case [${c.kind}] ${JSON.stringify(c.q.slice(0, 50))} → ${c.expect}`, () => {
    const t = triage(c.q);
    // A pasted panic is always decided by the model; plain words ("poisoned mutex") may be left to Pagefind
    // (the e2e suite checks those end to end), but when the model claims a path it must be the right one.
    if (c.kind.startsWith('real:') || t.ranked.length > 0) assert.equal(`/panics/${first(t)}/`, c.expect);
    else assert.notEqual(t.pagefindQuery, '');
  });
}

for (const c of cases.filter((c) => !c.expect.startsWith('/panics/'))) {
  test(`reference-page query ${JSON.stringify(c.q)} claims no panic path (Pagefind ranks it)`, () => {
    const t = triage(c.q);
    assert.equal(t.kind, 'text');
    assert.deepEqual(t.ranked, []);
    assert.notEqual(t.pagefindQuery, '');
  });
}

test('a known panic leads with its location anchor and says why', () => {
  const t = triage(fixture('kappa-zero.debug.bt1.txt'));
  assert.equal(t.lead?.known?.id, 'glft-kappa-gamma');
  assert.equal(t.lead?.known?.anchor, 'spread_oracle-L43');
  assert.deepEqual(t.lead?.known?.evidence.map((e) => e.kind).slice(0, 2), ['location', 'message']);
  assert.equal(t.lead?.panic.highestAppFrame?.location?.line, 43);
});

test('other values in the message still match the template', () => {
  for (const value of ['-0.00031', 'NaN', '-inf', '1e-320']) {
    const t = triage(
      `thread 'main' (77) panicked at src/market_maker/strategy/spread_oracle.rs:44:5:\ngamma must be > 0, got ${value}`,
    );
    assert.equal(t.lead?.known?.id, 'glft-kappa-gamma', value);
    assert.ok(
      t.lead?.known?.evidence.some((e) => e.kind === 'message'),
      value,
    );
  }
});

test('a config panic whose reason reads like a GLFT assertion is a config panic', () => {
  const t = triage('config validation failed: Invalid MarketMakerConfig: gamma must be > 0 (got 0)');
  assert.equal(first(t), 'config-validation');
});

test('the message alone, with a different OS error, finds its path', () => {
  assert.equal(
    first(
      triage(
        'Failed to register SIGTERM handler: Os { code: 38, kind: Unsupported, message: "Function not implemented" }',
      ),
    ),
    'signal-handler-registration',
  );
});

test('the pre-1.73 format with other values finds its path and location', () => {
  const t = triage(
    "thread 'main' panicked at 'kappa must be > 0, got -3.5', src/market_maker/strategy/spread_oracle.rs:43:5\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace",
  );
  assert.equal(t.lead?.known?.id, 'glft-kappa-gamma');
  assert.equal(t.lead?.known?.anchor, 'spread_oracle-L43');
});

test('a panic site that moved a few lines is still found by its message', () => {
  const t = triage(
    "thread 'main' panicked at src/market_maker/strategy/spread_oracle.rs:51:5:\nkappa must be > 0, got 0",
  );
  assert.equal(t.lead?.known?.id, 'glft-kappa-gamma');
});

test('a panic that matches nothing is not claimed', () => {
  const t = triage(
    "thread 'main' panicked at src/market_maker/feeds/ws.rs:120:9:\nindex out of bounds: the len is 0 but the index is 0",
  );
  assert.equal(t.kind, 'paste');
  assert.equal(t.lead?.known, undefined);
  assert.deepEqual(t.ranked, []);
});

test("Rust's generic unwrap text at another location is not the pending fill queue", () => {
  const t = triage(
    "thread 'main' panicked at src/market_maker/feeds/ws.rs:88:14:\ncalled `Option::unwrap()` on a `None` value",
  );
  assert.equal(t.lead?.known, undefined);
});

test("the original panic of a poisoning is the card's original, and the secondary path leads when the original is unknown", () => {
  const t = triage(fixture('poison.debug.bt1.txt'));
  assert.equal(t.lead?.known?.id, 'kill-switch-mutex-poisoning');
  assert.equal(t.lead?.panic.secondary, true);
  assert.equal(t.original?.panic.thread, 'tokio-runtime-worker');
  assert.match(t.original?.panic.message ?? '', /daily loss accounting/);
  assert.equal(t.original?.known, undefined);
});

test('a known original panic leads before the PoisonError it caused', () => {
  const paste = `${fixture('gamma-zero.debug.bt0.txt')}\n${fixture('poison.debug.bt0.txt').split('\n\n').at(-1)}`;
  const t = triage(paste);
  assert.equal(t.lead?.known?.id, 'glft-kappa-gamma');
  assert.deepEqual(t.ranked.map((c) => c.id).slice(0, 2), ['glft-kappa-gamma', 'kill-switch-mutex-poisoning']);
});

test('pastes wrapped by log shippers find the same page', () => {
  const plain = fixture('sigterm.debug.bt1.txt');
  const syslog = plain
    .split('\n')
    .map((l) => `Nov 23 03:12:01 mm-prod-2 market_maker[4242]: ${l}`)
    .join('\n');
  const json = plain
    .split('\n')
    .map((l) => JSON.stringify({ ts: '2026-11-23T03:12:01Z', level: 'error', msg: l }))
    .join('\n');
  const oneRecord = JSON.stringify({ level: 'error', message: plain });
  const crlf = plain.replace(/\n/g, '\r\n');
  for (const [name, paste] of Object.entries({ syslog, json, oneRecord, crlf })) {
    assert.equal(triage(paste).lead?.known?.id, 'signal-handler-registration', name);
  }
});

test('a log line after the panic does not hide its message', () => {
  const t = triage(
    "thread 'main' panicked at src/bin/market_maker.rs:2056:26:\nconfig validation failed: Invalid MarketMakerConfig: spread profile 'wide' is unknown\nsystemd[1]: market-maker.service: Main process exited, code=exited, status=101/n/a",
  );
  assert.equal(t.lead?.known?.id, 'config-validation');
  assert.ok(t.lead?.known?.evidence.some((e) => e.kind === 'message'));
});

test('a backtrace without its panic line is matched by its frames', () => {
  const bt = fixture('pending-fill.debug.bt1.txt').split('stack backtrace:\n')[1]!;
  assert.equal(first(triage(bt)), 'pending-fill-queue');
});

test('empty and blank queries have no verdict', () => {
  for (const q of ['', '   \n\t ']) {
    const t = triage(q);
    assert.equal(t.kind, 'empty');
    assert.deepEqual(t.ranked, []);
  }
});

test(`a generic message shared by many panic paths lists at most ${MAX_RANKED} of them, the located one first`, () => {
  const base = toSearchModel(model).panics;
  const pending = base.find((p) => p.id === 'pending-fill-queue')!;
  const clones = Array.from({ length: 40 }, (_, i) => ({
    ...pending,
    id: `clone-${i}`,
    locations: pending.locations.map((l) => ({ ...l, file: `src/other/mod_${i}.rs`, anchor: `mod_${i}-L${l.line}` })),
  }));
  const many = createTriage([...clones, ...base]);
  for (const q of ['called `Option::unwrap()` on a `None` value', fixture('pending-fill.debug.btfull.txt')]) {
    const t = many(q);
    assert.ok(t.ranked.length > 1 && t.ranked.length <= MAX_RANKED, `${t.ranked.length} candidates`);
  }
  assert.equal(first(many(fixture('pending-fill.debug.btfull.txt'))), 'pending-fill-queue');
});
