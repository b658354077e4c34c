// The inventory against three independent witnesses: the `// site:` marks written on the fixture crate's lines,
// the real panics of its binary (rustc 1.95), and Clippy's panic lints.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SITE_KINDS, type SiteKind, siteMessages } from '../model/inventory.ts';
import { compileTemplate, foldSpace, matchFolded } from '../model/template.ts';
import { parsePaste } from '../panic-text/parse-paste.ts';
import { pathAgreement } from '../model/source-path.ts';
import { CLIPPY_ARGS, type ClippyDiagnostic, clippyDiagnostics, uncovered } from './clippy.ts';
import { findSites, inventoryOf } from './inventory.ts';
import { readCrate } from './read-crate.ts';
import { realModel } from '../test-support/real-model.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CRATE = join(root, 'src/fixtures/mm-crate');
const PANICS = join(root, 'src/fixtures/inventory-panics');
const model = realModel();

const read = readCrate(CRATE);
if ('error' in read) throw new Error(read.error);
const files = read.files;
const found = await findSites(files);
const inv = await inventoryOf(CRATE, model);
if ('error' in inv) throw new Error(inv.error);
const sites = inv.sites;

/** `file:line` → the kinds the fixture's author marked on that line with `// site: kind, kind`. */
function marks(): Map<string, SiteKind[]> {
  const out = new Map<string, SiteKind[]>();
  for (const f of files) {
    f.text.split('\n').forEach((text, i) => {
      const at = text.indexOf('// site: ');
      if (at < 0) return;
      const kinds = text
        .slice(at + '// site: '.length)
        .split(',')
        .map((k) => k.trim());
      for (const k of kinds)
        assert.ok((SITE_KINDS as readonly string[]).includes(k), `${f.file}:${i + 1}: unknown kind in mark: ${k}`);
      out.set(`${f.file}:${i + 1}`, (kinds as SiteKind[]).sort());
    });
  }
  return out;
}

test('the fixture crate is the inventory exactly: every line marked `// site:` and nothing else, kind by kind', () => {
  const expected = marks();
  const actual = new Map<string, SiteKind[]>();
  for (const s of found)
    actual.set(`${s.file}:${s.line}`, [...(actual.get(`${s.file}:${s.line}`) ?? []), s.kind].sort());
  const missing = [...expected].filter(([k, v]) => JSON.stringify(actual.get(k)) !== JSON.stringify(v));
  const extra = [...actual].filter(([k]) => !expected.has(k));
  assert.deepEqual(
    missing.map(([k, v]) => `${k} ${v} (found ${actual.get(k) ?? 'none'})`),
    [],
    'marked sites the inventory misses or gets wrong',
  );
  assert.deepEqual(
    extra.map(([k, v]) => `${k} ${v}`),
    [],
    'sites the inventory finds on lines not marked',
  );
  assert.ok(expected.size > 100, `the fixture marks many sites (${expected.size})`);
});

test('the fixture holds every feature the inventory must handle', () => {
  const kinds = new Set(found.map((s) => s.kind));
  for (const k of [
    'unwrap',
    'expect',
    'unwrap_err',
    'panic',
    'unreachable',
    'assert',
    'assert_eq',
    'assert_ne',
    'debug_assert',
    'index',
    'slice',
  ] as const) {
    assert.ok(kinds.has(k), `a ${k} site`);
  }
  assert.ok(
    found.some((s) => s.testOnly && s.file.startsWith('tests/')),
    'a site under tests/',
  );
  assert.ok(
    found.some((s) => s.testOnly && s.file.startsWith('src/')),
    'a site in a #[cfg(test)] module',
  );
  assert.ok(
    found.some((s) => !s.release),
    'a debug-only site',
  );
  assert.ok(
    found.some((s) => s.fn.endsWith('::{{closure}}')),
    'a site in a closure',
  );
});

test('the sites of the documented panic paths are documented, at the model locations', () => {
  for (const p of model.panics) {
    for (const loc of p.locations.filter((l) => l.role === 'panic')) {
      const here = sites.filter((s) => s.file === loc.file && s.line === loc.line);
      assert.ok(here.length > 0, `${p.id}: a site at ${loc.file}:${loc.line}`);
      for (const s of here) assert.equal(s.status, 'documented', `${s.file}:${s.line}`);
      assert.ok(
        here.some((s) => s.release === loc.release),
        `${loc.file}:${loc.line}: release is ${loc.release} as the model says`,
      );
    }
  }
  assert.ok(
    sites.some((s) => s.status === 'undocumented' && !s.testOnly),
    'and there are undocumented ones',
  );
});

