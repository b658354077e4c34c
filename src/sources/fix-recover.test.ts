// `check-sources --fix` is recoverable after a kill at any point: the writer is run in a child process that
// SIGKILLs itself after its k-th file-system step, for every k, and the next run leaves the folder whole old or
// whole new — never some files of each, never a temporary file. While a journal says a write is unfinished, the
// content check (the build's and every CLI's) refuses the folder by name.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkContent } from '../integration/content-check.ts';
import { loadContent } from '../model/load-content.ts';
import { FIX_JOURNAL_FILE } from '../model/model.ts';
import { copyContent, movedCheckout, ROOT, runCli, snapshot } from '../test-support/fixture-tree.ts';
import { tempDir } from '../test-support/temp-dir.ts';
import { newText, WRITE_ALL_NAMES } from '../test-support/stop-writer.ts';
import { recoverWrites } from './write-all.ts';

/** Runs the stopping writer; its signal, and the number of steps when it ran to the end. */
function stopAfter(
  k: number,
  args: string[],
): { signal: NodeJS.Signals | null; steps: number | undefined; stderr: string } {
  const r = spawnSync(process.execPath, ['src/test-support/stop-writer.ts', String(k), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const m = /^steps (\d+)$/m.exec(r.stderr);
  return { signal: r.signal, steps: m ? Number(m[1]) : undefined, stderr: r.stderr };
}

type Snapshot = Map<string, Buffer>;
/** `old`, `new` or `mixed`, comparing with `same` (byte equality unless told otherwise). */
function whole(
  now: Snapshot,
  old: Snapshot,
  fresh: Snapshot,
  same = (_f: string, a: Buffer, b: Buffer) => a.equals(b),
) {
  const equal = (a: Snapshot, b: Snapshot) =>
    a.size === b.size && [...a].every(([f, bytes]) => b.has(f) && same(f, bytes, b.get(f)!));
  return equal(now, old) ? 'old' : equal(now, fresh) ? 'new' : 'mixed';
}

test('the writer killed after each of its steps: the next run leaves the folder whole old or whole new', () => {
  const oldFolder = () => {
    const dir = tempDir('write-all-kill');
    for (const n of WRITE_ALL_NAMES.slice(0, 3)) writeFileSync(join(dir, n), `old ${n}\n`);
    return dir;
  };
  const old = snapshot(oldFolder());
  const fresh = new Map(WRITE_ALL_NAMES.map((n) => [n, Buffer.from(newText(n))]));
  const full = stopAfter(0, ['write-all', oldFolder()]);
  assert.ok(full.steps !== undefined && full.steps > 10, full.stderr);

  const outcomes = { old: 0, new: 0 };
  for (let k = 1; k <= full.steps!; k++) {
    const dir = oldFolder();
    const run = stopAfter(k, ['write-all', dir]);
    assert.equal(run.signal, 'SIGKILL', `step ${k}: ${run.stderr}`);
    const journal = join(dir, '.journal.json');
    // Files that are not whole old or whole new always come with the journal that says how to make them whole
    // (hidden temporary files aside: the next run removes them with or without a journal).
    const visible = new Map([...snapshot(dir)].filter(([f]) => !f.startsWith('.')));
    if (whole(visible, old, fresh) === 'mixed') assert.ok(existsSync(journal), `step ${k}: mixed, and no journal`);
    recoverWrites(journal);
    const now = whole(snapshot(dir), old, fresh);
    assert.notEqual(now, 'mixed', `step ${k} of ${full.steps}: ${[...snapshot(dir).keys()].join(', ')}`);
    outcomes[now as 'old' | 'new']++;
  }
  // Killed early the write is undone, killed late it is finished: both happened.
  assert.ok(outcomes.old > 0 && outcomes.new > 0, JSON.stringify(outcomes));
});

// Every step is covered above on the writer alone; through the CLI (a second or two a run) a spread of steps is.
test('check-sources --fix killed part-way: the build refuses the folder, the next run makes it whole', () => {
  const content = copyContent();
  const repo = movedCheckout(content, loadContent(content).model);
  const pristine = join(tempDir('content-pristine'), 'content');
  spawnSync('cp', ['-a', content, pristine]);
  const reset = () => {
    rmSync(content, { recursive: true, force: true });
    spawnSync('cp', ['-a', pristine, content]);
  };
  const old = snapshot(content);
  const full = stopAfter(0, ['check-sources', '--repo', repo, '--content', content, '--fix']);
  assert.ok(full.steps !== undefined, full.stderr);
  const fresh = snapshot(content);
  assert.ok([...fresh].filter(([f, b]) => !old.get(f)?.equals(b)).length >= 3, 'the fix changes several files');
  // The record of the check holds the time it ran: equal when all but that time is.
  const same = (f: string, a: Buffer, b: Buffer) =>
    f === 'source-check.json'
      ? a.toString().replace(/"checkedAt": "[^"]*"/, '') === b.toString().replace(/"checkedAt": "[^"]*"/, '')
      : a.equals(b);

  let refused = 0;
  const steps = full.steps!;
  for (const k of new Set([1, Math.round(steps / 3), Math.round(steps / 2), Math.round((2 * steps) / 3), steps])) {
    reset();
    const run = stopAfter(k, ['check-sources', '--repo', repo, '--content', content, '--fix']);
    assert.equal(run.signal, 'SIGKILL', `step ${k}: ${run.stderr}`);
    if (existsSync(join(content, FIX_JOURNAL_FILE))) {
      refused++;
      const check = checkContent(content, join(content, '..'));
      assert.ok(
        check.errors.some((e) => e.startsWith(`content/${FIX_JOURNAL_FILE}: error:`) && e.includes('stopped part-way')),
        check.errors.join('\n'),
      );
    }
    const next = runCli(['--repo', repo, '--content', content]);
    assert.ok(next.status === 0 || next.status === 1, `step ${k}: ${next.stderr}`);
    const now = whole(snapshot(content), old, fresh, same);
    assert.notEqual(now, 'mixed', `step ${k} of ${full.steps}`);
  }
  assert.ok(refused > 0, 'some kills left a journal');
});
