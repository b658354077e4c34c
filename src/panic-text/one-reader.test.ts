// One reader of panic text: its patterns are spelled in src/panic-text/ and nowhere else in src/, and the folder
// reads nothing above it (the model's pure helpers at most), so the search page, /triage.js, the log triage and the
// Shiki grammar all read a panic the same way.
import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findPanicPatterns } from '../test-support/pattern-scan.ts';

const src = fileURLToPath(new URL('../', import.meta.url));
const sourceFiles = (pattern: string) =>
  globSync(pattern, { cwd: src })
    .filter((f) => !f.endsWith('.test.ts'))
    .sort();

test('the pattern scanner finds each kind of panic pattern, and not prose or the templates that write a panic', () => {
  const spelled = {
    'panic head': "const THREAD_HEAD = /^thread '([^'\\n]{0,200})'$/;",
    'backtrace header': 'const BACKTRACE = /^\\s{0,80}stack backtrace:/;',
    'note line': "if (/^\\s{0,80}note: /.test(line)) return 'note';",
    frame: 'const FRAME = /^\\s{0,80}\\d{1,6}:\\s/;',
    'at line': "{ name: 'keyword.other.at', match: '^\\\\s+at\\\\b' },",
    'ISO timestamp': 'const ISO = /\\d{4}-\\d{2}-\\d{2}[T ]/;',
    'clock time': 'const CLOCK = new RegExp(`\\\\[?\\\\d{2}:\\\\d{2}:\\\\d{2}`);',
    'log level': "const LEVELS = 'ERROR|WARNING|WARN|INFO';",
    needle: 'const thread = line.indexOf("thread \'");',
  };
  for (const [what, code] of Object.entries(spelled)) {
    assert.deepEqual(
      findPanicPatterns(code).map((h) => h.what),
      [what],
      code,
    );
  }
  for (const prose of [
    "card.append(el('p', 'look further back in the logs for the first \"panicked at\".'));",
    "const head = `thread '${panic.thread}' panicked at ${formatPos(panic.location)}:`;",
    '// a frame is `^\\s{0,80}\\d{1,6}:` in the grammar',
  ]) {
    assert.deepEqual(findPanicPatterns(prose), [], prose);
  }
});

test('no file of src/ outside src/panic-text/ spells a panic head, frame, note, timestamp or level pattern', () => {
  const files = sourceFiles('**/*.{ts,astro,mjs,js}').filter(
    (f) => !f.startsWith('panic-text/') && !f.startsWith('fixtures/') && !f.startsWith('test-support/'),
  );
  assert.ok(files.length > 100, `only ${files.length} files read`);
  const hits = files.flatMap((f) =>
    findPanicPatterns(readFileSync(join(src, f), 'utf8')).map((h) => `src/${f}:${h.line}: ${h.what}: ${h.text}`),
  );
  assert.deepEqual(hits, []);
});

test('the panic grammar module holds the patterns the others spelled', () => {
  const grammar = readFileSync(join(src, 'panic-text/grammar.ts'), 'utf8');
  const hits = findPanicPatterns(grammar);
  const kinds = new Set(hits.map((h) => h.what));
  for (const kind of ['at line', 'ISO timestamp', 'clock time', 'log level']) {
    assert.ok(kinds.has(kind), `grammar.ts spells no ${kind}`);
  }
  const needles = hits.filter((h) => h.what === 'needle').map((h) => h.text);
  for (const needle of [' panicked at ', "thread '", 'stack backtrace:', 'note: ']) {
    assert.ok(needles.includes(needle), `grammar.ts does not name ${JSON.stringify(needle)}`);
  }
});

test('src/panic-text/ imports nothing above it but the model', () => {
  const IMPORT = /^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm;
  for (const f of sourceFiles('panic-text/**/*.ts')) {
    for (const [, spec] of readFileSync(join(src, f), 'utf8').matchAll(IMPORT)) {
      if (!spec!.startsWith('.')) {
        assert.match(spec!, /^node:/, `src/${f} imports the package ${spec}`);
        continue;
      }
      const target = relative(src, resolve(dirname(join(src, f)), spec!));
      assert.ok(/^(?:panic-text|model)\//.test(target), `src/${f} imports src/${target}`);
    }
  }
});
