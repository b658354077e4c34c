// A typed `file.rs:LINE` that is not a panic site still leads to the reference page that names that line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toSearchModel } from '../model/search-model.ts';
import { matchPlaces } from './places.ts';
import { createTriage } from './verdict.ts';
import { realModel } from '../test-support/real-model.ts';

const model = realModel();
const search = toSearchModel(model);
const triage = createTriage(search.panics, search.places);

test('a line inside a safe-by-design range leads to its row', () => {
  assert.deepEqual(
    matchPlaces('event_loop.rs:935', search.places).map((p) => p.path),
    ['safe-by-design/#event_loop-L934-L936'],
  );
  assert.deepEqual(
    matchPlaces('src/market_maker/orchestrator/quote_engine.rs:276', search.places).map((p) => p.path),
    ['safe-by-design/#quote_engine-L276-L279'],
  );
});

test('lines that no reference page names, other files and bare file names find no place', () => {
  assert.deepEqual(matchPlaces('event_loop.rs:933', search.places), []);
  assert.deepEqual(matchPlaces('src/other/event_loop.rs:935', search.places), []);
  assert.deepEqual(matchPlaces('event_loop.rs', search.places), []);
});

test('a panic site named by a layer of protection too: the panic path first, then the layer', () => {
  const t = triage('market_maker.rs:2056');
  assert.equal(t.ranked[0]?.id, 'config-validation');
  assert.ok(
    t.places.some((p) => p.path.startsWith('numerical-stability/#market_maker-L2056')),
    JSON.stringify(t.places),
  );
});

test('a file named without a line points at the panic paths in it', () => {
  assert.equal(triage('kill_switch.rs').ranked[0]?.id, 'kill-switch-mutex-poisoning');
  assert.equal(triage('event_loop.rs:934').ranked.length, 0);
  assert.equal(triage('event_loop.rs:934').places[0]?.path, 'safe-by-design/#event_loop-L934-L936');
});

test('Pagefind is asked for the file stem of a typed path, never for the path itself', () => {
  assert.equal(triage('./src/market_maker/orchestrator/quote_engine.rs:276:13').pagefindQuery, 'quote_engine');
});
