/**
 * Rust source built to make the inventory slow or crash it: many sites on one generated line, a method chain
 * thousands of calls long, deep nesting, a `#[track_caller]` call graph with cycles and shared names. Each takes
 * a size in characters; the linear-time test doubles them.
 */

/** `unit(i)` repeated until the text holds about `size` characters, between `head` and `tail`. */
function build(size: number, head: string, unit: (i: number) => string, tail: string): string {
  const parts = [head];
  let length = head.length + tail.length;
  for (let i = 0; length < size; i++) {
    const u = unit(i);
    parts.push(u);
    length += u.length;
  }
  parts.push(tail);
  return parts.join('');
}

export const ADVERSARIAL_RUST: Record<string, (size: number) => string> = {
  // A generated one-line sum: every term is a site, and each site's line is the whole file.
  'a one-line sum of indexed terms': (n) =>
    build(n, 'pub fn s(v: &[u64]) -> u64 { v[0]', (i) => ` + v[${i + 1}]`, ' }\n'),
  'a method chain on one line': (n) => build(n, 'pub fn c(a: Option<u8>) { a', () => '.unwrap()', '; }\n'),
  'a long chain of pass-through combinators': (n) =>
    build(n, 'pub fn m(o: Option<u8>) { o', () => '.map(|x| x)', '.unwrap(); }\n'),
  'deeply nested blocks': (n) => {
    const depth = Math.floor(n / 8);
    return `pub fn d(v: Vec<u8>) { ${'{ '.repeat(depth)}v[0].checked_add(1).unwrap();${' }'.repeat(depth)} }\n`;
  },
  'deeply nested parentheses in an assert': (n) => {
    const depth = Math.floor(n / 4);
    return `pub fn p(x: bool) { assert!(${'('.repeat(depth)}x${')'.repeat(depth)}, "{}", x); }\n`;
  },
  'nested closures, each with a site': (n) => {
    const depth = Math.floor(n / 24);
    return `pub fn n(o: Option<u8>) { ${'let _ = |x: u8| { o.unwrap(); '.repeat(depth)}${' };'.repeat(depth)} }\n`;
  },
  'nested macro calls': (n) => {
    const depth = Math.floor(n / 8);
    return `pub fn h(o: Option<u8>) { ${'m!('.repeat(depth)}o.unwrap()${')'.repeat(depth)}; }\n`;
  },
  'a macro call with thousands of arguments': (n) =>
    build(n, 'pub fn e(v: Vec<u8>) { println!("{}"', () => ', v[0]', '); }\n'),
  'a macro_rules! body nested deep': (n) => {
    const depth = Math.floor(n / 2);
    return `macro_rules! deep { () => { ${'('.repeat(depth)}panic!("deep")${')'.repeat(depth)} }; }\npub fn k() { deep!(); }\n`;
  },
  // A crate macro forwarding its arguments to `panic!` and to a macro that calls it twice back, called nested deep:
  // each call splits its own arguments and expands a bounded number of entries.
  "the crate's forwarding macros, calling each other, called nested deep": (n) => {
    const depth = Math.floor(n / 12);
    return (
      'macro_rules! f { ($($a:tt)+) => { g!($($a)+); panic!($($a)+) }; }\n' +
      'macro_rules! g { ($c:expr, $($a:tt)+) => { f!($($a)+); f!($c, $($a)+) }; }\n' +
      `pub fn k(v: u8) { ${'f!(v, f!('.repeat(depth)}"x {} y", v${'))'.repeat(depth)}; }\n`
    );
  },
  'many expect messages from format! and consts, many lines': (n) =>
    build(
      n,
      'const M: &str = "const message";\n',
      (i) =>
        `pub fn e${i}(o: Option<u8>, k: &str) { let msg = format!("no {k} at ${i}"); o.expect(&msg); ` +
        `o.expect(M); o.expect(&format!("{} {}", k, msg)); ensure!(o.is_some(), "e{} {}", k, msg); }\n`,
      'macro_rules! ensure { ($c:expr, $($a:tt)+) => { if !$c { panic!($($a)+) } }; }\n',
    ),
  'many sites per line, many lines': (n) =>
    build(
      n,
      '',
      (i) => `pub fn f${i}(v: &[u8], o: Option<u8>) -> u8 { v[0] + v[1] + o.unwrap() + v.get(2).copied().unwrap() }\n`,
      '',
    ),
  // Every function is #[track_caller] and calls the next, the first and a method name two impls share.
  'a #[track_caller] call graph with cycles and shared names': (n) =>
    build(
      n,
      'struct A; struct B;\nimpl A { #[track_caller] fn remove(&self) { assert!(true, "a"); t0(); } }\n' +
        'impl B { fn remove(&self) { panic!("b") } }\n',
      (i) =>
        `#[track_caller]\nfn t${i}(a: &A) { a.remove(); t${i + 1}(a); t0(a); assert!(false, "t${i % 50}"); }\n` +
        `fn c${i}(a: &A) { t${i}(a); a.remove(); }\n`,
      '#[track_caller]\nfn tend(a: &A) { t0(a); }\n',
    ),
};

/**
 * About `bytes` of generated code with several sites a line, as a code generator writes it: the inventory of such
 * a file must finish, in bounded memory.
 */
export const generatedFile = (bytes: number): string =>
  build(
    bytes,
    '',
    (i) =>
      `fn g${i}(v: &[u8]) -> u8 {\n    let a = v[0];\n    let b = v[1];\n    a.wrapping_add(b).wrapping_add(v[2])\n}\n`,
    '',
  );

/** How many sites each function of `generatedFile` holds. */
export const GENERATED_SITES_PER_FN = 3;
