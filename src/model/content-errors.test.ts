// A broken content file must stop the build with a compiler-style message: file, line, field, what is wrong.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { INVENTORY_FILE } from './inventory.ts';
import { formatError, loadContent } from './load-content.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A copy of the real content with one file edited by `edit`. Without the inventory: it records a checkout against
 * the real model's locations, so any edit of a location would add its own `modelDigest is stale` error.
 */
function brokenContent(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'content-'));
  cpSync(join(root, 'content'), dir, { recursive: true, filter: (src) => basename(src) !== INVENTORY_FILE });
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  assert.notEqual(after, before, `the edit of ${file} changed nothing`);
  writeFileSync(path, after);
  return dir;
}

function errorsOf(dir: string) {
  return loadContent(dir, dir).errors;
}

test('the real content has no errors, and one panic path per file of content/panics/', () => {
  const { errors, model } = loadContent(join(root, 'content'), root);
  assert.deepEqual(errors.map(formatError), []);
  assert.deepEqual(
    model.panics.map((p) => `${p.id}.mdx`).sort(),
    readdirSync(join(root, 'content/panics'))
      .filter((f) => f.endsWith('.mdx'))
      .sort(),
  );
});

test('a duplicate id names both the file and the id', () => {
  const dir = brokenContent('panics/pending-fill-queue.mdx', (t) =>
    t.replace('id: pending-fill-queue', 'id: config-validation'),
  );
  const errors = errorsOf(dir);
  assert.equal(errors.length, 1);
  const [e] = errors;
  assert.equal(e!.file, 'panics/pending-fill-queue.mdx');
  assert.equal(e!.field, 'id');
  assert.equal(e!.line, 2);
  assert.match(e!.message, /duplicates the id "config-validation"/);
});

test('a related id that does not exist names the field and lists the known ids', () => {
  const dir = brokenContent('panics/glft-kappa-gamma.mdx', (t) =>
    t.replace('  - id: config-validation', '  - id: config-validaton'),
  );
  const [e, ...rest] = errorsOf(dir);
  assert.equal(rest.length, 0);
  assert.equal(e!.field, 'related[0].id');
  assert.equal(e!.file, 'panics/glft-kappa-gamma.mdx');
  assert.match(e!.message, /"config-validaton" that does not exist; known ids: .*config-validation/);
  assert.ok(e!.line! > 10);
});

test('a missing message list is reported as required', () => {
  const dir = brokenContent('panics/signal-handler-registration.mdx', (t) =>
    t.replace(/messages:\n  - template: .*\n    shown: .*\n/, ''),
  );
  const errors = errorsOf(dir);
  assert.ok(
    errors.some((e) => e.field === 'messages' && /is required/.test(e.message)),
    errors.map(formatError).join('\n'),
  );
});

test('a line that is not a positive integer says what a line must be', () => {
  for (const bad of ['-3', '0', '4.5', '"43"']) {
    const dir = brokenContent('panics/glft-kappa-gamma.mdx', (t) => t.replace('    line: 44\n', `    line: ${bad}\n`));
    const [e, ...rest] = errorsOf(dir);
    assert.equal(rest.length, 0, bad);
    assert.equal(e!.field, 'locations[1].line', bad);
    assert.match(e!.message, /must be a positive integer/, bad);
    const text = readFileSync(join(dir, 'panics/glft-kappa-gamma.mdx'), 'utf8');
    assert.equal(text.split('\n')[e!.line! - 1], `    line: ${bad}`, 'the error points at the line of the field');
  }
});

test('a severity outside the list names the allowed values', () => {
  const dir = brokenContent('panics/kill-switch-mutex-poisoning.mdx', (t) =>
    t.replace('severity: Critical', 'severity: Urgent'),
  );
  const [e, ...rest] = errorsOf(dir);
  assert.equal(rest.length, 0);
  assert.equal(e!.field, 'severity');
  assert.match(e!.message, /must be one of "Critical", "Startup", "Runtime", "Debug-only", got "Urgent"/);
});

test('a location file that is not a .rs path says what a file must be', () => {
  const dir = brokenContent('panics/pending-fill-queue.mdx', (t) =>
    t.replace(
      '  - file: src/market_maker/orchestrator/handlers.rs',
      '  - file: src/market_maker/orchestrator/handlers.py',
    ),
  );
  const [e, ...rest] = errorsOf(dir);
  assert.equal(rest.length, 0);
  assert.equal(e!.field, 'locations[0].file');
  assert.match(e!.message, /ending in "\.rs".*got "src\/market_maker\/orchestrator\/handlers\.py"/);
});

test('a file outside the crate is refused', () => {
  const dir = brokenContent('safe-by-design.yaml', (t) =>
    t.replace(
      'file: src/market_maker/orchestrator/quote_engine.rs, line: 276',
      'file: ../other/quote_engine.rs, line: 276',
    ),
  );
  const [e, ...rest] = errorsOf(dir);
  assert.equal(rest.length, 0);
  assert.equal(e!.file, 'safe-by-design.yaml');
  assert.equal(e!.field, 'location.file');
  assert.match(e!.message, /stay inside it/);
});

test('a misspelt field is reported as unknown', () => {
  const dir = brokenContent('panics/config-validation.mdx', (t) => t.replace('triggers:', 'trigers:'));
  const errors = errorsOf(dir);
  assert.ok(
    errors.some((e) => e.field === '(entry)' && /unknown field "trigers"/.test(e.message)),
    errors.map(formatError).join('\n'),
  );
});

test('astro build stops before building with the message and no stack trace', () => {
  const dir = brokenContent('panics/glft-kappa-gamma.mdx', (t) => t.replace('severity: Debug-only', 'severity: debug'));
  const r = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    cwd: root,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CONTENT_DIR: dir, DIST_DIR: join(dir, 'dist') },
    encoding: 'utf8',
  });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /glft-kappa-gamma\.mdx:5: error: `severity` must be one of .* got "debug"/);
  assert.match(r.stderr, /1 problem in the content; nothing was built\./);
  assert.doesNotMatch(r.stderr + r.stdout, /^\s+at /m, 'no stack trace');
  assert.equal(existsSync(join(dir, 'dist')), false, 'nothing was written');
});

test('a hand-edited source check record names its field and says what a commit must be', () => {
  const dir = mkdtempSync(join(tmpdir(), 'content-'));
  cpSync(join(root, 'content'), dir, { recursive: true });
  writeFileSync(
    join(dir, 'source-check.json'),
    JSON.stringify({ commit: 'HEAD', checkedAt: '2026-11-24T00:00:00Z', ok: true, results: {} }),
  );
  const errors = errorsOf(dir);
  assert.deepEqual(errors.map(formatError), ['source-check.json: error: `commit` must be a full git commit hash']);
  writeFileSync(join(dir, 'source-check.json'), '{ not json');
  assert.match(formatError(errorsOf(dir)[0]!), /^source-check\.json: error: `\(file\)` is not valid JSON .*--record/);
});
