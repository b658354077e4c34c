/**
 * The `check-sources` CLI end to end, in child processes (real exit codes), against fixture Rust trees generated
 * from the model and a copy of the content folder, all in temp folders.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent } from '../model/load-content.ts';
import { sourceCheckSchema } from '../model/source-check.ts';
import type { Result } from './check.ts';
import { copyContent, runCli, snapshot, SPREAD_ORACLE, syncedTree, writeTree } from '../test-support/fixture-tree.ts';
import { tempDir } from '../test-support/temp-dir.ts';

const HANDLERS = 'src/market_maker/orchestrator/handlers.rs';
const KILL_SWITCH = 'src/market_maker/risk/kill_switch.rs';
const { model } = loadContent(copyContentOnce());
const SYNCED = syncedTree(model);

function copyContentOnce(): string {
  return copyContent();
}

/** The synced tree with `edit` applied to one file's lines. */
function treeWith(
  file: string,
  edit: (lines: string[]) => string[],
  base: ReadonlyMap<string, string[]> = SYNCED,
): Map<string, string[]> {
  const tree = new Map(base);
  tree.set(file, edit([...base.get(file)!]));
  return tree;
}
const insertAtTop = (n: number) => (lines: string[]) => [
  ...Array.from({ length: n }, (_, i) => `// inserted ${i + 1}`),
  ...lines,
];
const MOVED = treeWith(SPREAD_ORACLE, insertAtTop(8));

const json = (args: string[]) => {
  const r = runCli([...args, '--json']);
  return {
    ...r,
    report: JSON.parse(r.stdout) as {
      repo: string;
      commit?: string;
      checked: number;
      ok: boolean;
      results: Result[];
      fixed?: unknown[];
    },
  };
};

/** Non-digit text must be identical; each number either unchanged or `old + delta`. Returns how many changed. */
function onlyNumbersChanged(before: string, afterText: string, delta: number): number {
  const a = before.split(/(\d+)/);
  const b = afterText.split(/(\d+)/);
  assert.equal(a.length, b.length, 'same number of number tokens');
  let changed = 0;
  a.forEach((tok, i) => {
    if (i % 2 === 0) assert.equal(b[i], tok, `text between numbers is byte for byte the same (token ${i})`);
    else if (b[i] !== tok) {
      assert.equal(Number(b[i]), Number(tok) + delta, `${tok} → ${b[i]}`);
      changed++;
    }
  });
  return changed;
}

test('a tree in sync with the model: every location ok, exit 0', () => {
  const content = copyContent();
  const repo = writeTree(tempDir('synced'), SYNCED);
  const before = snapshot(content);
  const text = runCli(['--repo', repo, '--content', content]);
  assert.equal(text.status, 0, text.stderr);
  assert.equal(text.stderr, '');
  assert.match(text.stdout, /^ok +panics\/glft-kappa-gamma +spread_oracle\.rs:43 +kappa > 0\.0$/m);
  assert.match(text.stdout, /^skipped +frames\/risk +kill_switch\.rs +check +no line$/m);
  assert.match(text.stdout, /All hold\.$/m);
  assert.ok(!text.stdout.includes('\x1b['), 'no colour when stdout is not a TTY');

  const { status, report } = json(['--repo', repo, '--content', content]);
  assert.equal(status, 0);
  assert.equal(report.ok, true);
  assert.equal(report.repo, repo);
  assert.equal('commit' in report, false, 'not a git repository');
  assert.deepEqual(new Set(report.results.map((r) => r.status)), new Set(['ok', 'skipped']));
  assert.equal(report.checked, report.results.filter((r) => r.status === 'ok').length);
  const kappa = report.results.find((r) => r.entry === 'panics/glft-kappa-gamma' && r.line === 43)!;
  assert.deepEqual(kappa, {
    entry: 'panics/glft-kappa-gamma',
    anchor: 'spread_oracle-L43',
    file: SPREAD_ORACLE,
    line: 43,
    code: 'kappa > 0.0',
    status: 'ok',
  });
  assert.deepEqual(snapshot(content), before, 'a check without --fix/--record writes nothing');
});

