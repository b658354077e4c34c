/** The history against real git repositories built here: moves, edits, removals, renames, tags. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { historySchema, revisionLabel } from '../model/history.ts';
import { targetsOf } from '../sources/check.ts';
import { createRepo, type FixtureRepo, HANDLERS, OTHER_UNWRAP, pendingFillRepo } from '../test-support/fixture-repo.ts';
import { listRevisions } from './revisions.ts';
import { traceHistory, type Traceable } from './trace.ts';
import { recordHistory, traceableTargets } from './record.ts';
import { realModel } from '../test-support/real-model.ts';

const repos: FixtureRepo[] = [];
after(() => {
  for (const r of repos) rmSync(r.dir, { recursive: true, force: true });
});
const newRepo = () => {
  const r = createRepo();
  repos.push(r);
  return r;
};

const FILE = 'src/engine.rs';
const filler = (n: number, tag = 'x') => Array.from({ length: n }, (_, i) => `// ${tag} ${i}`);
const target = (line: number, code: string, file = FILE, extra: Partial<Traceable> = {}): Traceable => ({
  entry: 'panics/test',
  anchor: `t-L${line}`,
  file,
  line,
  code,
  word: false,
  ...extra,
});
/** tag (or short commit) → line, the way the tests state expectations. */
const linesOf = (h: { releases: { tag: string | null; commit: string; line: number }[] }) =>
  Object.fromEntries(h.releases.map((r) => [revisionLabel(r), r.line]));
const trace = (repo: FixtureRepo, targets: Traceable[], tags = 'v*') => {
  const revisions = listRevisions(repo.dir, { tags });
  return { revisions, history: traceHistory(repo.dir, targets, revisions) };
};

test('lines that move up and down between tags are followed through each diff', () => {
  const repo = newRepo();
  const code = 'let fill = queue.pop_front().unwrap();';
  repo.write({ [FILE]: [...filler(9), code, ...filler(5, 'y')] });
  repo.commit('one');
  repo.tag('v1.0.0');
  repo.write({ [FILE]: [...filler(14), code, ...filler(5, 'y')] });
  repo.commit('five lines more above');
  repo.tag('v1.1.0');
  repo.write({ [FILE]: [...filler(3), code, ...filler(2, 'y'), 'fn added() {}', ...filler(3, 'y')] });
  repo.commit('eleven lines fewer above, one more below');
  repo.tag('v1.2.0');
  repo.write({ [FILE]: ['// header', ...filler(3), code, ...filler(2, 'y'), 'fn added() {}', ...filler(3, 'y')] });
  repo.commit('head');
  const { revisions, history } = trace(repo, [target(5, code)]);
  assert.deepEqual(
    revisions.map((r) => r.tag),
    ['v1.0.0', 'v1.1.0', 'v1.2.0', null],
  );
  const [h] = history;
  assert.deepEqual(linesOf(h!), { 'v1.0.0': 10, 'v1.1.0': 15, 'v1.2.0': 4, [revisions[3]!.commit.slice(0, 7)]: 5 });
  assert.equal(h!.introduced, null, 'already in the oldest tag');
  assert.equal(h!.removed, null);
  assert.ok(h!.releases.every((r) => r.file === FILE && r.edited === undefined));
});

test('a documented line edited in place is the same location, marked edited where its code is not on it', () => {
  const repo = newRepo();
  const before = 'let fill = queue.pop_front().expect("fill queue empty");';
  const now = 'let fill = queue.pop_front().unwrap();';
  repo.write({ [FILE]: [...filler(4), before, ...filler(3, 'y')] });
  repo.commit('one');
  repo.tag('v1.0.0');
  repo.write({ [FILE]: [...filler(6), now, ...filler(3, 'y')] });
  repo.commit('edited, and two lines above');
  repo.tag('v2.0.0');
  const { history } = trace(repo, [target(7, now)]);
  const [h] = history;
  assert.deepEqual(
    h!.releases.map((r) => [r.tag, r.line, r.edited ?? false]),
    [
      ['v1.0.0', 5, true],
      ['v2.0.0', 7, false],
    ],
  );
  assert.equal(h!.introduced, null);
});

test('code added in a release is introduced there; retired code records the release it was removed in', () => {
  const repo = newRepo();
  const kept = 'assert!(kappa > 0.0);';
  const added = 'let q = self.quotes.last().unwrap();';
  repo.write({ [FILE]: [...filler(3), kept, ...filler(4, 'y')] });
  repo.commit('one');
  repo.tag('v1.0.0');
  repo.write({ [FILE]: [...filler(3), kept, ...filler(2, 'y'), added, ...filler(2, 'z')] });
  repo.commit('adds the unwrap');
  repo.tag('v1.1.0');
  repo.write({ [FILE]: [...filler(3), kept, ...filler(2, 'y'), ...filler(2, 'z')] });
  repo.commit('removes it again');
  repo.tag('v1.2.0');
  // `added` is documented at line 7, where v1.1.0 had it: the content keeps a retired path's last lines.
  const { history } = trace(repo, [target(4, kept), target(7, added)]);
  const [k, a] = history;
  assert.deepEqual(linesOf(k!), { 'v1.0.0': 4, 'v1.1.0': 4, 'v1.2.0': 4 });
  assert.deepEqual(linesOf(a!), { 'v1.1.0': 7 });
  assert.equal(a!.introduced?.tag, 'v1.1.0');
  assert.equal(a!.removed?.tag, 'v1.2.0');
});

