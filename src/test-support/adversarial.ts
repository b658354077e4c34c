/**
 * Texts built to make a reader of pastes slow: long runs of one character, a marker repeated, blank lines after a
 * panic line. The linear-time tests double them; the parser benchmark prints the slowest at 1 MiB.
 */
/** A text of about `size` characters made of `unit` repeated (and `head` once in front). */
const repeat = (unit: string, size: number, head = '') => head + unit.repeat(Math.ceil(size / unit.length));

export const ADVERSARIAL: Record<string, (size: number) => string> = {
  'word characters': (n) => repeat('a', n),
  dots: (n) => repeat('.', n),
  slashes: (n) => repeat('/', n),
  colons: (n) => repeat(':', n),
  digits: (n) => repeat('1', n),
  'digits and colons': (n) => repeat('1:', n),
  '.rs without a line': (n) => repeat('a.rs', n),
  '.rs glued to words': (n) => repeat('a.rsa', n),
  'paths with a line': (n) => repeat('src/a/b.rs:1:2 ', n),
  'blank lines after a panic line': (n) => repeat('\n', n, "thread 'main' panicked at src/a.rs:1:2:\n"),
  'panicked at repeated': (n) => repeat("thread 'main' panicked at ", n),
  'panicked at lines': (n) => repeat("thread 'main' panicked at src/a.rs:1:2:\n", n),
  'a template prefix repeated': (n) => repeat('config validation failed: ', n),
  'a template prefix on every line': (n) => repeat('kappa must be > 0, got \n', n),
  'quotes and commas': (n) => repeat("', ", n, "thread 'main' panicked at '"),
  'unclosed JSON': (n) => repeat('{"a":', n),
  'JSON strings': (n) => repeat('"\\"', n, '{"msg":"'),
  'markdown link openers': (n) => repeat('[a](http://', n),
  'table pipes': (n) => repeat('| a ', n),
  'Error: lines': (n) => repeat('Error: x\n', n),
  'Caused by: lines': (n) => repeat('Caused by:\n', n, 'Error: x\n'),
  spaces: (n) => repeat(' ', n, "thread 'main' panicked at src/a.rs:1:2: x stack backtrace:"),
  'frame numbers on one line': (n) => repeat(' 0: a', n, "thread 'main' panicked at src/a.rs:1:2: x stack backtrace:"),
  "thread ' repeated": (n) => repeat("thread '", n),
  "thread ' then panicked": (n) => repeat("thread '", n) + ' panicked at src/a.rs:1:1:',
  "legacy head then '": (n) => repeat("'", n, "thread 'main' panicked at "),
  ':1:1: after a modern head': (n) => repeat(':1:1:', n, "thread 'main' panicked at "),
  'an at line of :1': (n) => repeat(':1', n, '  0: x\n    at ') + 'x',
  brackets: (n) => repeat('[', n),
  braces: (n) => repeat('{', n) + '}',
  '\\n escapes after panicked': (n) => repeat('\\n', n, 'panicked '),
  'level prefixes': (n) => repeat('ERROR [ERROR] ', n),
  'logfmt message openers': (n) => repeat(' msg="\\', n, 'level=error'),
  'logfmt pairs': (n) => repeat(' a=b', n, 'msg="x"'),
  timestamps: (n) => repeat('2026-11-23T03:12:01Z ', n),
  // journald's byte-array field, every byte an escape: decoded whole, then its colours dropped.
  'a JSON byte array': (n) => `${repeat('27,91,', n, '{"MESSAGE":[')}109]}`,
  'frame starts': (n) => repeat('0: ', n),
  'numbered frames': (n) =>
    repeat('  0: market_maker::f\n             at /home/deploy/hl-mm/src/a.rs:1:1\n', n, 'stack backtrace:\n'),
  'binary junk': (n) => {
    let seed = 42;
    let s = '';
    for (let i = 0; i < n; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      s += String.fromCharCode(seed >>> 24);
    }
    return s;
  },
};
