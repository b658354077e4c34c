// What a site prints when its message is built away from the panic: a const of the crate, a `format!`, a local bound
// to one, the crate's own macros forwarding their arguments to `panic!`. The fixture crate's captured panics check
// the same shapes against the binary (inventory.test.ts); these check the edges the binary does not reach.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findSites } from './inventory.ts';

const messagesOf = async (files: Record<string, string>) =>
  (await findSites(Object.entries(files).map(([file, text]) => ({ file, text })))).map(
    (s) => `${s.file}:${s.line} ${s.kind} ${s.message}${s.alternative === undefined ? '' : ` | ${s.alternative}`}`,
  );

test('a const or static string of the crate, by name, by path, imported; one of two values is unknown', async () => {
  const lib = [
    'pub mod config;',
    'use config::IMPORTED;',
    'const HERE: &str = "here";',
    'pub const TWICE: &str = "one";',
    'fn f(o: Option<u8>) {',
    '    o.expect(HERE);',
    '    o.expect(config::BY_PATH);',
    '    o.expect(IMPORTED);',
    '    o.expect(TWICE);',
    '    o.expect(NOT_A_STRING);',
    '}',
  ].join('\n');
  const config = [
    'pub const BY_PATH: &str = "by path";',
    'pub static IMPORTED: &\'static str = r"imported";',
    'pub const TWICE: &str = "two";',
    'pub const NOT_A_STRING: usize = 3;',
  ].join('\n');
  assert.deepEqual(await messagesOf({ 'src/lib.rs': lib, 'src/config.rs': config }), [
    'src/lib.rs:6 expect here',
    'src/lib.rs:7 expect by path',
    'src/lib.rs:8 expect imported',
    'src/lib.rs:9 expect {msg}',
    'src/lib.rs:10 expect {msg}',
  ]);
});

test('`&format!(…)` and a local bound to one, also through `.as_str()` and `[..]`; a local bound twice, or in another function, is unknown', async () => {
  const lib = [
    'fn f(o: Option<u8>, key: &str, n: usize) {',
    '    o.expect(&format!("missing `{key}` in [{}]", n));',
    '    let msg = format!("no {} here", key);',
    '    o.expect(&msg);',
    '    o.expect(msg.as_str());',
    '    o.expect(&msg[..]);',
    '    let again = "first";',
    '    let again = String::new();',
    '    o.expect(&again);',
    '}',
    'fn g(o: Option<u8>) {',
    '    o.expect(&msg);',
    '}',
  ].join('\n');
  assert.deepEqual(await messagesOf({ 'src/lib.rs': lib }), [
    'src/lib.rs:2 expect missing `{key}` in [{n}]',
    'src/lib.rs:4 expect no {key} here',
    'src/lib.rs:5 expect no {key} here',
    'src/lib.rs:6 expect no {key} here',
    'src/lib.rs:9 expect {msg}',
    'src/lib.rs:12 expect {msg}',
  ]);
});

test('a Result prints `msg: {error}`, an Option the message alone, an unknown receiver either', async () => {
  const lib = [
    'type Fallible<T> = Result<T, String>;',
    'fn read() -> Fallible<u8> { Ok(1) }',
    'fn f(s: &str, g: impl Fn() -> Option<u8>) {',
    '    u16::from_str_radix(s, 16).expect("hex");',
    '    read().expect(&format!("read {}", s));',
    '    s.chars().next().expect("a char");',
    '    g().expect("from g");',
    '}',
  ].join('\n');
  assert.deepEqual(await messagesOf({ 'src/lib.rs': lib }), [
    'src/lib.rs:4 expect hex: {error}',
    'src/lib.rs:5 expect read {s}: {error}',
    'src/lib.rs:6 expect a char',
    'src/lib.rs:7 expect from g | from g: {error}',
  ]);
});

test("the crate's macros print the caller's format string: $($arg)+, $fmt:literal, through another macro", async () => {
  const lib = [
    'macro_rules! bail { ($($arg:tt)+) => { panic!($($arg)+) }; }',
    'macro_rules! ensure {',
    '    ($cond:expr) => { if !$cond { panic!("condition failed") } };',
    '    ($cond:expr, $($arg:tt)+) => { if !$cond { panic!($($arg)+) } };',
    '}',
    'macro_rules! ensure_fmt { ($c:expr, $fmt:literal $(, $a:expr)*) => { if !$c { panic!($fmt $(, $a)*) } }; }',
    'macro_rules! check { ($c:expr, $($arg:tt)+) => { if !$c { bail!($($arg)+) } }; }',
    'macro_rules! fixed {',
    '    ($c:expr) => { if !$c { bail!("fixed {}", stringify!($c)) } };',
    '    ($c:expr, $d:expr) => { if !$c { bail!("two") } };',
    '}',
    'macro_rules! forever { ($($arg:tt)+) => { forever!($($arg)+) }; }',
    'fn f(x: u8, max: u8) {',
    '    ensure!(x > 0, "size {} too small", x);',
    '    ensure!(x > 1);',
    '    ensure_fmt!(x < max, "{x} over {}", max);',
    '    check!(x < 9, "depth {x} beyond {m}", m = 8);',
    '    fixed!(x < 10);',
    '    fixed!(x < 11, x);',
    '    forever!("never");',
    '    bail!(FROM_A_CONST);',
    '}',
  ].join('\n');
  assert.deepEqual(await messagesOf({ 'src/lib.rs': lib }), [
    'src/lib.rs:14 panic size {x} too small',
    'src/lib.rs:15 panic condition failed',
    'src/lib.rs:16 panic {x} over {max}',
    'src/lib.rs:17 panic depth {x} beyond {m}',
    'src/lib.rs:18 panic fixed {c}',
    'src/lib.rs:19 panic two',
    'src/lib.rs:21 panic {message}',
  ]);
});
