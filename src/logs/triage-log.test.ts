// Whole logs in every wrapper the search understands, built from the real stderr of real panics: each panic is
// found once, grouped under the verdict the site's own matcher gives the bare fixture, with the log's own times.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classify } from '../inventory/classify.ts';
import { toSearchModel } from '../model/search-model.ts';
import { createTriage } from '../search/verdict.ts';
import { PANIC_NEEDLES } from './blocks.ts';
import { LogTriage, type PanicGroup } from './groups.ts';
import { LineReader } from './line-reader.ts';
import { buildLog, fixture, fixtureNames, WRAPPERS } from '../test-support/sample-logs.ts';
import { collectorFor, triageText } from './read-log.ts';
import { signature } from './signature.ts';
import { realModel } from '../test-support/real-model.ts';

const SITE = 'http://localhost:4321/docs/panics/';
const model = realModel();
const searchModel = toSearchModel(model);
const matcher = createTriage(searchModel.panics, searchModel.places);

/** What the site's matcher says about the bare fixture, as group keys in order. */
function expectedKeys(text: string): string[] {
  return matcher(text).verdicts.map((v) => v.known?.id ?? `unknown:${signature(v.panic.message, v.panic.location)}`);
}

function triageLog(text: string): LogTriage {
  const t = new LogTriage(searchModel, { site: SITE });
  triageText(t, text, 'test.log');
  return t;
}

/** Key → count, for comparing what a log yields with what its panics are. */
function counts(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}
const groupCounts = (groups: PanicGroup[]) => new Map(groups.map((g) => [g.key, g.count]));

test('every fixture has a verdict from the site matcher to compare with', () => {
  const names = fixtureNames();
  assert.ok(names.length >= 10);
  for (const name of names) assert.ok(expectedKeys(fixture(name)).length >= 1, name);
});

for (const w of WRAPPERS) {
  for (const whole of w.whole ? [false, true] : [false]) {
    test(`${w.name}${whole ? ' (one record per panic)' : ''}: every fixture's panics are found and grouped as the matcher says`, () => {
      for (const name of fixtureNames()) {
        const raw = fixture(name);
        const log = buildLog([raw, raw], w, { whole });
        const t = triageLog(log.text);
        const expected = counts([...expectedKeys(raw), ...expectedKeys(raw)]);
        assert.deepEqual(groupCounts(t.groups()), expected, `${w.name} ${name}`);
        // First and last seen: the head lines of the first and last panic of each group, with the log's times.
        for (const g of t.groups()) {
          const at = log.heads.filter((_, i) => [...expectedKeys(raw), ...expectedKeys(raw)][i] === g.key);
          assert.equal(g.first.line, at[0]!.line, `${w.name} ${name} ${g.key} first line`);
          assert.equal(g.last.line, at.at(-1)!.line, `${w.name} ${name} ${g.key} last line`);
          assert.equal(g.first.time, at[0]!.time ?? null, `${w.name} ${name} ${g.key} first time`);
          assert.equal(g.last.time, at.at(-1)!.time ?? null, `${w.name} ${name} ${g.key} last time`);
        }
      }
    });
  }
}

test('a documented panic links its page with the location anchor under the site base', () => {
  const raw = fixture('kappa-zero.debug.bt1.txt');
  const verdict = matcher(raw).verdicts[0]!;
  const [g] = triageLog(buildLog([raw], WRAPPERS[2]!).text).groups();
  assert.equal(g!.kind, 'documented');
  assert.equal(g!.url, `${SITE}panics/${verdict.known!.id}/#${verdict.known!.anchor}`);
  assert.equal(g!.severity, searchModel.panics.find((p) => p.id === verdict.known!.id)!.severity);
});

test('poisoned mutex: the PoisonError group is secondary and points at the group of the panic that poisoned it', () => {
  for (const name of fixtureNames().filter((n) => n.startsWith('poison.'))) {
    for (const w of WRAPPERS) {
      const t = triageLog(buildLog([fixture(name)], w, { whole: false }).text);
      const [original, secondary] = t.groups();
      assert.equal(original!.role, 'original', `${name} ${w.name}`);
      assert.equal(secondary!.role, 'secondary', `${name} ${w.name}`);
      assert.match(secondary!.message, /PoisonError/);
      assert.equal(secondary!.causedBy, original!.key, `${name} ${w.name}`);
      assert.equal(original!.causedBy, null);
    }
  }
});

