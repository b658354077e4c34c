/** Readings of a pasted line through the releases, and the release a paste names; on the acceptance repository. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { HANDLERS, pendingFillRepo } from '../test-support/fixture-repo.ts';
import { recordHistory } from './record.ts';
import { readingsAt, releaseFromText, revisionsFor, samePath } from './releases.ts';
import { realModel } from '../test-support/real-model.ts';

const model = realModel();
const { repo, lines } = pendingFillRepo(model);
after(() => rmSync(repo.dir, { recursive: true, force: true }));
const history = recordHistory(repo.dir, model, { tags: 'v*' });
const [v100, v110] = lines;

test('a line that two releases give to different sites reads both ways, oldest first', () => {
  const readings = readingsAt(history, HANDLERS, v100!.pendingFill);
  assert.deepEqual(
    readings.map((r) => [r.entryId, r.anchor, r.tags]),
    [
      ['pending-fill-queue', 'handlers-L242', ['v1.0.0']],
      [null, null, ['v1.1.0', history.revisions[2]!.commit.slice(0, 7)]],
    ],
  );
  assert.equal(readings[0]!.lineNow, v110!.pendingFill, 'says where the site is today');
});

test('the release a paste names decides', () => {
  const pasted = `{"level":"error","version":"1.0.0","msg":"thread 'tokio-runtime-worker' panicked at src/market_maker/orchestrator/handlers.rs:${v100!.pendingFill}:64"}`;
  const release = releaseFromText(pasted);
  assert.deepEqual(release, { version: '1.0.0' });
  const revisions = revisionsFor(history, release);
  assert.deepEqual(
    revisions.map((r) => r.tag),
    ['v1.0.0'],
  );
  const readings = readingsAt(
    history,
    `/build/mm/${HANDLERS}`,
    v100!.pendingFill,
    new Set(revisions.map((r) => r.commit)),
  );
  assert.deepEqual(
    readings.map((r) => [r.entryId, r.tags]),
    [['pending-fill-queue', ['v1.0.0']]],
  );
  const later = readingsAt(
    history,
    HANDLERS,
    v110!.other!,
    new Set(revisionsFor(history, { version: '1.1.0' }).map((r) => r.commit)),
  );
  assert.deepEqual(
    later.map((r) => [r.entryId, r.tags]),
    [[null, ['v1.1.0']]],
    'at v1.1.0 the line is another unwrap',
  );
  const byCommit = revisionsFor(
    history,
    releaseFromText(`git_sha=${history.revisions[1]!.commit.slice(0, 9)} panicked`),
  );
  assert.deepEqual(
    byCommit.map((r) => r.tag),
    ['v1.1.0'],
  );
});

test('releaseFromText reads versions and commits from log lines and JSON fields, not crate or compiler versions', () => {
  const cases: [string, ReturnType<typeof releaseFromText>][] = [
    ['mm v1.4.0 starting', { version: '1.4.0' }],
    ['{"version": "v1.4.0", "git_sha": "1A2B3C4D"}', { version: '1.4.0', commit: '1a2b3c4d' }],
    [
      'ts=1 level=error release=2.0.1-rc.1 commit=0123456789abcdef0123456789abcdef01234567',
      { version: '2.0.1-rc.1', commit: '0123456789abcdef0123456789abcdef01234567' },
    ],
    ['at /root/.cargo/registry/src/index.crates.io-6f17d22bba15001f/tokio-1.35.1/src/runtime/task/core.rs:328:17', {}],
    ['at /rustc/07dca489ac2d933c78d3c5158e3f43beefeb02ce/library/std/src/panicking.rs:645:5 (rustc 1.95.0)', {}],
    ['version: 12 of the config', {}],
  ];
  for (const [text, want] of cases) assert.deepEqual(releaseFromText(text), want, text);
  assert.ok(samePath('C:\\build\\mm\\src\\market_maker\\orchestrator\\handlers.rs', HANDLERS));
  assert.ok(!samePath('src/other_handlers.rs', 'handlers.rs'));
});

test('releaseFromText is linear: doubling adversarial input does not more than double the time, give or take', () => {
  const adversarial = [
    (n: number) => '"version"'.concat(' '.repeat(8), ':').repeat(n),
    (n: number) => 'commit='.concat('a'.repeat(39), 'g ').repeat(n),
    (n: number) => 'v1.2.'.repeat(n),
    (n: number) => 'v'.concat('1'.repeat(6), '.').repeat(n),
  ];
  const time = (text: string) => {
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      releaseFromText(text);
      best = Math.min(best, performance.now() - t);
    }
    return best;
  };
  for (const make of adversarial) {
    // A busy machine can slow one measurement down: the bound has to fail three rounds in a row.
    const rounds: string[] = [];
    let linear = false;
    for (let round = 0; round < 3 && !linear; round++) {
      const small = time(make(20_000));
      const large = time(make(40_000));
      rounds.push(`${small.toFixed(2)} ms → ${large.toFixed(2)} ms`);
      linear = large < small * 3 + 2;
    }
    assert.ok(linear, `${make(1)}…: ${rounds.join('; ')} for twice the input`);
  }
});