test('--record in a git checkout writes content/source-check.json with the commit', () => {
  const content = copyContent();
  const repo = writeTree(tempDir('git'), SYNCED);
  const git = (...args: string[]) =>
    spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, encoding: 'utf8' });
  git('init', '-q');
  git('add', '.');
  assert.equal(git('commit', '-q', '-m', 'fixture').status, 0);
  const head = git('rev-parse', 'HEAD').stdout.trim();
  const r = runCli(['--repo', repo, '--content', content, '--record']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`at ${head.slice(0, 12)}`));
  const check = sourceCheckSchema.parse(JSON.parse(readFileSync(join(content, 'source-check.json'), 'utf8')));
  assert.equal(check.commit, head);
  assert.equal(check.ok, true);
  assert.ok(Math.abs(Date.parse(check.checkedAt) - Date.now()) < 60_000);
  assert.deepEqual(check.results['panics/glft-kappa-gamma'], { ok: 5, failed: 0 });
  assert.deepEqual(check.results['frames/risk'], { ok: 0, failed: 0 }, 'skipped locations count as neither');
  assert.equal(json(['--repo', repo, '--content', content]).report.commit, head);
});

test('lines moved: exact moved statuses, exit 1; --fix changes only those numbers; then the check is clean', () => {
  const content = copyContent();
  const repo = writeTree(tempDir('moved'), MOVED);
  const original = snapshot(content);

  const { status, report } = json(['--repo', repo, '--content', content]);
  assert.equal(status, 1);
  assert.equal(report.ok, false);
  for (const r of report.results) {
    if (r.file === SPREAD_ORACLE && r.line !== undefined) {
      assert.equal(r.status, 'moved', `${r.entry} ${r.anchor}`);
      assert.deepEqual(r.foundAt, [r.line + 8], `${r.entry} ${r.anchor}`);
    } else assert.ok(r.status === 'ok' || r.status === 'skipped', `${r.entry} ${r.anchor}: ${r.status}`);
  }
  const moved = report.results.filter((r) => r.status === 'moved');
  assert.equal(moved.length, 18);
  assert.deepEqual(
    report.results.find((r) => r.anchor === 'spread_oracle-L88')!.foundAt,
    [96],
    'the second `gamma > 0.0` is matched in order',
  );
  assert.deepEqual(snapshot(content), original);

  const text = runCli(['--repo', repo, '--content', content]);
  assert.equal(text.status, 1);
  assert.match(text.stdout, /^moved +panics\/glft-kappa-gamma +spread_oracle\.rs:43 +kappa > 0\.0 +→ 51$/m);
  assert.match(text.stdout, /^moved +numerical-stability\/layer-2 +spread_oracle\.rs:43-44 +debug_assert! +→ 51-52$/m);
  assert.match(text.stdout, /^moved +frames\/strategy +spread_oracle\.rs:130\+ +kappa_for_spread_with_vol +→ 138\+$/m);

  const fix = runCli(['--repo', repo, '--content', content, '--fix']);
  assert.equal(fix.status, 0, fix.stdout + fix.stderr);
  assert.match(fix.stdout, /^content\/panics\/glft-kappa-gamma\.mdx: spread_oracle\.rs 43 → 51$/m);
  assert.match(fix.stdout, /^content\/numerical-stability\.yaml: spread_oracle\.rs 43-44 → 51-52$/m);
  assert.match(fix.stdout, /^content\/frames\.yaml: spread_oracle\.rs 130\+ → 138\+$/m);
  assert.match(fix.stdout, /^note: content\/panics\/glft-kappa-gamma\.mdx:\d+ still mentions spread_oracle\.rs:46/m);

  const fixed = snapshot(content);
  const changedFiles = [...original.keys()].filter((f) => !original.get(f)!.equals(fixed.get(f)!)).sort();
  assert.deepEqual(
    changedFiles,
    ['frames.yaml', 'numerical-stability.yaml', join('panics', 'glft-kappa-gamma.mdx'), 'safe-by-design.yaml'].sort(),
  );
  let numbers = 0;
  for (const f of changedFiles)
    numbers += onlyNumbersChanged(original.get(f)!.toString('utf8'), fixed.get(f)!.toString('utf8'), 8);
  const endLines = moved.filter((r) => r.endLine !== undefined).length;
  assert.equal(numbers, moved.length + endLines, 'exactly one number per line and per endLine of the moved locations');
  assert.deepEqual(
    [...fixed.keys()].filter((f) => !original.has(f)),
    ['source-check.json'],
  );
  const check = sourceCheckSchema.parse(JSON.parse(fixed.get('source-check.json')!.toString('utf8')));
  assert.equal(check.ok, true, '--fix records the state after the fix');

  const again = json(['--repo', repo, '--content', content]);
  assert.equal(again.status, 0);
  assert.ok(again.report.results.every((r) => r.status === 'ok' || r.status === 'skipped'));
  assert.equal(loadContent(content).errors.length, 0);
});