const captures = readdirSync(PANICS)
  .filter((f) => f.endsWith('.txt'))
  .sort();

test('at least eight undocumented sites have a captured real panic', () => {
  const undocumented = new Set<string>();
  for (const name of captures) {
    for (const panic of parsePaste(readFileSync(join(PANICS, name), 'utf8')).panics) {
      const site = sites.find(
        (s) => panic.location && pathAgreement(panic.location.file, s.file) === 2 && s.line === panic.location.line,
      );
      if (site?.status === 'undocumented') undocumented.add(`${site.file}:${site.line}`);
    }
  }
  assert.ok(undocumented.size >= 8, `${undocumented.size} undocumented sites captured`);
});

for (const name of captures) {
  test(`${name}: each panic printed is an inventory site: file, line, column, message and function`, () => {
    const parsed = parsePaste(readFileSync(join(PANICS, name), 'utf8'));
    assert.ok(parsed.panics.length > 0, 'the capture holds a panic');
    for (const panic of parsed.panics) {
      const loc = panic.location!;
      const here = sites.filter(
        (s) => pathAgreement(loc.file, s.file) === 2 && s.line === loc.line && s.column === loc.column,
      );
      assert.ok(
        here.length > 0,
        `a site at ${loc.file}:${loc.line}:${loc.column}; on that line: ${sites
          .filter((s) => s.line === loc.line && pathAgreement(loc.file, s.file) === 2)
          .map((s) => `${s.column} ${s.kind}`)
          .join(', ')}`,
      );
      const message = foldSpace(panic.message);
      // A site that cannot tell Option from Result holds both messages: the panic printed one of them. A template
      // of placeholders alone (`{msg}`) matches any message: it is no match of what the binary printed.
      const says = (m: string) => compileTemplate(m).literals.some((l) => l.trim() !== '');
      const site = here.find((s) =>
        siteMessages(s).some((m) => says(m) && matchFolded(compileTemplate(m), message) !== null),
      );
      assert.ok(
        site,
        `"${panic.message}" is an instance of one of ${here
          .flatMap(siteMessages)
          .map((m) => JSON.stringify(m))
          .join(', ')}`,
      );
      const frame = panic.frames.find(
        (f) => f.location && f.location.line === loc.line && f.location.column === loc.column,
      );
      // An impl block in another module than its type is `module::<impl path::Type>::method` in a backtrace.
      const symbol = frame?.symbol.replace(/<impl (?:[A-Za-z0-9_]+::)*([A-Za-z0-9_]+)>/g, '$1');
      if (symbol !== undefined)
        assert.ok(
          symbol === site.fn || symbol.endsWith(`::${site.fn}`),
          `backtrace frame ${frame!.symbol} is ${site.fn}`,
        );
    }
  });
}

const kindsOf = (diags: readonly ClippyDiagnostic[]) => new Set(diags.map((d) => d.lint));

test('every place Clippy reported (committed output of cargo clippy 1.95) is an inventory site', () => {
  const diags = JSON.parse(readFileSync(join(PANICS, 'clippy.json'), 'utf8')) as ClippyDiagnostic[];
  assert.ok(
    diags.length > 100 && kindsOf(diags).size >= 5,
    `${diags.length} diagnostics of ${kindsOf(diags).size} lints`,
  );
  assert.deepEqual(uncovered(diags, found), []);
});

const cargo = spawnSync('cargo', ['clippy', '--version'], { encoding: 'utf8' });
test('every place Clippy reports now is an inventory site (runs cargo clippy when it is installed)', () => {
  if (cargo.status !== 0) {
    // No cargo here: the committed output stands in for it, checked against the crate as it is now.
    const diags = JSON.parse(readFileSync(join(PANICS, 'clippy.json'), 'utf8')) as ClippyDiagnostic[];
    for (const d of diags)
      assert.ok(
        files.some((f) => f.file === d.file && f.text.split('\n').length >= d.lineEnd),
        `${d.file}:${d.lineEnd} exists`,
      );
    return;
  }
  const run = spawnSync('cargo', ['clippy', '--all-targets', '--message-format=json', '-q', '--', ...CLIPPY_ARGS], {
    cwd: CRATE,
    encoding: 'utf8',
    env: { ...process.env, CARGO_TARGET_DIR: join(tmpdir(), 'inventory-clippy-target') },
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, run.stderr);
  const diags = clippyDiagnostics(run.stdout);
  assert.ok(diags.length > 100, `${diags.length} diagnostics`);
  assert.deepEqual(uncovered(diags, found), []);
});
