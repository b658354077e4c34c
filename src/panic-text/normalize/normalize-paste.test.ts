import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizePaste, prefixLength, unescapeJsonString } from './index.ts';

const PANIC = [
  "thread 'main' (12513) panicked at src/market_maker/strategy/spread_oracle.rs:43:5:",
  'kappa must be > 0, got 0',
  'stack backtrace:',
  '   0: __rustc::rust_begin_unwind',
  '             at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/std/src/panicking.rs:689:5',
].join('\n');
const prefixed = (prefix: string) =>
  PANIC.split('\n')
    .map((l) => prefix + l)
    .join('\n');

test('uniform prefixes are removed and backtrace indentation survives', () => {
  for (const prefix of [
    'Nov 23 03:12:01 host market_maker[123]: ',
    'Nov  3 03:12:01 host market_maker: ',
    '2026-11-23T03:12:01.123456Z ',
    '2026-11-23T03:12:01.123456Z [ERROR] ',
    '2026-11-23T03:12:01.123456Z  ERROR ',
    '[2026-11-23 03:12:01,123] [error] ',
    '2026-11-23 03:12:01.123 ERROR ',
    'ERROR: ',
    'level=error ',
    'time="2026-11-23 03:12:01" level=error ',
    'mm-7f9c4d-xk2p | ',
    'market-maker_1  | ',
    '[pod/mm-7f9c4d-xk2p/market-maker] ',
    '03:12:01.123 [WARN] ',
  ]) {
    assert.equal(normalizePaste(prefixed(prefix)), PANIC, JSON.stringify(prefix));
  }
});

test("a logger's target is removed before the panic line only", () => {
  const text =
    "2026-11-23 03:12:01.123 ERROR market_maker::panic: thread 'main' panicked at src/a.rs:1:2:\nmarket_maker: not a prefix here";
  assert.equal(normalizePaste(text), "thread 'main' panicked at src/a.rs:1:2:\nmarket_maker: not a prefix here");
});

test('when most lines are unprefixed only panic-text lines lose their prefix', () => {
  const text =
    "ERROR thread 'main' panicked at src/a.rs:1:2:\n[1, 2] is not sorted\nmore context\nnote: run with `RUST_BACKTRACE=1`";
  assert.equal(
    normalizePaste(text),
    "thread 'main' panicked at src/a.rs:1:2:\n[1, 2] is not sorted\nmore context\nnote: run with `RUST_BACKTRACE=1`",
  );
});

test('message text that resembles a level is kept once a level was stripped', () => {
  assert.equal(prefixLength('2026-11-23T03:12:01Z ERROR ERROR: disk full'), '2026-11-23T03:12:01Z ERROR '.length);
  assert.equal(
    normalizePaste('2026-11-23T03:12:01Z ERROR ERROR: disk full\n2026-11-23T03:12:01Z INFO ok'),
    'ERROR: disk full\nok',
  );
});

test('prefixLength is 0 for unprefixed lines and for backtrace lines', () => {
  assert.equal(prefixLength("thread 'main' panicked at src/a.rs:1:2:"), 0);
  assert.equal(prefixLength('   0: __rustc::rust_begin_unwind'), 0);
  assert.equal(prefixLength('             at /rustc/x/library/std/src/panicking.rs:689:5'), 0);
  assert.equal(prefixLength('kappa must be > 0, got 0'), 0);
  assert.equal(prefixLength('Error: kappa'), 0, 'mixed-case bare words are not levels');
});

test('CRLF, lone CR, BOM, ANSI colours and non-breaking spaces', () => {
  assert.equal(normalizePaste('\uFEFFa\r\nb\rc'), 'a\nb\nc');
  assert.equal(normalizePaste('\x1b[31mthread\x1b[0m \x1b[1;31mx\x1b[0m'), 'thread x');
  assert.equal(normalizePaste('a\u00a0b'), 'a b');
});

test('JSON record per line: the field holding the panic replaces the line', () => {
  const line = JSON.stringify({
    level: 'error',
    target: 'market_maker',
    fields: { message: PANIC },
    span: { name: 'run' },
  });
  assert.equal(normalizePaste(line), PANIC);
  assert.equal(normalizePaste('mm-1 | ' + line), PANIC, 'a prefix before the record goes with it');
});

test('JSON record per line without panic text: its message field', () => {
  const docker = PANIC.split('\n')
    .map((l) => JSON.stringify({ log: l + '\n', stream: 'stderr' }))
    .join('\n');
  assert.equal(normalizePaste(docker), PANIC);
  assert.equal(normalizePaste(JSON.stringify({ MESSAGE: 'kappa must be > 0', PRIORITY: '3' })), 'kappa must be > 0');
  assert.equal(normalizePaste('{"a":1}'), '{"a":1}', 'a record with nothing to show stays as it is');
});

test('the whole paste as one JSON object or array', () => {
  assert.equal(normalizePaste(JSON.stringify({ msg: PANIC }, null, 2)), PANIC);
  const arr = JSON.stringify(
    PANIC.split('\n').map((l) => ({ log: l })),
    null,
    2,
  );
  assert.equal(normalizePaste(arr), PANIC);
});

test('JSON escapes \\" \\\\ \\u0027 \\t are decoded', () => {
  const raw = '{"msg":"thread \\u0027main\\u0027 panicked at src/a.rs:1:2:\\nsaid \\"no\\" \\\\ to\\tyou"}';
  assert.equal(normalizePaste(raw), 'thread \'main\' panicked at src/a.rs:1:2:\nsaid "no" \\ to\tyou');
});

test('invalid JSON with \\n escapes around a panic is unescaped anyway', () => {
  const logfmt = 'level=error msg="thread \'main\' panicked at src/a.rs:1:2:\\nboom \\"x\\"\\nnote: run" caller=x.rs:1';
  assert.equal(normalizePaste(logfmt), 'thread \'main\' panicked at src/a.rs:1:2:\nboom "x"\nnote: run');
  const truncated = '{"msg":"thread \'main\' panicked at src/a.rs:1:2:\\nboo';
  assert.equal(normalizePaste(truncated), '{"msg":thread \'main\' panicked at src/a.rs:1:2:\nboo');
});

test('unescapeJsonString tolerates broken escapes', () => {
  assert.equal(unescapeJsonString('a\\u00'), 'a\\u00');
  assert.equal(unescapeJsonString('a\\'), 'a\\');
  assert.equal(unescapeJsonString('\\q\\u0041'), '\\qA');
});
