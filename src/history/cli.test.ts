/** `check-sources --history` end to end, in child processes, against the acceptance repository built here. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { historySchema } from '../model/history.ts';
import { loadContent } from '../model/load-content.ts';
import { copyContent, runCli, snapshot, syncedTree, writeTree } from '../test-support/fixture-tree.ts';
import { tempDir } from '../test-support/temp-dir.ts';
import { HANDLERS, pendingFillRepo } from '../test-support/fixture-repo.ts';

const content = copyContent();
const { model } = loadContent(content);
const { repo, lines } = pendingFillRepo(model);
const plain = writeTree(tempDir('not-git'), syncedTree(model));
after(() => {
  for (const d of [dirname(content), repo.dir, plain]) rmSync(d, { recursive: true, force: true });
});

test("--history prints each location's lines through the tags; --json carries the history", () => {
  const text = runCli(['--repo', repo.dir, '--content', content, '--history']);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /^--history: \d+ locations through 3 revisions \(tags v\*, HEAD last\) in \d+\.\d\d s$/m);
  assert.match(
    text.stdout,
    new RegExp(
      `^panics/pending-fill-queue#handlers-L242 +${lines[0]!.pendingFill} \\(v1\\.0\\.0\\) → ${lines[1]!.pendingFill} \\(v1\\.1\\.0 … HEAD\\); since v1\\.0\\.0 or earlier$`,
      'm',
    ),
  );
  const json = runCli(['--repo', repo.dir, '--content', content, '--history', '--json']);
  const history = historySchema.parse(JSON.parse(json.stdout).history);
  const pending = history.locations.find((l) => l.entry === 'panics/pending-fill-queue' && l.file === HANDLERS)!;
  assert.deepEqual(
    pending.releases.map((r) => r.line),
    lines.map((l) => l.pendingFill),
  );
});

test('--record writes content/history.json, valid, and the same bytes when recorded again', () => {
  const before = snapshot(content);
  const first = runCli(['--repo', repo.dir, '--content', content, '--history', '--record']);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /^recorded content\/history\.json$/m);
  const bytes = readFileSync(join(content, 'history.json'), 'utf8');
  historySchema.parse(JSON.parse(bytes));
  assert.deepEqual(loadContent(content).errors, [], 'the content loads with its history');
  runCli(['--repo', repo.dir, '--content', content, '--history', '--record']);
  assert.equal(readFileSync(join(content, 'history.json'), 'utf8'), bytes, 'stable: sorted, no timestamp');
  const changed = [...snapshot(content).keys()].filter(
    (f) => !before.has(f) || !before.get(f)!.equals(snapshot(content).get(f)!),
  );
  assert.deepEqual(changed.sort(), ['history.json', 'source-check.json']);
});

test('bad --history options: one line on stderr, exit 2', () => {
  const cases: [string[], RegExp][] = [
    [['--tags', 'v*'], /--tags only applies with --history/],
    [['--history', '--tags', 'v*', '--last', '3'], /give one of them/],
    [['--history', '--last', 'ten'], /--last must be a number of commits like 20, got "ten"/],
  ];
  for (const [args, message] of cases) {
    const r = runCli(['--repo', repo.dir, '--content', content, ...args]);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  }
  const notGit = runCli(['--repo', plain, '--content', content, '--history']);
  assert.equal(notGit.status, 2);
  assert.match(notGit.stderr, /^check-sources: error: --history needs a git checkout with commits; .* is not one/);
});
