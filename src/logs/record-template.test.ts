// A record line's template: a line it accepts is the template's record with other values in the varying fields,
// exactly as JSON.parse reads it; anything else is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildLog, fixture, fixtureNames, WRAPPERS } from '../test-support/sample-logs.ts';
import { recordTemplate, varyingValues } from './record-template.ts';

/** The JSON record lines of every wrapper, and the same lines written later (whole days and a whole cycle of the
 * application records later: the same records at another time). */
function recordLines(): [string, string][] {
  const panics = fixtureNames().slice(0, 3).map(fixture);
  return WRAPPERS.flatMap((w) => {
    const now = buildLog(panics, w, { appLines: 2 }).text.split('\n');
    const later = buildLog(panics, w, { appLines: 2, start: 86_400 * 3 + 16 }).text.split('\n');
    return now.map((l, i): [string, string] => [l, later[i]!]).filter(([l]) => l.startsWith('{'));
  });
}

/** Whether `line` reads as `seen`'s record with `values` in its varying fields. */
function readsAs(line: string, seen: string, values: Record<string, unknown>): boolean {
  try {
    return JSON.stringify(JSON.parse(line)) === JSON.stringify({ ...JSON.parse(seen), ...values });
  } catch {
    return false;
  }
}

test('every JSON record of the wrappers that holds its time has a template that takes it at another time', () => {
  const lines = recordLines();
  assert.ok(lines.length > 100);
  for (const [line, later] of lines) {
    assert.notEqual(later, line);
    const t = recordTemplate(line);
    assert.ok(t, line);
    const values = varyingValues(later, t);
    assert.ok(values && readsAs(later, line, values), `${line}\n${later}`);
  }
});

test('a line the template takes is the record with its values; a line it refuses is not alike', () => {
  const seen = [
    '{"time":"2026-11-26T05:00:00Z","log":"  1: a::b\\n","stream":"stderr"}',
    '{"ts":1798003220.5,"msg":"x","n":{"time":"nested"}}',
    '{ "timestamp" : "t" , "__CURSOR":"s=1;i=2", "fields":{"message":"at src/a.rs:1:2"} }',
    '{"time":"a","time":"b","x":[1,{"y":"}\\""}]}',
  ];
  // Other values for the varying fields, good and bad, and other text around them.
  const swaps: [RegExp, string][] = [
    [/2026-11-26T05:00:00Z/, '2027-01-01T00:00:00.123456Z'],
    [/2026-11-26T05:00:00Z/, 'a"b'],
    [/2026-11-26T05:00:00Z/, 'a\\\\nb'],
    [/2026-11-26T05:00:00Z/, '\u0001'],
    [/1798003220\.5/, '1798003221'],
    [/1798003220\.5/, '-1.5e+3'],
    [/1798003220\.5/, '01798003220'],
    [/1798003220\.5/, '1798003220.'],
    [/1798003220\.5/, '"1798003220"'],
    [/"t"/, '"t2"'],
    [/s=1;i=2/, 's=9;i=77'],
    [/"a"/, '"c"'],
    [/"b"/, '"d"'],
    [/nested/, 'other'],
    [/stderr/, 'stdout'],
    [/1:2/, '1:3'],
    [/}$/, '} '],
  ];
  let taken = 0;
  let refused = 0;
  for (const line of seen) {
    const t = recordTemplate(line);
    assert.ok(t, line);
    for (const [from, to] of swaps) {
      const other = line.replace(from, to);
      if (other === line) continue;
      const values = varyingValues(other, t);
      if (values) {
        taken++;
        assert.ok(readsAs(other, line, values), `${other} taken as ${JSON.stringify(values)}`);
      } else refused++;
    }
  }
  assert.ok(taken >= 5 && refused >= 10, `${taken} taken, ${refused} refused`);
});

test('a record the template cannot read exactly has none', () => {
  for (const line of [
    '{"msg":"no time here"}',
    '{"time":{"s":1}}',
    '{"time":null}',
    '{"time":"a\\"b"}',
    '{"ti\\u006de":"2026"}',
    ' {"time":"2026"}',
    '{"time":"2026"} ',
    '[{"time":"2026"}]',
  ])
    assert.equal(recordTemplate(line), undefined, line);
});