test('code removed and added back is found again in the release that brings it back', () => {
  const repo = newRepo();
  const code = 'let mid = (bid + ask) / 2.0; debug_assert!(mid > 0.0);';
  repo.write({ [FILE]: [...filler(2), code, ...filler(3, 'y')] });
  repo.commit('one');
  repo.tag('v1.0.0');
  repo.write({ [FILE]: [...filler(2), ...filler(3, 'y')] });
  repo.commit('removed');
  repo.tag('v1.1.0');
  repo.write({ [FILE]: [...filler(2), ...filler(3, 'y'), 'fn back() {', code, '}'] });
  repo.commit('back, further down');
  repo.tag('v1.2.0');
  const { history } = trace(repo, [target(7, code)]);
  const [h] = history;
  assert.deepEqual(linesOf(h!), { 'v1.0.0': 3, 'v1.2.0': 7 });
  assert.equal(h!.removed, null, 'it is there at HEAD');
  assert.equal(h!.introduced, null, 'it was there in the oldest tag');
});

test('a renamed file: each release names the path the file had then, lines followed through the rename', () => {
  const repo = newRepo();
  const code = 'let gamma = self.gamma.max(MIN_GAMMA);';
  const old = 'src/strategy/glft.rs';
  const now = 'src/strategy/spread_oracle.rs';
  const body = [...filler(20), code, ...filler(20, 'y')];
  repo.write({ [old]: body });
  repo.commit('one');
  repo.tag('v0.9.0');
  repo.rename(old, now);
  repo.write({ [now]: ['// moved here', ...body] });
  repo.commit('rename, one line more');
  repo.tag('v0.10.0');
  const { revisions, history } = trace(repo, [target(22, code, now)]);
  assert.deepEqual(
    revisions.map((r) => r.tag),
    ['v0.9.0', 'v0.10.0'],
    'version order, not text order',
  );
  assert.deepEqual(
    history[0]!.releases.map((r) => [r.tag, r.file, r.line]),
    [
      ['v0.9.0', old, 21],
      ['v0.10.0', now, 22],
    ],
  );
});

test("two unwraps of one file each keep their own line (the issue's acceptance scenario)", () => {
  const model = realModel();
  const { repo, lines } = pendingFillRepo(model);
  repos.push(repo);
  const targets = traceableTargets(model);
  const revisions = listRevisions(repo.dir, { tags: 'v*' });
  const history = traceHistory(repo.dir, targets, revisions);
  const pending = history.find((h) => h.entry === 'panics/pending-fill-queue' && h.file === HANDLERS)!;
  assert.deepEqual(
    pending.releases.map((r) => [r.tag ?? 'HEAD', r.line]),
    lines.map((l) => [l.tag, l.pendingFill]),
  );
  assert.ok(
    !history.some((h) =>
      h.releases.some((r) => r.tag !== 'v1.0.0' && r.file === HANDLERS && r.line === lines[1]!.other),
    ),
    `nothing documented at ${OTHER_UNWRAP}'s line since v1.1.0`,
  );
  // Every located target is in every revision of this repo, and the record is what the schema says.
  for (const h of history) assert.equal(h.releases.length, revisions.length, `${h.entry} ${h.anchor}`);
  historySchema.parse({ selection: 'tags v*', revisions, locations: history });
  assert.equal(targets.length, targetsOf(model).filter((t) => !t.skip && t.line !== undefined).length);
});

test('--last N walks the N most recent first-parent commits; annotated tags are peeled to their commits', () => {
  const repo = newRepo();
  const code = 'x.unwrap()';
  const commits: string[] = [];
  for (let i = 0; i < 5; i++) {
    repo.write({ [FILE]: [...filler(i), code] });
    commits.push(repo.commit(`c${i}`));
  }
  repo.tag('v2.0.0', true);
  const last3 = listRevisions(repo.dir, { last: 3 });
  assert.deepEqual(
    last3.map((r) => r.commit),
    commits.slice(2),
  );
  const tags = listRevisions(repo.dir, { tags: 'v*' });
  assert.deepEqual(tags, [{ tag: 'v2.0.0', commit: commits[4] }], 'HEAD is the tag: not listed twice');
  const history = traceHistory(repo.dir, [target(5, code)], last3);
  assert.deepEqual(
    history[0]!.releases.map((r) => r.line),
    [3, 4, 5],
  );
});

test("the inventory's sites are followed too: the other unwrap is introduced in v1.1.0, at the line it has today", () => {
  const content = realModel();
  const fixture = pendingFillRepo(content);
  repos.push(fixture.repo);
  const other = fixture.lines.find((l) => l.tag === 'HEAD')!.other!;
  const site = {
    file: HANDLERS,
    line: other,
    column: 44,
    kind: 'unwrap' as const,
    fn: 'EventLoop::handle_fill',
    message: 'called `Option::unwrap()` on a `None` value',
    release: true,
    testOnly: false,
    code: OTHER_UNWRAP,
  };
  const history = recordHistory(fixture.repo.dir, content, { tags: 'v*' }, {}, [site]);
  const traced = history.locations.find((l) => l.entry === 'inventory')!;
  assert.equal(traced.anchor, `site-handlers-L${other}`);
  assert.equal(traced.introduced?.tag, 'v1.1.0');
  assert.deepEqual(
    traced.releases.map((r) => [r.tag, r.line]),
    [
      ['v1.1.0', other],
      [null, other],
    ],
  );
});