test('a code line gone: `gone`, exit 1; --fix fixes the moved ones and leaves that entry untouched', () => {
  const content = copyContent();
  // line 51 held `kappa > 0.0  debug_assert!`: the kappa check goes, the debug_assert! of layer 2 stays
  const tree = treeWith(
    SPREAD_ORACLE,
    (lines) => lines.map((l, i) => (i === 51 - 1 ? l.replace('kappa > 0.0', '') : l)),
    MOVED,
  );
  assert.equal(tree.get(SPREAD_ORACLE)![50], '  debug_assert!');
  const repo = writeTree(tempDir('gone'), tree);
  const { status, report } = json(['--repo', repo, '--content', content]);
  assert.equal(status, 1);
  const kappa = report.results.find((r) => r.anchor === 'spread_oracle-L43' && r.entry === 'panics/glft-kappa-gamma')!;
  assert.equal(kappa.status, 'gone');
  assert.equal(kappa.foundAt, undefined);
  assert.deepEqual(
    report.results.find((r) => r.anchor === 'spread_oracle-L44' && r.entry === 'panics/glft-kappa-gamma')!.foundAt,
    [52],
  );

  const glft = join(content, 'panics', 'glft-kappa-gamma.mdx');
  const before = readFileSync(glft, 'utf8');
  const fix = runCli(['--repo', repo, '--content', content, '--fix']);
  assert.equal(fix.status, 1, 'still does not hold after --fix');
  assert.ok(!fix.stdout.includes('spread_oracle.rs 43 → '), fix.stdout);
  const afterText = readFileSync(glft, 'utf8');
  assert.match(afterText, /line: 43\n {4}code: kappa > 0\.0/, 'the gone location keeps its line');
  assert.match(afterText, /line: 52\n {4}code: gamma > 0\.0/);
  assert.equal(onlyNumbersChanged(before, afterText, 8), 4);
  const again = json(['--repo', repo, '--content', content]);
  assert.deepEqual(
    again.report.results
      .filter((r) => r.status !== 'ok' && r.status !== 'skipped')
      .map((r) => [r.entry, r.line, r.status]),
    [['panics/glft-kappa-gamma', 43, 'gone']],
  );
});

test('code found on two lines: `ambiguous` with both lines; --fix does not touch it', () => {
  const content = copyContent();
  const pending = 'let pending = self.infra.pending_fill_outcomes.pop_front().unwrap();';
  const tree = treeWith(HANDLERS, (lines) => [...insertAtTop(3)(lines), `    ${pending}`]);
  const repo = writeTree(tempDir('ambiguous'), tree);
  const last = tree.get(HANDLERS)!.length;
  const { status, report } = json(['--repo', repo, '--content', content]);
  assert.equal(status, 1);
  const r = report.results.find((x) => x.entry === 'panics/pending-fill-queue')!;
  assert.equal(r.status, 'ambiguous');
  assert.deepEqual(r.foundAt, [245, last]);
  const text = runCli(['--repo', repo, '--content', content]);
  assert.match(
    text.stdout,
    new RegExp(`^ambiguous +panics/pending-fill-queue +handlers\\.rs:242 .* lines 245, ${last}$`, 'm'),
  );

  const before = snapshot(content);
  const fix = runCli(['--repo', repo, '--content', content, '--fix']);
  assert.equal(fix.status, 1);
  assert.match(fix.stdout, /--fix: nothing to change/);
  const afterFix = snapshot(content);
  afterFix.delete('source-check.json');
  assert.deepEqual(afterFix, before, 'no content file changed');
});

