import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadContent } from '../model/load-content.ts';
import { checkTargets, targetsOf } from './check.ts';
import { applyEdits, planFixes, staleMentions } from './fix.ts';
import { copyContent, SPREAD_ORACLE, syncedTree } from '../test-support/fixture-tree.ts';

test('applyEdits: several edits apply from the end backwards, lengths may change', () => {
  const text = 'line: 9\nendLine: 10\nother: 9\n';
  assert.equal(
    applyEdits(text, [
      { start: 6, end: 7, text: '17' },
      { start: 17, end: 19, text: '18' },
    ]),
    'line: 17\nendLine: 18\nother: 9\n',
  );
  assert.throws(
    () =>
      applyEdits('abc', [
        { start: 0, end: 2, text: 'x' },
        { start: 1, end: 3, text: 'y' },
      ]),
    /overlapping/,
  );
});

test('planFixes edits the exact characters of line/endLine in frontmatter, block and flow YAML', (t) => {
  const content = copyContent();
  t.after(() => rmSync(dirname(content), { recursive: true, force: true }));
  const { model, sources } = loadContent(content);
  const targets = targetsOf(model);
  const tree = syncedTree(model);
  const lines = new Map([...tree].map(([f, l]) => [f, f === SPREAD_ORACLE ? ['', '', ...l] : l]));
  const results = checkTargets(targets, lines);
  const { fixes, problems } = planFixes(targets, results, sources);
  assert.deepEqual(problems, []);
  const glft = fixes.find((f) => f.file.endsWith('glft-kappa-gamma.mdx'))!;
  const after = applyEdits(glft.before, glft.edits);
  assert.match(after, /line: 45\n {4}code: kappa > 0\.0/);
  assert.match(after, /line: 90\n/);
  assert.equal(
    after.replace(/line: (\d+)/g, (_, n) => `line: ${Number(n) - 2}`),
    glft.before,
    'only the numbers changed',
  );
  const layers = fixes.find((f) => f.file.endsWith('numerical-stability.yaml'))!;
  assert.match(applyEdits(layers.before, layers.edits), /line: 45, endLine: 46, code: debug_assert!/);
  assert.ok(glft.changes.includes('spread_oracle.rs 43 → 45'));
  assert.ok(layers.changes.includes('spread_oracle.rs 43-44 → 45-46'));
  assert.deepEqual(
    staleMentions(glft).map((s) => s.mention),
    ['spread_oracle.rs:46'],
  );
});

test('planFixes leaves gone and ambiguous locations alone, and refuses a value that is not a plain number', (t) => {
  const content = copyContent();
  t.after(() => rmSync(dirname(content), { recursive: true, force: true }));
  const { model, sources } = loadContent(content);
  const targets = targetsOf(model);
  const results = checkTargets(targets, new Map([...syncedTree(model)]));
  const i = results.findIndex((r) => r.entry === 'panics/pending-fill-queue');
  results[i] = { ...results[i]!, status: 'gone' };
  const j = results.findIndex((r) => r.entry === 'panics/config-validation');
  results[j] = { ...results[j]!, status: 'ambiguous', foundAt: [1, 2] };
  assert.deepEqual(planFixes(targets, results, sources).fixes, []);

  // a line written as 0x2b is not the plain number 43: not edited
  const file = join(content, 'panics', 'glft-kappa-gamma.mdx');
  const loaded = loadContent(content);
  const src = loaded.sources.panics.find((s) => s.file.endsWith('glft-kappa-gamma.mdx'))!;
  writeFileSync(file, src.text.replace('line: 43', 'line: 0x2b'));
  const hex = loadContent(content);
  const t2 = targetsOf(hex.model);
  const r2 = checkTargets(
    t2,
    new Map([...syncedTree(hex.model)].map(([f, l]) => [f, f === SPREAD_ORACLE ? ['', ...l] : l])),
  );
  const plan = planFixes(t2, r2, hex.sources);
  assert.equal(plan.problems.length, 1);
  assert.match(plan.problems[0]!, /`line` is not written as the plain number 43; not changed/);
  assert.ok(
    !plan.fixes.find((f) => f.file.endsWith('glft-kappa-gamma.mdx'))!.changes.includes('spread_oracle.rs 43 → 44'),
  );
});
