import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { classify } from '../inventory/classify.ts';
import { inventoryRecord, serializeRecord } from '../inventory/record.ts';
import { type FoundSite, INVENTORY_FILE, inventoryRecordSchema } from '../model/inventory.ts';
import { inventoryFileProblems } from '../model/inventory-digest.ts';
import { formatError, loadContent } from '../model/load-content.ts';
import { SOURCE_CHECK_FILE } from '../model/model.ts';
import { toSearchModel } from '../model/search-model.ts';
import { sourceCheckSchema } from '../model/source-check.ts';
import { createTriage } from '../search/verdict.ts';
import { generateContent, REAL_CONTENT, ROOT } from './generate.ts';
import { SHARES } from './generate-inventory.ts';
import { benchQueries, INVENTORY_PANIC } from './search.ts';

const N = 50;

test('the generator writes N valid panic paths with unique ids, frames and related ids that exist', (t) => {
  const out = join(tmpdir(), `mm-bench-gen-${process.pid}`);
  t.after(() => rmSync(out, { recursive: true, force: true }));
  const { dir, ids } = generateContent({ n: N, seed: 7, out });
  const { model, errors } = loadContent(dir, dir);
  assert.deepEqual(errors.map(formatError), []);
  assert.equal(model.panics.length, N);
  assert.equal(new Set(model.panics.map((p) => p.id)).size, N, 'ids are unique');
  assert.deepEqual(new Set(ids), new Set(model.panics.map((p) => p.id)));
  const symbols = new Set(model.frameGroups.flatMap((g) => g.frames.map((f) => f.symbol)));
  for (const p of model.panics) {
    for (const s of p.callChain) assert.ok(symbols.has(s), `${p.id}: frame ${s}`);
    for (const r of p.related) if (r.id !== undefined) assert.ok(ids.includes(r.id), `${p.id}: related ${r.id}`);
  }
  // Looks like the real thing: several severities, templates with placeholders, files under src/market_maker/.
  assert.ok(new Set(model.panics.map((p) => p.severity)).size >= 3);
  assert.ok(model.panics.some((p) => p.messages.some((m) => /\{[a-z_]+\}/.test(m.template))));
  assert.ok(model.panics.every((p) => p.locations.every((l) => l.file.startsWith('src/'))));
});

test('the generator is deterministic for a seed', (t) => {
  const a = join(tmpdir(), `mm-bench-gen-a-${process.pid}`);
  const b = join(tmpdir(), `mm-bench-gen-b-${process.pid}`);
  t.after(() => [a, b].forEach((d) => rmSync(d, { recursive: true, force: true })));
  generateContent({ n: 20, seed: 3, out: a });
  generateContent({ n: 20, seed: 3, out: b });
  const files = readdirSync(join(a, 'panics')).sort();
  assert.deepEqual(files, readdirSync(join(b, 'panics')).sort());
  for (const f of files) assert.equal(readFileSync(join(a, 'panics', f), 'utf8'), readFileSync(join(b, 'panics', f), 'utf8'));
  for (const f of ['frames.yaml', INVENTORY_FILE, SOURCE_CHECK_FILE]) assert.equal(readFileSync(join(a, f), 'utf8'), readFileSync(join(b, f), 'utf8'), f);
  const c = join(tmpdir(), `mm-bench-gen-c-${process.pid}`);
  t.after(() => rmSync(c, { recursive: true, force: true }));
  generateContent({ n: 20, seed: 4, out: c });
  assert.notEqual(readFileSync(join(a, INVENTORY_FILE), 'utf8'), readFileSync(join(c, INVENTORY_FILE), 'utf8'), 'another seed, another inventory');
});

