// The compiled triage (src/cli/triage-cache.ts, started by bin/mm-panics.js): it answers as the sources do, starts
// without compiling any TypeScript, and is never used once a file it was made from changed. Node's
// --no-experimental-strip-types tells the two paths apart: there the sources cannot run, the compiled triage can.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fixture, fixtureNames } from '../test-support/sample-logs.ts';
import { cachePaths } from './compiled-triage.js';
import { builtinsTaken } from './triage-cache.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const launcher = join(root, 'bin/mm-panics.js');
const work = mkdtempSync(join(tmpdir(), 'mm-compiled-triage-'));
// The children inherit it; cachePaths here reads it too.
process.env.MM_PANICS_CACHE = join(work, 'cache');
const content = join(work, 'content');
cpSync(join(root, 'content'), content, { recursive: true });
const log = join(work, 'all.log');
writeFileSync(log, fixtureNames().map(fixture).join('\n'));

function triage(...nodeFlags: string[]) {
  const r = spawnSync(process.execPath, [...nodeFlags, launcher, 'triage', '--json', '--content', content, log], {
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const compiledOnly = () => triage('--no-experimental-strip-types');

test('the first run reads the sources and compiles the triage; the next answers the same without any TypeScript', () => {
  const sources = triage();
  assert.equal(sources.code, 3, sources.stderr);
  assert.ok(sources.stdout.includes('"kill-switch-mutex-poisoning"'));
  const manifest = JSON.parse(readFileSync(cachePaths(root, content).manifest, 'utf8')) as { sources: [string][] };
  assert.ok(
    manifest.sources.some(([p]) => p.endsWith('src/logs/groups.ts')),
    'the manifest lists the triage sources',
  );
  assert.ok(
    manifest.sources.some(([p]) => p.endsWith('src/model/load-content.ts')),
    'and the content reader',
  );
  const compiled = compiledOnly();
  assert.equal(compiled.code, sources.code, compiled.stderr);
  assert.equal(compiled.stdout, sources.stdout);
  assert.ok(compiled.stdout.includes('"kind":"inventory"'), 'a panic at an undocumented site of the inventory');
});

test("the compiled triage reads the inventory's sites when a panic first needs them, not at start", () => {
  assert.equal(triage().code, 3);
  const paths = cachePaths(root, content);
  const kept = readFileSync(paths.sites);
  /** Writes the sites file and stamps it in the manifest, so that the manifest still takes it. */
  const replaceSites = (data: Buffer) => {
    writeFileSync(paths.sites, data);
    const manifest = JSON.parse(readFileSync(paths.manifest, 'utf8')) as { data: [string, number, number][] };
    const st = statSync(paths.sites);
    manifest.data = manifest.data.map(([p]) => [p, st.size, st.mtimeMs]);
    writeFileSync(paths.manifest, JSON.stringify(manifest));
  };
  // Not JSON: only a read of it can tell.
  replaceSites(Buffer.alloc(kept.length, 0x78));
  try {
    const quiet = join(work, 'quiet.log');
    writeFileSync(quiet, 'INFO quoting\nINFO still quoting\n');
    const r = spawnSync(
      process.execPath,
      ['--no-experimental-strip-types', launcher, 'triage', '--content', content, quiet],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'no panic found\n');
    const withPanics = compiledOnly();
    assert.notEqual(withPanics.code, 3, 'a log with panics reads the sites (here not JSON)');
    assert.match(withPanics.stderr, /sites\.json: the compiled triage's inventory cannot be read/);
    assert.ok(withPanics.stderr.length < 2000, 'the error names the file, it does not quote it');
  } finally {
    replaceSites(kept);
  }
  assert.equal(compiledOnly().code, 3);
});

test("the compiled triage takes Node's modules as they are, without importing them as ES modules", () => {
  assert.equal(triage().code, 3);
  const bundle = readFileSync(cachePaths(root, content).bundle, 'utf8');
  const head = bundle.slice(0, 2000);
  assert.ok(/const \{[^}]*\}=process\.getBuiltinModule\("node:path"\);/.test(head), head);
  assert.ok(!/\bimport\s*[{*\w$][^;]{0,200}from\s*"node:/.test(bundle), 'a static import of a Node module is left');
  assert.equal(
    builtinsTaken(
      'import{a as b,c}from"node:fs";import*as z from"node:path";import d from"node:os";x("import{e}from\\"node:fs\\"")',
    ),
    'const {a:b,c}=process.getBuiltinModule("node:fs");const z=process.getBuiltinModule("node:path");' +
      'const d=process.getBuiltinModule("node:os");x("import{e}from\\"node:fs\\"")',
  );
});

test('a changed content file is read again: the answer follows the content, not the compiled model', () => {
  assert.equal(triage().code, 3);
  const page = join(content, 'panics/kill-switch-mutex-poisoning.mdx');
  writeFileSync(
    page,
    readFileSync(page, 'utf8').replace(/^title: .*$/m, 'title: Kill switch mutex poisoning (edited)'),
  );
  assert.notEqual(compiledOnly().code, 3, 'a stale compiled triage must not run');
  const edited = triage();
  assert.ok(edited.stdout.includes('Kill switch mutex poisoning (edited)'), edited.stderr);
  assert.equal(compiledOnly().stdout, edited.stdout, 'compiled again from the edited content');
});

test('a file added to the content folder makes the compiled triage stale', () => {
  assert.equal(triage().code, 3);
  assert.equal(compiledOnly().code, 3);
  writeFileSync(join(content, 'notes.txt'), 'a new file');
  assert.notEqual(compiledOnly().code, 3);
});

test('a source the compiled triage was made from that changed makes it stale', () => {
  assert.equal(triage().code, 3);
  const path = cachePaths(root, content).manifest;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { sources: [string, number, number][] };
  const groups = manifest.sources.find(([p]) => p.endsWith('src/logs/groups.ts'))!;
  groups[2] -= 1000;
  writeFileSync(path, JSON.stringify(manifest));
  assert.notEqual(compiledOnly().code, 3);
});
