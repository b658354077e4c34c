import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanSymbol, highestAppFrame, isInApp, normalizeFile } from './frames.ts';

test('cleanSymbol drops v0 crate hashes, legacy ::h suffixes, addresses and whitespace', () => {
  assert.equal(cleanSymbol('  std[e28293b1aa0f68bd]::panicking::default_hook  '), 'std::panicking::default_hook');
  assert.equal(
    cleanSymbol('<std[e28293b1aa0f68bd]::sys::stdio::unix::Stderr as std[e28293b1aa0f68bd]::io::Write>::write_fmt'),
    '<std::sys::stdio::unix::Stderr as std::io::Write>::write_fmt',
  );
  assert.equal(cleanSymbol('market_maker::main::hf6678d33210f1b57'), 'market_maker::main');
  assert.equal(cleanSymbol('0x5580d64847fa - market_maker::main::hf6678d33210f1b57'), 'market_maker::main');
});

test('cleanSymbol keeps names that only look like hashes', () => {
  assert.equal(cleanSymbol('market_maker::h0123'), 'market_maker::h0123');
  assert.equal(cleanSymbol('market_maker::hash_book::hashes'), 'market_maker::hash_book::hashes');
  assert.equal(cleanSymbol('Vec<[u8; 32]>::len'), 'Vec<[u8; 32]>::len');
});

test('closures: v0 {closure#N} becomes {{closure}}, legacy {{closure}} stays', () => {
  assert.equal(
    cleanSymbol('std[e28293b1aa0f68bd]::panicking::default_hook::{closure#0}'),
    'std::panicking::default_hook::{{closure}}',
  );
  assert.equal(cleanSymbol('a::b::{closure#12}::{closure#0}'), 'a::b::{{closure}}::{{closure}}');
  assert.equal(cleanSymbol('market_maker::x::{{closure}}'), 'market_maker::x::{{closure}}');
});

const STD = '/rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/std/src/panicking.rs';

test('isInApp: the app crate, or a file under the app src/', () => {
  assert.equal(isInApp('market_maker::main'), true);
  assert.equal(
    isInApp(
      'market_maker::market_maker::risk::kill_switch::KillSwitch::evaluate',
      '/home/deploy/hl-mm/src/market_maker/risk/kill_switch.rs',
    ),
    true,
  );
  assert.equal(isInApp('<market_maker::book::Level as core::fmt::Display>::fmt'), true);
  assert.equal(isInApp('<impl market_maker::Foo for alloc::vec::Vec<u8>>::f'), true);
  assert.equal(
    isInApp('hl_sdk::client::post', '/home/deploy/hl-mm/src/client.rs'),
    true,
    'a workspace crate under src/',
  );
  assert.equal(isInApp('hl_sdk::client::post', 'C:\\build\\hl-mm\\src\\client.rs'), true);
  assert.equal(isInApp('hl_sdk::client::post'), false, 'no app crate, no file');
});

test('isInApp: runtime symbols and foreign paths are never the app', () => {
  for (const s of [
    'std::rt::lang_start',
    'core::panicking::panic_fmt',
    'alloc::boxed::Box<T>::new',
    'tokio::runtime::task::raw::poll',
    '__rustc::rust_begin_unwind',
    '__rust_try',
    'rust_begin_unwind',
    'backtrace::capture',
    '_start',
    '__libc_start_main_impl',
    'main',
    '<unknown>',
    'std[e28293b1aa0f68bd]::rt::lang_start_internal',
  ]) {
    assert.equal(isInApp(s, '/home/deploy/hl-mm/src/x.rs'), false, s);
  }
  // Normalising std's path would yield `src/panicking.rs`: the raw path must decide.
  assert.equal(isInApp('some::generic::<market_maker::X>', STD), false);
  assert.equal(isInApp('market_maker::inlined', STD), false);
  assert.equal(
    isInApp(
      'serde_json::de::from_str',
      '/home/deploy/.cargo/registry/src/index.crates.io-6f17d22bba15001f/serde_json-1.0.1/src/de.rs',
    ),
    false,
  );
  assert.equal(
    isInApp('x::y', '/home/deploy/.rustup/toolchains/stable/lib/rustlib/src/rust/library/core/src/option.rs'),
    false,
  );
  assert.equal(isInApp('__libc_start_call_main', './csu/../sysdeps/nptl/libc_start_call_main.h'), false);
});

test('normalizeFile: forward slashes, cut at the last src/, no leading ./', () => {
  assert.equal(normalizeFile('/home/deploy/hl-mm/src/bin/x.rs'), 'src/bin/x.rs');
  assert.equal(normalizeFile('C:\\build\\hl\\src\\a.rs'), 'src/a.rs');
  assert.equal(normalizeFile('./src/a.rs'), 'src/a.rs');
  assert.equal(normalizeFile('src/a.rs'), 'src/a.rs');
  assert.equal(normalizeFile('/a/src/vendor/src/b.rs'), 'src/b.rs');
  assert.equal(normalizeFile('./build.rs'), 'build.rs');
  assert.equal(normalizeFile('/abs/lib.rs'), '/abs/lib.rs');
});

test('highestAppFrame: the lowest-index in-app frame, whatever the array order', () => {
  const frames = [
    { index: 5, inApp: true, symbol: 'b' },
    { index: 0, inApp: false, symbol: 'std' },
    { index: 3, inApp: true, symbol: 'a' },
  ];
  assert.equal(highestAppFrame(frames)?.symbol, 'a');
  assert.equal(highestAppFrame([{ index: 0, inApp: false }]), undefined);
  assert.equal(highestAppFrame([]), undefined);
});
