import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatError, loadContent } from '../model/load-content.ts';
import { generateContent } from './generate.ts';

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
  assert.equal(readFileSync(join(a, 'frames.yaml'), 'utf8'), readFileSync(join(b, 'frames.yaml'), 'utf8'));
});
