// The split search model answers as the whole one does. Every paste and typed query of the project's corpora (real
// panics, the paste corpus, the inventory's captured panics, concept words, adversarial texts) and a query made of
// each key of the model (templates, locations, code lines, frames, sites) is triaged twice: against the whole search
// model, and by a sharded search that fetches only the shards the router asks for. The card and the first results
// must be the same. The whole model is the real content with its inventory and a recorded history.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { pendingFillRepo, HANDLERS } from '../test-support/fixture-repo.ts';
import { recordHistory } from '../history/record.ts';
import { classify } from '../inventory/classify.ts';
import { inventoryRecordSchema } from '../model/inventory.ts';
import { toSearchModel } from '../model/search-model.ts';
import { ADVERSARIAL } from '../test-support/adversarial.ts';
import { createShardedSearch } from './sharded-search.ts';
import { HEAD_CARRIES_SHARDS_BYTES, splitSearchModel, withSmallShards } from './shards.ts';
import { createTriage, type Triage } from './verdict.ts';
import { realModel } from '../test-support/real-model.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const model = realModel();
const record = inventoryRecordSchema.parse(JSON.parse(readFileSync(join(root, 'content/inventory.json'), 'utf8')));
const fixture = pendingFillRepo(model);
after(() => rmSync(fixture.repo.dir, { recursive: true, force: true }));
const whole = toSearchModel(model, {
  sites: classify(model, record.sites),
  history: recordHistory(fixture.repo.dir, model, { tags: 'v*' }),
});
const triage = createTriage(whole.panics, whole.places, { sites: whole.sites, history: whole.history });
const { head, shards } = splitSearchModel(whole);
const fetched: number[] = [];
const load = (n: number) => {
  fetched.push(n);
  return Promise.resolve(structuredClone(shards[n]!));
};

/** What the page shows of a triage: the card's verdict, site, readings and nearby paths, and the first results. */
const shown = (t: Triage) => ({
  kind: t.kind,
  known: t.lead?.known?.id ?? null,
  location: t.lead?.panic.location ?? null,
  original: t.original?.known?.id ?? null,
  ranked: t.ranked.map((c) => `${c.id}:${c.score}:${c.anchor ?? ''}`),
  places: t.places.map((p) => p.path),
  site: t.site ? `${t.site.file}:${t.site.line}:${t.site.column}` : null,
  nearby: t.nearby?.map((n) => `${n.entry} ${n.reason} ${n.site.file}:${n.site.line}`) ?? [],
  readings: t.readings?.map((r) => `${r.entry} ${r.tags.join(',')}`) ?? [],
  release: t.release ?? null,
  pagefind: t.pagefindQuery,
});

const read = (dir: string, filter: (f: string) => boolean) =>
  readdirSync(join(root, dir))
    .filter(filter)
    .map((f) => ({ label: `${dir}/${f}`, q: readFileSync(join(root, dir, f), 'utf8') }));

