// On a real git repository built here: the documented pending-fill unwrap is at
// handlers.rs:236 in v1.0.0 and at 242 from v1.1.0, where another unwrap takes 236. A v1.0.0 paste at 236 that names
// its version is the pending fill queue, with the release said; without a version the card lists both readings.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, test } from 'node:test';
import { HANDLERS, pendingFillRepo } from '../test-support/fixture-repo.ts';
import { recordHistory } from '../history/record.ts';
import { toSearchModel } from '../model/search-model.ts';
import { createTriage } from './verdict.ts';
import { realModel } from '../test-support/real-model.ts';

const model = realModel();
const fixture = pendingFillRepo(model);
after(() => rmSync(fixture.repo.dir, { recursive: true, force: true }));
const history = recordHistory(fixture.repo.dir, model, { tags: 'v*' });
const search = toSearchModel(model, { history });
const triage = createTriage(search.panics, search.places, { history: search.history });
const old = fixture.lines.find((l) => l.tag === 'v1.0.0')!.pendingFill;
const panicAt = (line: number, before = '') =>
  `${before}thread 'main' (4242) panicked at ${HANDLERS}:${line}:68:\ncalled \`Option::unwrap()\` on a \`None\` value\nnote: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace`;

test('the fixture is the acceptance scenario: 236 in v1.0.0, 242 later, another unwrap at 236 later', () => {
  assert.deepEqual(
    fixture.lines.map((l) => [l.tag, l.pendingFill, l.other]),
    [
      ['v1.0.0', old, null],
      ['v1.1.0', old + 6, old],
      ['HEAD', old + 6, old],
    ],
  );
});

for (const says of [
  '2026-10-02T03:12:44Z INFO market_maker: starting market_maker version=1.0.0\n',
  '{"msg":"starting","version":"v1.0.0"}\n',
  'market_maker v1.0.0 (git_sha unknown) starting\n',
]) {
  test(`a v1.0.0 paste at ${old} that says its version (${JSON.stringify(says.trim().slice(0, 40))}) is the pending fill queue, at that release`, () => {
    const t = triage(panicAt(old, says));
    assert.equal(t.lead?.known?.id, 'pending-fill-queue');
    assert.equal(t.lead?.known?.anchor, 'handlers-L242');
    assert.match(t.lead!.known!.evidence[0]!.detail, new RegExp(`handlers\\.rs:${old} at v1\\.0\\.0`));
    assert.equal(t.release, 'v1.0.0');
    assert.equal(t.ranked[0]?.id, 'pending-fill-queue');
  });
}

test(`without a version, a paste at ${old} names no path and lists both readings`, () => {
  const t = triage(panicAt(old));
  assert.equal(t.lead?.known, undefined);
  const readings = t.readings!.map((r) => [r.entryId, r.revisions.map((v) => v.tag ?? 'untagged')]);
  assert.deepEqual(readings, [
    ['pending-fill-queue', ['v1.0.0']],
    [null, ['v1.1.0', 'untagged']],
  ]);
});

test('a v1.1.0 paste at the same line is not the pending fill queue: at that release the line holds another unwrap', () => {
  const t = triage(panicAt(old, 'market_maker version 1.1.0 starting\n'));
  assert.equal(t.lead?.known, undefined);
  assert.equal(t.release, 'v1.1.0');
});

test("today's line needs no version", () => {
  assert.equal(triage(panicAt(old + 6)).lead?.known?.id, 'pending-fill-queue');
});
