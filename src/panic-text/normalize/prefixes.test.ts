// The prefix patterns' first characters: a pattern is skipped at a position whose character it cannot start with,
// so each table must hold every ASCII character a match of its pattern can start with.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildLog, fixture, fixtureNames, WRAPPERS } from '../../test-support/sample-logs.ts';
import { mayStart, prefixLength, PREFIX_PARTS } from './prefixes.ts';

const matchesAt = (re: RegExp, line: string, pos: number) => {
  re.lastIndex = pos;
  return re.test(line);
};

// What follows a prefix's first character: each kind of prefix, bare and after more of its own.
const TAILS = [
  '',
  ' ',
  'INFO ',
  'NFO ',
  '[INFO] ',
  '2023-11-14T22:15:06.917Z ',
  '023-11-14T22:15:06Z ',
  'ov 26 05:00:00 ',
  '5:00:00.123 ',
  'host proc[42]: ',
  'ost hl-mm[4242]: ',
  'ime=2023-11-14 ',
  'evel=error ',
  'vc | ',
  '| ',
  'x] ',
  'app="mm"} ',
  '#[error]',
  '[error]',
  "arket_maker::risk: thread 'main' panicked at src/a.rs:1:2:",
  "sg=\"thread 'main' panicked at src/a.rs:1:2:",
  ": thread 'main' panicked at src/a.rs:1:2:",
];

const ascii = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));

test('no prefix pattern matches from an ASCII character its table leaves out', () => {
  const logLines = WRAPPERS.flatMap((w) =>
    buildLog([fixture(fixtureNames()[0]!)], w, { appLines: 3 }).text.split('\n'),
  );
  const lines = [...new Set([...ascii.flatMap((c) => TAILS.map((t) => c + t)), ...logLines])];
  for (const [name, part] of Object.entries(PREFIX_PARTS)) {
    const { re } = part;
    let ruledOut = 0;
    for (const line of lines) {
      for (let pos = 0; pos < Math.min(line.length, 64); pos++) {
        const c = line.charCodeAt(pos);
        if (mayStart(part, c)) continue;
        ruledOut++;
        assert.ok(
          !matchesAt(re, line, pos),
          `${name} matches ${JSON.stringify(line.slice(pos))} from a character it rules out`,
        );
      }
    }
    assert.ok(ruledOut > 0, `${name} rules out no character`);
  }
});

test('the tails above reach every pattern from the characters in its table', () => {
  for (const [name, part] of Object.entries(PREFIX_PARTS)) {
    const seen = ascii.filter((c) => TAILS.some((t) => matchesAt(part.re, c + t, 0)));
    assert.ok(seen.length > 0, `${name} matches nothing here`);
    for (const c of seen) assert.ok(mayStart(part, c.charCodeAt(0)), `${name} from ${JSON.stringify(c)}`);
  }
});

// The log triage reads a line whose prefix is another's but for its digits (its time) as that one was read
// (src/logs/line-view.ts `viewsAlike`): that holds while no pattern tells one digit from another.
test('no prefix pattern names a digit: each reads a digit as any digit', () => {
  for (const [name, { re }] of Object.entries(PREFIX_PARTS)) {
    // `\d`, `0-9` in a class and counts in braces stand for any digit or for none.
    const literals = re.source.replace(/\\d|0-9/g, '').replace(/\{\d+(?:,\d*)?\}/g, '');
    assert.doesNotMatch(literals, /\d/, `${name}: ${re.source}`);
  }
});

test('a line whose digits are all others has the same prefix', () => {
  const other = (line: string) => line.replace(/\d/g, (d) => String((Number(d) + 7) % 10));
  const lines = WRAPPERS.flatMap((w) => buildLog(fixtureNames().map(fixture), w, { appLines: 3 }).text.split('\n'));
  for (const line of [...lines, ...ascii.flatMap((c) => TAILS.map((t) => c + t))])
    assert.equal(prefixLength(other(line)), prefixLength(line), line);
});