test('bad input: one line on stderr, exit 2, and no file of the content changed (even with --fix --record)', () => {
  const content = copyContent();
  const moved = writeTree(tempDir('bad-moved'), MOVED);
  const before = snapshot(content);
  const notCrate = tempDir('not-crate');
  const aFile = join(notCrate, 'file.txt');
  writeFileSync(aFile, 'x');
  const latin1 = writeTree(tempDir('latin1'), MOVED);
  appendFileSync(join(latin1, KILL_SWITCH), Buffer.from([0x2f, 0x2f, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]));
  const escaping = writeTree(tempDir('symlink'), MOVED);
  const outside = tempDir('outside');
  writeTree(outside, SYNCED);
  rmSync(join(escaping, 'src/market_maker/risk'), { recursive: true });
  symlinkSync(join(outside, 'src/market_maker/risk'), join(escaping, 'src/market_maker/risk'));

  const cases: [string, string[], RegExp][] = [
    ['no --repo', [], /--repo PATH is required/],
    [
      'no such folder',
      ['--repo', '/nonexistent/mm'],
      /^check-sources: error: --repo \/nonexistent\/mm: no such folder$/,
    ],
    ['not a folder', ['--repo', aFile], /--repo .*file\.txt: not a folder$/],
    ['not a Rust crate', ['--repo', notCrate], /: not a Rust crate \(no Cargo\.toml\)$/],
    ['not UTF-8', ['--repo', latin1], /kill_switch\.rs: not valid UTF-8/],
    ['a symlink leaving the checkout', ['--repo', escaping], /kill_switch\.rs: outside the checkout/],
    ['an unknown option', ['--repo', moved, '--fixx'], /Unknown option '--fixx'/],
    [
      'no content folder',
      ['--repo', moved, '--content', join(notCrate, 'nope')],
      /nope\/panics: error: `\(folder\)` is missing/,
    ],
  ];
  for (const [name, args, message] of cases) {
    const withContent = args.includes('--content') ? args : [...args, '--content', content];
    const r = runCli([...withContent, '--fix', '--record']);
    assert.equal(r.status, 2, `${name}: exit code\n${r.stdout}${r.stderr}`);
    assert.equal(r.stdout, '', `${name}: nothing on stdout`);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, `${name}: one line on stderr, got ${r.stderr}`);
    assert.match(lines[0]!, /^check-sources: error: /, name);
    assert.match(lines[0]!, message, name);
    assert.deepEqual(snapshot(content), before, `${name}: content unchanged`);
  }
  // the control: the same content and tree without the fault would have been fixed
  const control = copyContent();
  assert.equal(runCli(['--repo', moved, '--content', control, '--fix']).status, 0);
});

test('bad input: a location with ../ in the model is refused before anything is read', () => {
  const content = copyContent();
  const file = join(content, 'panics', 'pending-fill-queue.mdx');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace(
      'file: src/market_maker/orchestrator/handlers.rs',
      'file: ../outside/handlers.rs',
    ),
  );
  const before = snapshot(content);
  const repo = writeTree(tempDir('dotdot'), MOVED);
  const r = runCli(['--repo', repo, '--content', content, '--fix', '--record']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1);
  assert.match(
    r.stderr,
    /^check-sources: error: content\/panics\/pending-fill-queue\.mdx:\d+: error: `locations\[0\]\.file` must be relative to the crate's root and stay inside it/,
  );
  assert.deepEqual(snapshot(content), before);
});
