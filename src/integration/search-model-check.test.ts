// The search model crosses the wire typed: the real model (with its inventory, a recorded history and source links)
// holds its schema whole, as `/triage.js` embeds it, and split, as the search page reads it; a broken file stops the
// build with the file, the field, what it must be and what it is.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { recordHistory } from '../history/record.ts';
import { classify } from '../inventory/classify.ts';
import { bundleTriageModule } from '../logs/publish.ts';
import { inventoryRecordSchema } from '../model/inventory.ts';
import { BuildOutputError, checkAgainst } from '../model/schema-check.ts';
import { toSearchModel } from '../model/search-model.ts';
import { searchModelSchema } from '../model/search-model-schema.ts';
import { SEVERITIES } from '../model/severity.ts';
import { splitSearchModel } from '../search/shards.ts';
import { pendingFillRepo } from '../test-support/fixture-repo.ts';
import { SEARCH_MODEL_DIR, searchModelErrors } from './search-model-check.ts';
import { realModel } from '../test-support/real-model.ts';
import { withSmallShards } from '../search/shards.ts';
import { HEAD_ELEMENT_ID, inlineHeadText } from '../search/inline-head.ts';
import type { SearchHead } from '../model/search-split-schema.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const model = realModel();
const record = inventoryRecordSchema.parse(JSON.parse(readFileSync(join(root, 'content/inventory.json'), 'utf8')));
const fixture = pendingFillRepo(model);
const dist = mkdtempSync(join(tmpdir(), 'search-model-check-'));
after(() => {
  rmSync(fixture.repo.dir, { recursive: true, force: true });
  rmSync(dist, { recursive: true, force: true });
});
const whole = toSearchModel(model, {
  sites: classify(model, record.sites),
  history: recordHistory(fixture.repo.dir, model, { tags: 'v*' }),
  source: { template: 'https://github.com/ORG/hl-mm/blob/{commit}/{path}#L{line}', commit: 'a'.repeat(40) },
});
const split = splitSearchModel(whole);

/** Writes a split model as the build does: `<dist>/search-model/head.json` and `<n>.json`. */
function write(head: unknown, shards: unknown[]): void {
  const dir = join(dist, SEARCH_MODEL_DIR);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'head.json'), JSON.stringify(head));
  shards.forEach((s, n) => writeFileSync(join(dir, `${n}.json`), JSON.stringify(s)));
}
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const SEVERITY_LIST = SEVERITIES.map((s) => `"${s}"`).join(', ');

test('the real search model, with every optional part, holds its schema whole', () => {
  assert.ok(whole.sites.length > 0 && whole.history !== null && whole.source !== null);
  assert.deepEqual(checkAgainst('triage.js', searchModelSchema, clone(whole)), []);
});

test('the real split model holds its schemas, and every route leads to a shard the build wrote', () => {
  write(split.head, split.shards);
  assert.deepEqual(searchModelErrors(dist), { errors: [], shards: split.shards.length });
});

test('a head that carries the shards holds its schema, and must carry all of them', () => {
  const carrying = withSmallShards(split.head, split.shards);
  assert.equal(carrying.shards?.length, split.shards.length);
  write(carrying, split.shards);
  assert.deepEqual(searchModelErrors(dist), { errors: [], shards: split.shards.length });
  write({ ...carrying, shards: carrying.shards!.slice(1) }, split.shards);
  assert.deepEqual(searchModelErrors(dist).errors, [
    `search-model/head.json: error: \`shards\` must hold the ${split.shards.length} shards of this build, ` +
      `got ${split.shards.length - 1}`,
  ]);
});

test('a route to a negative shard is refused with the field, what it must be and what it is', () => {
  const head = clone(split.head);
  assert.ok(head.messages.length > 3);
  head.messages[3]![1] = -1;
  write(head, split.shards);
  assert.deepEqual(searchModelErrors(dist).errors, [
    'search-model/head.json: error: `messages[3][1]` must be the number of a shard file ' +
      '(search-model/<n>.json: 0 or more), got -1',
  ]);
});

test('a route to a shard the build did not write is refused', () => {
  const head = clone(split.head);
  head.frames[0]![1] = split.shards.length;
  write(head, split.shards);
  assert.deepEqual(searchModelErrors(dist).errors, [
    `search-model/head.json: error: \`frames[0][1]\` must be the number of a shard file of this build ` +
      `(0 to ${split.shards.length - 1}), got ${split.shards.length}`,
  ]);
});

test('a shard with a wrong field, an unknown field or a missing number is refused', () => {
  const shards = clone(split.shards);
  const first = shards.findIndex((s) => s.panics.length > 0);
  const [, panic] = shards[first]!.panics[0]!;
  (panic as { severity: string }).severity = 'debug';
  (panic.locations[0] as Record<string, unknown>)['column'] = 3;
  write(split.head, shards);
  const last = split.shards.length - 1;
  rmSync(join(dist, SEARCH_MODEL_DIR, `${last - 1}.json`));
  assert.deepEqual(searchModelErrors(dist).errors, [
    `search-model/${last - 1}.json: error: is missing: the shards are numbered 0 to ${last}`,
    `search-model/${first}.json: error: \`panics[0][1].severity\` must be one of ${SEVERITY_LIST}, got "debug"`,
    `search-model/${first}.json: error: \`panics[0][1].locations[0]\` has field the schema does not list: "column"`,
  ]);
});

test('/triage.js is not written from a model that breaks the schema', async () => {
  const broken = {
    ...model,
    panics: model.panics.map((p, i) => (i === 0 ? { ...p, severity: 'debug' } : p)),
  } as typeof model;
  await assert.rejects(bundleTriageModule(broken, 'https://runbooks.example/'), (e: unknown) => {
    assert.ok(e instanceof BuildOutputError);
    assert.equal(
      e.message.split('\n')[0],
      `triage.js: error: \`panics[0].severity\` must be one of ${SEVERITY_LIST}, got "debug"`,
    );
    return true;
  });
});

test("the head the search page carries is head.json's, or the build stops", () => {
  const served = withSmallShards(split.head, split.shards);
  write(served, split.shards);
  const page = join(dist, 'search', 'index.html');
  mkdirSync(join(dist, 'search'), { recursive: true });
  const carrying = (head: unknown) =>
    `<html><body><script type="application/json" id="${HEAD_ELEMENT_ID}">${inlineHeadText(head as SearchHead)}` +
    '</script></body></html>';
  try {
    writeFileSync(page, carrying(served));
    assert.deepEqual(searchModelErrors(dist).errors, []);
    writeFileSync(page, carrying({ ...served, files: served.files.slice(1) }));
    assert.deepEqual(searchModelErrors(dist).errors, [
      "search/index.html: error: the search model's head it carries must be search-model/head.json's, and differs",
    ]);
  } finally {
    rmSync(join(dist, 'search'), { recursive: true, force: true });
  }
});