test('the same unknown panic with other values is one group; another location is another group', () => {
  const raw = fixture('poison.debug.bt0.txt');
  const original = raw.split('\n\n')[0]!;
  assert.ok(expectedKeys(original)[0]!.startsWith('unknown:'), 'the poisoning panic is one no page documents');
  const variants = ['-2000000', '-17', '9223372036854775807', '-1'].map((v) =>
    original.replace('-2000000', v).replace('(12509)', `(${v.length})`),
  );
  const moved = original.replace('kill_switch.rs:563:33', 'kill_switch.rs:570:9');
  const t = triageLog(buildLog([...variants, moved], WRAPPERS[2]!).text);
  const groups = t.groups();
  assert.equal(groups.length, 2);
  assert.equal(groups[0]!.count, variants.length);
  assert.equal(groups[0]!.kind, 'unknown');
  assert.equal(groups[0]!.signature, 'daily loss accounting went out of range: {n}');
  assert.equal(groups[1]!.count, 1);
  assert.match(groups[1]!.location!, /kill_switch\.rs:570:9$/);
  assert.match(groups[0]!.url, /\/docs\/panics\/search\/\?q=thread%20/);
  assert.equal(t.exitCode(), 3);
});

test('application records between backtrace lines stay out of the block', () => {
  const raw = fixture('pending-fill.debug.bt1.txt');
  const w = WRAPPERS.find((x) => x.name === 'kubectl --timestamps')!;
  const lines = buildLog([raw], w).text.split('\n');
  // An application record after every third line of the panic.
  const mixed = lines.flatMap((l, i) => (i > 3 && i % 3 === 0 ? [l, w.app('tick', 1000 + i)] : [l]));
  const t = triageLog(mixed.join('\n'));
  assert.deepEqual(groupCounts(t.groups()), counts(expectedKeys(raw)));
  assert.equal(t.groups()[0]!.anchor, matcher(raw).verdicts[0]!.known!.anchor);
});

test('a stream in small chunks, split mid-line and mid-character, gives the same groups as the whole log', () => {
  const w = WRAPPERS.find((x) => x.name === 'docker json-file (log)')!;
  const text = buildLog(fixtureNames().map(fixture), w, { appLines: 3 }).text;
  assert.match(text, /[€𝄞—]/, 'the log holds multi-byte characters');
  const whole = triageLog(text).groups();
  const bytes = new TextEncoder().encode(text);
  for (const size of [1, 2, 3, 5, 7, 64, 4093]) {
    const t = new LogTriage(searchModel, { site: SITE });
    const collector = collectorFor(t, 'test.log');
    const warnings: string[] = [];
    const reader = new LineReader(collector, { needles: PANIC_NEEDLES, onWarning: (w) => warnings.push(w.message) });
    for (let i = 0; i < bytes.length; i += size) reader.push(bytes.subarray(i, i + size));
    reader.end();
    collector.close();
    assert.deepEqual(warnings, [], `chunks of ${size}`);
    assert.deepEqual(t.groups(), whole, `chunks of ${size}`);
  }
});

test('exit code of a triage: 0 without panics, 1 documented only, 3 with an unknown one', () => {
  assert.equal(triageLog('INFO nothing to see\n').exitCode(), 0);
  assert.equal(triageLog(fixture('kappa-zero.debug.bt0.txt')).exitCode(), 1);
  assert.equal(triageLog(fixture('poison.debug.bt0.txt')).exitCode(), 3);
});

