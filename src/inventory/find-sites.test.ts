// The scanner on small pieces of Rust: what is a site and what is not, where it points, what it prints.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTemplate, stringLiteralValue } from './format-string.ts';
import { findSites } from './inventory.ts';

const sitesOf = async (text: string, file = 'src/lib.rs') =>
  (await findSites([{ file, text }])).map((s) => ({
    line: s.line,
    column: s.column,
    kind: s.kind,
    message: s.message,
    fn: s.fn,
    release: s.release,
    testOnly: s.testOnly,
  }));

test('text in comments and strings, unwrap_or* and a full-range slice are no sites', async () => {
  const src = [
    'fn f(v: Vec<u8>, o: Option<u8>) -> u8 {',
    '    // o.unwrap() here would panic; panic!("no")',
    '    /* v[0] */ let s = "x.unwrap() and panic!(\\"a\\")";',
    '    let r = r#"o.expect("raw")"#;',
    '    let _ = (&v[..], s, r);',
    '    o.unwrap_or(0) + o.unwrap_or_default() + o.unwrap_or_else(|| 1)',
    '}',
  ].join('\n');
  assert.deepEqual(await sitesOf(src), []);
});

test("each kind at rustc's column, with std's message; columns count characters", async () => {
  const src = [
    'fn f(v: Vec<u8>, a: [u8; 3], o: Option<u8>, r: Result<u8, String>, i: usize) {',
    '    let _é = "ü"; o.unwrap();',
    '    r.expect("need r");',
    '    let _ = v[i] + a[i];',
    '    let _ = &v[i..];',
    '    debug_assert!(i < 3);',
    '    unreachable!("at {} of {:?}", i, v);',
    '}',
  ].join('\n');
  assert.deepEqual(await sitesOf(src), [
    {
      line: 2,
      column: 21,
      kind: 'unwrap',
      message: 'called `Option::unwrap()` on a `None` value',
      fn: 'f',
      release: true,
      testOnly: false,
    },
    { line: 3, column: 7, kind: 'expect', message: 'need r: {error}', fn: 'f', release: true, testOnly: false },
    {
      line: 4,
      column: 14,
      kind: 'index',
      message: 'index out of bounds: the len is {len} but the index is {index}',
      fn: 'f',
      release: true,
      testOnly: false,
    },
    {
      line: 4,
      column: 20,
      kind: 'index',
      message: 'index out of bounds: the len is {len} but the index is {index}',
      fn: 'f',
      release: true,
      testOnly: false,
    },
    {
      line: 5,
      column: 15,
      kind: 'slice',
      message: 'range start index {index} out of range for slice of length {len}',
      fn: 'f',
      release: true,
      testOnly: false,
    },
    {
      line: 6,
      column: 5,
      kind: 'debug_assert',
      message: 'assertion failed: i < 3',
      fn: 'f',
      release: false,
      testOnly: false,
    },
    {
      line: 7,
      column: 5,
      kind: 'unreachable',
      message: 'internal error: entered unreachable code: at {i} of {v}',
      fn: 'f',
      release: true,
      testOnly: false,
    },
  ]);
});

test('a crate macro panics where it is called, a #[track_caller] function where it is called', async () => {
  const src = [
    'macro_rules! need { ($o:expr) => { $o.expect("needed") }; }',
    '#[track_caller]',
    'fn pos(x: f64) -> f64 { assert!(x > 0.0, "not positive: {x}"); x }',
    'struct S;',
    'impl S {',
    '    fn g(&self, o: Option<u8>) -> f64 {',
    '        let _ = need!(o);',
    '        pos(1.0)',
    '    }',
    '}',
  ].join('\n');
  assert.deepEqual(
    (await sitesOf(src)).map((s) => [s.line, s.column, s.kind, s.message, s.fn]),
    [
      [7, 17, 'expect', 'needed', 'S::g'],
      [8, 9, 'assert', 'not positive: {x}', 'S::g'],
    ],
  );
});

test('test-only code: #[cfg(test)] modules, #[test] functions and the tests/ folder', async () => {
  const src = [
    'fn a(o: Option<u8>) { o.unwrap(); }',
    '#[cfg(test)]',
    'mod tests {',
    '    #[test]',
    '    fn t() { assert_eq!(1, 1); }',
    '}',
  ].join('\n');
  assert.deepEqual(
    (await sitesOf(src)).map((s) => s.testOnly),
    [false, true],
  );
  assert.deepEqual(
    (await sitesOf('fn t(o: Option<u8>) { o.unwrap(); }', 'tests/it.rs')).map((s) => s.testOnly),
    [true],
  );
  const files = [
    { file: 'src/risk/breaker.rs', text: 'fn a(o: Option<u8>) { o.unwrap(); }\n#[cfg(test)]\nmod tests;\n' },
    { file: 'src/risk/breaker/tests.rs', text: 'fn t(o: Option<u8>) { o.unwrap(); }' },
    { file: 'src/risk/mod.rs', text: '#[cfg(test)]\nmod helpers;\npub mod breaker;' },
    { file: 'src/risk/helpers/mod.rs', text: 'fn h(v: Vec<u8>) -> u8 { v[0] }' },
    { file: 'src/other.rs', text: '#![cfg(test)]\nfn o(v: Vec<u8>) -> u8 { v[1] }' },
  ];
  assert.deepEqual(
    (await findSites(files)).map((s) => [s.file, s.testOnly]),
    [
      ['src/other.rs', true],
      ['src/risk/breaker.rs', false],
      ['src/risk/breaker/tests.rs', true],
      ['src/risk/helpers/mod.rs', true],
    ],
  );
});

test('format strings: {}, {name}, {:?}, {0} and {{ }} become a template', () => {
  assert.equal(
    formatTemplate('fill {} for {oid:?} at {0} {{x}} {:.2}', { positional: ['self.px', 'sz'], named: new Map() }),
    'fill {px} for {oid} at {px} {x} {sz}',
  );
  assert.equal(stringLiteralValue('"a\\"b\\n\\u{e9}\\\n    c"'), 'a"b\né' + 'c');
  assert.equal(stringLiteralValue('r#"raw "q""#'), 'raw "q"');
});

// Linear time on hostile source: linear-time.test.ts.