const keyQueries = [
  ...whole.panics.flatMap((p) => [
    ...p.messages.map((m) => m.template.replace(/\{[A-Za-z_]\w*\}/g, '7')),
    ...p.locations.flatMap((l) => [`${l.file}:${l.line ?? ''}`, l.code]),
    ...p.callChain.map((f) => f.symbol),
  ]),
  ...whole.places.map((p) => `${p.file}:${p.line ?? ''}`),
  ...whole.sites
    .filter((_, i) => i % 7 === 0)
    .map(
      (s) =>
        `thread 'main' panicked at ${s.file}:${s.line}:${s.column}:\n${s.message.replace(/\{[A-Za-z_]\w*\}/g, '3')}`,
    ),
  // The location without its message (cut off by a log shipper): the card's nearest paths must not need the message.
  ...whole.sites
    .filter((_, i) => i % 5 === 0)
    .map((s) => `thread 'main' panicked at ${s.file}:${s.line}:${s.column}:\n…`),
  `thread 'main' (1) panicked at ${HANDLERS}:${fixture.lines[0]!.pendingFill}:68:\ncalled \`Option::unwrap()\` on a \`None\` value\nversion=1.0.0`,
  `thread 'main' (1) panicked at ${HANDLERS}:${fixture.lines[0]!.pendingFill}:68:\ncalled \`Option::unwrap()\` on a \`None\` value`,
];
const queries = [
  ...read('src/fixtures/panics', (f) => f.endsWith('.txt')),
  ...read('src/fixtures/inventory-panics', (f) => f.endsWith('.txt')),
  ...(JSON.parse(readFileSync(join(root, 'src/fixtures/wild/cases.json'), 'utf8')) as { file: string }[]).map((c) => ({
    label: c.file,
    q: readFileSync(join(root, 'src/fixtures/wild', c.file), 'utf8'),
  })),
  ...(JSON.parse(readFileSync(join(root, 'src/fixtures/wild/words.json'), 'utf8')) as { q: string }[]).map((w) => ({
    label: `words: ${w.q}`,
    q: w.q,
  })),
  ...Object.entries(ADVERSARIAL).map(([name, make]) => ({ label: `adversarial: ${name}`, q: make(20_000) })),
  ...keyQueries.map((q) => ({ label: `key: ${q.slice(0, 60)}`, q })),
];

test('the model splits into several shards, and the corpus covers pastes that need them and texts that need none', async () => {
  assert.ok(shards.length >= 5, `${shards.length} shards`);
  const counts = await Promise.all(
    queries.map(async ({ q }) => (await createShardedSearch(head, load)(q)).shards.length),
  );
  assert.ok(counts.some((n) => n === 0));
  assert.ok(counts.some((n) => n >= 1));
  // Fetching only what can match: no query of the corpus needs every shard.
  assert.ok(Math.max(...counts) < shards.length, `a query fetched ${Math.max(...counts)} of ${shards.length} shards`);
});

for (const { label, q } of queries) {
  test(`same answer split or whole: ${label}`, async () => {
    const answer = await createShardedSearch(head, load)(q);
    assert.deepEqual(shown(answer.triage), shown(triage(q)));
    for (const c of answer.triage.ranked) assert.ok(answer.panics.has(c.id), `${c.id} is in a fetched shard`);
  });
}

test('the real model is small enough for its head to carry the shards, and a larger one is not', () => {
  assert.equal(withSmallShards(head, shards).shards?.length, shards.length);
  const bytes = shards.reduce((sum, s) => sum + JSON.stringify(s).length, 0);
  const many = Array.from({ length: Math.ceil(HEAD_CARRIES_SHARDS_BYTES / bytes) + 1 }, () => shards).flat();
  assert.equal(withSmallShards(head, many).shards, undefined);
});

const carrying = withSmallShards(head, shards);
const noFetch = () => Promise.reject(new Error('a head that carries the shards fetches none'));
for (const { label, q } of queries) {
  test(`same answer from a head that carries the shards, with nothing fetched: ${label}`, async () => {
    const answer = await createShardedSearch(carrying, noFetch)(q);
    assert.deepEqual(shown(answer.triage), shown(triage(q)));
  });
}

test('one search across queries keeps its shards and still answers each as the whole model does', async () => {
  fetched.length = 0;
  const search = createShardedSearch(head, load);
  for (const { q } of queries.slice(0, 120)) assert.deepEqual(shown((await search(q)).triage), shown(triage(q)));
  assert.equal(fetched.length, new Set(fetched).size, 'each shard is fetched once');
});

test('a shard that fails to arrive is fetched again by the next query', async () => {
  let fail = true;
  const search = createShardedSearch(head, (n) => (fail ? Promise.reject(new Error('offline')) : load(n)));
  const q = queries.find((x) => x.label.includes('pending-fill'))!.q;
  await assert.rejects(search(q));
  fail = false;
  assert.deepEqual(shown((await search(q)).triage), shown(triage(q)));
});