test('with the inventory, a panic no page documents is grouped by its site and links its row of /inventory/', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { inventoryRecordSchema, inventoryPath } = await import('../model/inventory.ts');
  const { siteAt } = await import('../inventory/lookup.ts');
  const { inventoryLookup } = await import('./inventory.ts');
  const root = new URL('../../', import.meta.url);
  const sites = classify(
    model,
    inventoryRecordSchema.parse(JSON.parse(readFileSync(new URL('content/inventory.json', root), 'utf8'))).sites,
  );
  const dir = new URL('src/fixtures/inventory-panics/', root);
  let checked = 0;
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
    const raw = readFileSync(new URL(name, dir), 'utf8');
    const verdict = matcher(raw).verdicts[0]!;
    const loc = verdict.panic.location;
    const site = loc && siteAt(sites, loc.file, loc.line, loc.column);
    if (verdict.known || !site) continue;
    // Twice, the second time with its numbers changed: still one group, the site's.
    const t = new LogTriage(searchModel, { site: SITE, inventory: inventoryLookup(sites) });
    triageText(
      t,
      buildLog(
        [
          raw,
          raw
            .replace(/\b\d+\b/g, (d) => String(Number(d) + 1))
            .replace(/:(\d+):(\d+):\n/, `:${loc.line}:${loc.column}:\n`),
        ],
        WRAPPERS[3]!,
      ).text,
    );
    const [g, ...rest] = t.groups().filter((x) => x.role === 'original');
    assert.equal(rest.length, 0, name);
    assert.equal(g!.kind, 'inventory', name);
    assert.equal(g!.key, `site:${site.file}:${site.line}:${site.column}`, name);
    assert.equal(g!.count, 2, name);
    assert.equal(g!.url, `${SITE}${inventoryPath(site)}`, name);
    assert.equal(g!.inventory?.fn, site.fn);
    assert.equal(t.exitCode(), 3);
    checked++;
  }
  assert.ok(checked >= 5, `${checked} inventory fixtures checked`);
});

test('a block read before answers as reading it again would: same times or not, its own thread id, other values apart', () => {
  const kubectl = WRAPPERS.find((w) => w.name === 'kubectl --timestamps')!;
  const json = WRAPPERS.find((w) => w.name === 'JSON record (fields.message)')!;
  const text = fixture('kappa-zero.debug.bt1.txt');
  const id = /thread '[^']+' \((\d+)\)/.exec(text)?.[1];
  assert.ok(id, 'the fixture carries a thread id (rustc 1.95)');
  const other = text.replace(`(${id})`, '(777)');
  const moved = text.replace(
    /(spread_oracle\.rs|market_maker\.rs):(\d+)/,
    (_m, f: string, l: string) => `${f}:${Number(l) + 1}`,
  );
  for (const [w, whole] of [
    [kubectl, false],
    [json, true],
  ] as const) {
    // The same panic three times at other times, once on another thread id, once at another line.
    const log = buildLog([text, text, other, moved], w, { appLines: 3, whole }).text;
    const fresh = new LogTriage(searchModel, { site: SITE });
    const seen: { threadId: number | undefined; line: number | undefined; key: string }[] = [];
    const collector = collectorFor(fresh, 'test.log', (p) =>
      seen.push({ threadId: p.verdict.panic.threadId, line: p.verdict.panic.location?.line, key: p.group.key }),
    );
    log.split('\n').forEach((l, i) => collector.line(l, i + 1));
    collector.close();
    // Each block read alone, by a triage that remembers nothing across them.
    const alone = [text, text, other, moved].map((t) => {
      const one = new LogTriage(searchModel, { site: SITE });
      const out: (typeof seen)[number][] = [];
      const c = collectorFor(one, 'test.log', (p) =>
        out.push({ threadId: p.verdict.panic.threadId, line: p.verdict.panic.location?.line, key: p.group.key }),
      );
      buildLog([t], w, { appLines: 3, whole })
        .text.split('\n')
        .forEach((l, i) => c.line(l, i + 1));
      c.close();
      return out;
    });
    assert.deepEqual(seen, alone.flat(), w.name);
    assert.equal(seen[2]?.threadId, 777, `${w.name}: the remembered verdict carries this block's thread id`);
    assert.notEqual(seen[3]?.line, seen[0]?.line, `${w.name}: another line is read as such`);
  }
});
