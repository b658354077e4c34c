// The log page's rows and Markdown, from the groups a real log gives: the original panic first, a secondary group
// naming its cause, links that survive Markdown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toSearchModel } from '../model/search-model.ts';
import { buildLog, fixture, WRAPPERS } from '../test-support/sample-logs.ts';
import { LogTriage, type PanicGroup } from './groups.ts';
import { triageText } from './read-log.ts';
import { summaryOf, toMarkdown, toNdjson, toRows } from './rows.ts';
import { realModel } from '../test-support/real-model.ts';

const model = realModel();
const kubectl = WRAPPERS.find((w) => w.name === 'kubectl --timestamps')!;

function groupsOf(fixtures: string[]): PanicGroup[] {
  const t = new LogTriage(toSearchModel(model), { site: 'https://runbooks.example/docs/panics/' });
  triageText(t, buildLog(fixtures.map(fixture), kubectl).text, 'app.log');
  return t.groups();
}

test("a documented panic logged before a poisoned-mutex pair: the pair's original comes first, the secondary last", () => {
  const groups = groupsOf(['kappa-zero.debug.bt1.txt', 'poison.debug.bt0.txt']);
  const secondary = groups.find((g) => g.role === 'secondary');
  assert.ok(secondary?.causedBy, 'the log holds a secondary group with its cause');
  const rows = toRows(groups);
  assert.equal(rows[0]!.group.key, secondary.causedBy, 'the cause of the secondary panic heads the table');
  assert.equal(rows.at(-1)!.group, secondary);
  assert.equal(rows.at(-1)!.role, `secondary of #${rows[0]!.group.number}`);
  assert.deepEqual(
    rows.map((r) => r.group).sort((a, b) => a.number - b.number),
    groups,
    'every group once',
  );
  for (const r of rows) assert.equal(r.id, r.group.kind === 'documented' ? r.group.id : 'unknown');
});

test("first and last seen are the log's own times", () => {
  const [row] = toRows(groupsOf(['kappa-zero.debug.bt1.txt', 'kappa-zero.debug.bt1.txt']));
  assert.equal(row!.first, row!.group.first.time);
  assert.equal(row!.last, row!.group.last.time);
  assert.notEqual(row!.first, row!.last);
});

test('Markdown: one table row per group, each linked; a pipe or bracket in a message cannot break the table', () => {
  const groups = groupsOf(['kappa-zero.debug.bt1.txt', 'poison.debug.bt0.txt']);
  const odd = {
    ...groups[0]!,
    number: 9,
    kind: 'unknown' as const,
    id: null,
    signature: 'a | b [c](d) `e`',
    location: 'src/x.rs:1:2',
    url: 'https://x.example/search/?q=a b(c)',
  };
  const md = toMarkdown(toRows([...groups, odd]), summaryOf(groups, 3));
  const lines = md.trim().split('\n');
  const tableRows = lines.filter((l) => l.startsWith('| ') && !l.startsWith('| #') && !l.startsWith('| --'));
  assert.equal(tableRows.length, groups.length + 1);
  for (const g of groups) assert.ok(md.includes(`](${g.url})`), `${g.key} linked`);
  const oddRow = tableRows.find((l) => l.startsWith('| 9 '))!;
  assert.equal(oddRow.split(/(?<!\\)\|/).length, 9, 'seven cells: escaped pipes do not split');
  assert.ok(oddRow.includes('](https://x.example/search/?q=a%20b%28c%29)'));
  assert.ok(md.trimEnd().endsWith(summaryOf(groups, 3)));
});

test('--json: one object per group, in order of first appearance, as the CLI prints them', () => {
  const groups = groupsOf(['kappa-zero.debug.bt1.txt', 'poison.debug.bt0.txt']);
  const lines = toNdjson(groups).trimEnd().split('\n');
  assert.deepEqual(
    lines.map((l) => JSON.parse(l)),
    groups,
  );
});

test('the summary as the CLI words it', () => {
  const groups = groupsOf(['kappa-zero.debug.bt1.txt', 'poison.debug.bt0.txt']);
  const s = summaryOf(groups, 1204);
  assert.match(
    s,
    /^1,204 panics in \d+ groups: \d+ documented, \d+ at undocumented sites of the inventory, \d+ unknown$/,
  );
});

test('linear time: Markdown of a hostile message (runs of blanks, pipes, brackets, backslashes)', () => {
  const [group] = groupsOf(['kappa-zero.debug.bt1.txt']);
  const markdownOf = (signature: string) => () =>
    toMarkdown(toRows([{ ...group!, kind: 'unknown', signature, url: `https://x.example/?q=${signature}` }]), '');
  for (const unit of [' ', ' \t', '|', '[', '\\', '(', ' \n']) {
    const small = markdownOf(unit.repeat(100_000));
    const large = markdownOf(unit.repeat(400_000));
    large();
    let [a, b] = [Infinity, Infinity];
    for (let i = 0; i < 5; i++) {
      let t0 = performance.now();
      small();
      a = Math.min(a, performance.now() - t0);
      t0 = performance.now();
      large();
      b = Math.min(b, performance.now() - t0);
    }
    assert.ok(b < Math.max(a, 3) * 12, `${JSON.stringify(unit)}: ${a.toFixed(1)} ms, ${b.toFixed(1)} ms`);
  }
});
