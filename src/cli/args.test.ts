// The preamble every CLI shares: parsed options, --help, and a usage error as one line with exit code 2.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BAD_INPUT, type Command, inputError, parseCommandLine, usageError } from './args.ts';

function command(): Command & { out: string; err: string } {
  const c = {
    name: 'tool',
    usage: 'usage: tool --repo PATH [--json] [FILE …]\n\nLonger help.',
    out: '',
    err: '',
    io: { stdout: { write: (s: string) => (c.out += s) }, stderr: { write: (s: string) => (c.err += s) } },
  };
  return c;
}
const OPTIONS = { repo: { type: 'string' }, json: { type: 'boolean', default: false } } as const;

test('options and positionals are parsed; defaults apply; nothing is printed', () => {
  const c = command();
  const r = parseCommandLine(c, ['--repo', 'x', 'a.log'], OPTIONS, { positionals: true });
  assert.ok(!('exitCode' in r));
  assert.equal(r.values.repo, 'x');
  assert.equal(r.values.json, false);
  assert.deepEqual(r.positionals, ['a.log']);
  assert.equal(c.out + c.err, '');
});

test('--help and -h print the whole usage on stdout and end with exit code 0', () => {
  for (const flag of ['--help', '-h']) {
    const c = command();
    assert.deepEqual(parseCommandLine(c, ['--repo', 'x', flag], OPTIONS), { exitCode: 0 });
    assert.equal(c.out, `${c.usage}\n`);
    assert.equal(c.err, '');
  }
});

test('a bad option, a missing value or a positional where none is taken: one line on stderr, exit 2', () => {
  const cases: [string[], RegExp][] = [
    [['--bogus'], /Unknown option '--bogus'/],
    [['--repo'], /--repo/],
    [['--json=yes'], /--json/],
    [['stray'], /positional argument/],
  ];
  for (const [argv, message] of cases) {
    const c = command();
    assert.deepEqual(parseCommandLine(c, argv, OPTIONS), { exitCode: BAD_INPUT }, argv.join(' '));
    assert.equal(c.out, '');
    const lines = c.err.trimEnd().split('\n');
    assert.equal(lines.length, 1, c.err);
    assert.match(lines[0]!, /^tool: error: /);
    assert.match(lines[0]!, message);
    assert.match(lines[0]!, /\(usage: tool --repo PATH \[--json\] \[FILE …\]\)$/);
  }
});

test('usage and input errors read like a compiler line, and return exit code 2', () => {
  const c = command();
  assert.equal(usageError(c, '--repo PATH is required'), 2);
  assert.equal(inputError(c, 'x.log: not a file'), 2);
  assert.equal(
    c.err,
    'tool: error: --repo PATH is required (usage: tool --repo PATH [--json] [FILE …])\ntool: error: x.log: not a file\n',
  );
});
