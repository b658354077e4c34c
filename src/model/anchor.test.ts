import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coversLine, frameAnchor, locationAnchor, shortLocation } from './anchor.ts';

test('the anchor scheme of the README', () => {
  assert.equal(locationAnchor({ file: 'src/market_maker/strategy/spread_oracle.rs', line: 43 }), 'spread_oracle-L43');
  assert.equal(
    locationAnchor({ file: 'src/market_maker/orchestrator/quote_engine.rs', line: 276, endLine: 279 }),
    'quote_engine-L276-L279',
  );
  assert.equal(
    locationAnchor({ file: 'src/market_maker/strategy/spread_oracle.rs', line: 130, openEnded: true }),
    'spread_oracle-L130-plus',
  );
  assert.equal(
    locationAnchor({ file: 'src/market_maker/orchestrator/handlers.rs', throughout: true }),
    'handlers-throughout',
  );
  assert.equal(frameAnchor('EventLoop::run'), 'frame-EventLoop-run');
  assert.equal(frameAnchor('tokio::runtime::task::harness::*'), 'frame-tokio-runtime-task-harness');
});

test('short locations read like the reference', () => {
  assert.equal(
    shortLocation({ file: 'src/market_maker/strategy/spread_oracle.rs', line: 54, endLine: 56 }),
    'spread_oracle.rs:54-56',
  );
  assert.equal(
    shortLocation({ file: 'src/market_maker/strategy/spread_oracle.rs', line: 130, openEnded: true }),
    'spread_oracle.rs:130+',
  );
  assert.equal(shortLocation({ file: 'src/market_maker/orchestrator/handlers.rs' }), 'handlers.rs (throughout)');
});

test('a reported line falls on a location, a range or an open range', () => {
  assert.ok(coversLine({ file: 'a.rs', line: 43 }, 43));
  assert.ok(!coversLine({ file: 'a.rs', line: 43 }, 44));
  assert.ok(coversLine({ file: 'a.rs', line: 934, endLine: 936 }, 935));
  assert.ok(!coversLine({ file: 'a.rs', line: 934, endLine: 936 }, 937));
  assert.ok(coversLine({ file: 'a.rs', line: 130, openEnded: true }, 400));
});