test('the generated inventory keeps the real sites, adds N of every kind, and the build accepts it', (t) => {
  const out = join(tmpdir(), `mm-bench-inv-${process.pid}`);
  t.after(() => rmSync(out, { recursive: true, force: true }));
  const SITES = 400;
  const { dir, sites, commit } = generateContent({ n: N, seed: 11, out, sites: SITES });
  const text = readFileSync(join(dir, INVENTORY_FILE), 'utf8');
  const record = inventoryRecordSchema.parse(JSON.parse(text));
  const check = sourceCheckSchema.parse(JSON.parse(readFileSync(join(dir, SOURCE_CHECK_FILE), 'utf8')));
  // Recorded as the inventory CLI records: its order, its digest, its bytes; read at the source-check's commit.
  assert.equal(text, serializeRecord(inventoryRecord(record.sites, record.commit)));
  assert.equal(record.commit, check.commit);
  assert.equal(record.commit, commit);
  assert.deepEqual(inventoryFileProblems(text, check.commit), [], 'no digest or stale error');
  assert.ok(inventoryFileProblems(text, '0'.repeat(40)).some((p) => p.field === 'commit'), 'the stale check is in force');

  const real = inventoryRecordSchema.parse(JSON.parse(readFileSync(join(REAL_CONTENT, INVENTORY_FILE), 'utf8'))).sites;
  assert.equal(record.sites.length, real.length + SITES);
  assert.equal(sites, record.sites.length);
  const key = (s: FoundSite) => `${s.file}:${s.line}:${s.column}`;
  const got = new Map(record.sites.map((s) => [key(s), s]));
  for (const s of real) assert.deepEqual(got.get(key(s)), s, `real site ${key(s)} kept`);
  const lines = new Set(real.map((s) => `${s.file}:${s.line}`));
  for (const s of record.sites.filter((x) => !real.some((y) => key(y) === key(x)))) {
    assert.ok(!lines.has(`${s.file}:${s.line}`), `${key(s)}: one synthetic site a line, on no real site's line`);
    lines.add(`${s.file}:${s.line}`);
  }

  const { model, errors } = loadContent(dir, dir);
  assert.deepEqual(errors.map(formatError), []);
  const realKeys = new Set(real.map(key));
  const synthetic = classify(model, record.sites).filter((s) => !realKeys.has(key(s)));
  // Real sites stand against the generated model as against the real one: no generated location covers one.
  const realModel = loadContent(REAL_CONTENT, ROOT).model;
  const before = new Map(classify(realModel, real).map((s) => [key(s), s.status]));
  for (const s of classify(model, real)) assert.equal(s.status, before.get(key(s)), `real site ${key(s)}`);

  const generatedIds = new Set(model.panics.map((p) => `panics/${p.id}`).filter((e) => !realModel.panics.some((p) => `panics/${p.id}` === e)));
  const documented = synthetic.filter((s) => s.status === 'documented');
  assert.ok(documented.length > 0 && documented.length <= Math.floor(SITES * SHARES.documented));
  for (const s of documented) assert.ok(generatedIds.has(s.entry!), `${key(s)} documented by a generated path, not ${s.entry}`);
  assert.equal(synthetic.filter((s) => s.testOnly).length, Math.round(SITES * SHARES.testOnly));
  assert.ok(synthetic.filter((s) => !s.testOnly && s.status === 'undocumented').length >= SITES / 2);
  // Every kind a crate has, std's messages and custom ones, in the generated files' functions.
  const kinds = new Set(synthetic.map((s) => s.kind));
  for (const k of ['unwrap', 'expect', 'index', 'slice', 'assert', 'assert_eq', 'debug_assert', 'panic', 'unreachable'] as const) assert.ok(kinds.has(k), `a ${k} site`);
  assert.ok(synthetic.some((s) => s.message === 'called `Option::unwrap()` on a `None` value'));
  assert.ok(synthetic.some((s) => s.kind === 'expect' && !s.message.startsWith('called')));
  assert.ok(synthetic.every((s) => !s.kind.startsWith('debug_') || !s.release), 'a debug assertion never fires in --release');
  const frameOf = new Map(model.frameGroups.flatMap((g) => g.frames.filter((f) => f.file !== undefined).map((f) => [`${f.file}|${f.symbol}`, true])));
  for (const s of synthetic.filter((x) => !x.testOnly)) {
    assert.ok(frameOf.has(`${s.file}|${s.fn.replace(/::\{\{closure\}\}$/, '')}`), `${key(s)}: ${s.fn} is a frame of ${s.file}`);
    assert.ok(s.code.length > 0 && s.column > 0);
  }
  assert.ok(synthetic.every((s) => s.subsystem !== null), 'every generated file is in a subsystem');

  // The benchmark's query of a real captured undocumented panic lands on its site's card here.
  const search = toSearchModel(model, { sites: classify(model, record.sites) });
  const query = benchQueries().find((q) => q.q === readFileSync(join(ROOT, INVENTORY_PANIC.dir, INVENTORY_PANIC.file), 'utf8').trim());
  assert.ok(query, 'the inventory panic is a bench query');
  const result = createTriage(search.panics, search.places, { sites: search.sites })(query.q);
  const [, file, line] = /panicked at (\S+?\.rs):(\d+):/.exec(query.q)!;
  assert.equal(result.site?.status, 'undocumented');
  assert.equal(`${result.site?.file}:${result.site?.line}`, `${file}:${line}`);
});
