// The prefix patterns' first characters: a pattern is skipped at a position whose character it cannot start with,
// so each table must hold every ASCII character a match of its pattern can start with.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildLog, fixture, fixtureNames, WRAPPERS } from '../../test-support/sample-logs.ts';
import { PREFIX_PARTS } from './prefixes.ts';

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
  for (const [name, { re, starts }] of Object.entries(PREFIX_PARTS)) {
    let ruledOut = 0;
    for (const line of lines) {
      for (let pos = 0; pos < Math.min(line.length, 64); pos++) {
        const c = line.charCodeAt(pos);
        if (c >= 128 || starts[c] === 1) continue;
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
  for (const [name, { re, starts }] of Object.entries(PREFIX_PARTS)) {
    const seen = ascii.filter((c) => TAILS.some((t) => matchesAt(re, c + t, 0)));
    assert.ok(seen.length > 0, `${name} matches nothing here`);
    for (const c of seen) assert.equal(starts[c.charCodeAt(0)], 1, `${name} from ${JSON.stringify(c)}`);
  }
});
