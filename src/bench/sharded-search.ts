/**
 * The sharded search's own time, without a browser: a generated knowledge base of N panic paths split as the build
 * splits it, and every paste of the project's corpora (real panics, wild pastes, concept words) searched twice:
 * cold (a new search per paste: the head read into its match keys, the paste's evidence, the shards picked, the
 * triage) and warm (one search for all of them, shards kept). Shards are read from memory: this is the CPU time of
 * a search, not the network's.
 *
 *   node src/bench/sharded-search.ts [--n 1000] [--runs 3]
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { classify } from '../inventory/classify.ts';
import { inventoryRecordSchema } from '../model/inventory.ts';
import { loadContent } from '../model/load-content.ts';
import { toSearchModel } from '../model/search-model.ts';
import { createShardedSearch } from '../search/sharded-search.ts';
import { splitSearchModel } from '../search/shards.ts';
import { generateContent, ROOT } from './generate.ts';

const { values } = parseArgs({
  options: { n: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' } },
});
const n = Number(values.n);
const runs = Number(values.runs);

const generated = generateContent({ n, out: join(ROOT, 'bench', 'tmp', `sharded-search-${n}`) });
const { model } = loadContent(generated.dir, ROOT);
const record = inventoryRecordSchema.parse(JSON.parse(readFileSync(join(generated.dir, 'inventory.json'), 'utf8')));
const { head, shards } = splitSearchModel(toSearchModel(model, { sites: classify(model, record.sites) }));
rmSync(generated.dir, { recursive: true, force: true });
const load = (k: number) => Promise.resolve(structuredClone(shards[k]!));

const fixtures = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(ROOT, dir, f), 'utf8'));
const queries = [
  ...fixtures('src/fixtures/panics'),
  ...fixtures('src/fixtures/wild'),
  ...(JSON.parse(readFileSync(join(ROOT, 'src/fixtures/wild/words.json'), 'utf8')) as { q: string }[]).map((w) => w.q),
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

const cold: number[] = [];
const warm: number[] = [];
for (let r = 0; r < runs; r++) {
  for (const q of queries) {
    const t0 = performance.now();
    await createShardedSearch(head, load)(q);
    cold.push(performance.now() - t0);
  }
  const search = createShardedSearch(head, load);
  for (const q of queries) await search(q);
  for (const q of queries) {
    const t0 = performance.now();
    await search(q);
    warm.push(performance.now() - t0);
  }
}
const ms = (x: number) => `${x.toFixed(2)} ms`;
console.log(`N=${n}: ${model.panics.length} panic paths, ${shards.length} shards, ${queries.length} pastes × ${runs}`);
console.log(`cold (new search per paste): median ${ms(median(cold))}, p95 ${ms(p95(cold))}`);
console.log(`warm (shards kept):          median ${ms(median(warm))}, p95 ${ms(p95(warm))}`);
