/**
 * `npm run check-sources -- --repo PATH [--json] [--fix] [--record] [--content DIR] [--history [--tags GLOB | --last N]]`
 *
 * Checks every source location of the reference against a checkout of the market maker: the file exists and the
 * stated line holds the stated code. Exit 0 when every location holds, 1 when some do not, 2 on bad input
 * (no --repo, not a Rust crate, invalid content, a source file that cannot be read, is not UTF-8, breaks lines with
 * a lone CR or is over the size limit, a path leaving the checkout, a write that fails); on exit 2 no file of the
 * content folder is changed: --fix and --record write all their files or none.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { errnoText } from '../model/content-files.ts';
import { type FoundSite, INVENTORY_FILE, inventoryRecordSchema } from '../model/inventory.ts';
import { formatError, loadContent, type LoadedContent } from '../model/load-content.ts';
import { type SourceCheck, sourceCheckSchema } from '../model/source-check.ts';
import { FIX_JOURNAL_FILE } from '../model/model.ts';
import { allHold, checkTargets, countStatuses, type Result, targetsOf } from '../sources/check.ts';
import { applyEdits, type FileFix, planFixes, staleMentions } from '../sources/fix.ts';
import { readSourceFiles, repoProblem } from '../sources/read-tree.ts';
import {
  type FileWrite,
  nodeIo,
  recoverWrites,
  type WriteIo,
  WriteError,
  writeAllOrNothing,
} from '../sources/write-all.ts';
import { renderTable, summaryLine } from '../sources/report.ts';
import { parseCommandLine, usageError } from './args.ts';
import { contentDir } from './paths.ts';
import { HISTORY_USAGE, historySelection, runHistory } from '../history/cli.ts';
import { GitError } from '../history/git.ts';

const CLI = {
  name: 'check-sources',
  usage: `usage: npm run check-sources -- --repo PATH [--json] [--fix] [--record] [--content DIR] ${HISTORY_USAGE}`,
};

class BadInput extends Error {}

interface Checked {
  loaded: LoadedContent;
  results: Result[];
  targets: ReturnType<typeof targetsOf>;
}

/** Loads the content folder at `dir` and checks it against `repo`; bad input throws BadInput. */
function check(dir: string, repo: string): Checked {
  const loaded = loadContent(dir, dirname(dir));
  if (loaded.errors.length > 0) {
    throw new BadInput(
      loaded.errors.length === 1
        ? `${formatError(loaded.errors[0]!)}`
        : `${loaded.errors.length} problems in ${dir}, run npm run check-content; first: ${formatError(loaded.errors[0]!)}`,
    );
  }
  const targets = targetsOf(loaded.model);
  const read = readSourceFiles(
    repo,
    targets.filter((t) => !t.skip).map((t) => t.file),
  );
  if ('error' in read) throw new BadInput(read.error);
  return { loaded, targets, results: checkTargets(targets, read.files) };
}

function gitCommit(repo: string): string | null {
  const git = spawnSync('git', ['rev-parse', '--verify', 'HEAD'], { cwd: repo, encoding: 'utf8' });
  const out = git.status === 0 ? git.stdout.trim() : '';
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(out) ? out : null;
}

export function sourceCheckRecord(results: readonly Result[], commit: string | null, checkedAt: Date): SourceCheck {
  const perEntry: SourceCheck['results'] = {};
  for (const r of results) {
    const e = (perEntry[r.entry] ??= { ok: 0, failed: 0 });
    if (r.status === 'ok') e.ok++;
    else if (r.status !== 'skipped') e.failed++;
  }
  return sourceCheckSchema.parse({
    commit,
    checkedAt: checkedAt.toISOString(),
    ok: allHold(results),
    results: perEntry,
  });
}

/**
 * Applies the fixes to a copy of the content folder first and checks it again there. Nothing of the real folder
 * is written here: the fixed texts are returned, to be written all or nothing with the record of the check.
 */
function fixContent(dir: string, repo: string, fixes: FileFix[]): { rechecked: Checked; writes: FileWrite[] } {
  let tmp: string | undefined;
  try {
    tmp = mkdtempSync(join(tmpdir(), 'check-sources-'));
    const copy = join(tmp, basename(dir));
    const after = new Map(fixes.map((f) => [f.file, applyEdits(f.before, f.edits)]));
    try {
      cpSync(dir, copy, { recursive: true });
      for (const [file, text] of after) writeFileSync(resolve(tmp, file), text);
    } catch (e) {
      throw new BadInput(`cannot copy the content to ${tmp} to check the fix (${errnoText(e)}); no file was changed`);
    }
    const rechecked = check(copy, repo);
    const writes: FileWrite[] = [];
    for (const [file, text] of after) {
      const target = resolve(dirname(dir), file);
      let now: string | undefined;
      try {
        now = readFileSync(target, 'utf8');
      } catch {
        now = undefined;
      }
      if (now !== fixes.find((f) => f.file === file)!.before)
        throw new BadInput(`${file}: changed while checking; no file was changed`);
      writes.push({ path: target, text, name: file });
    }
    return { rechecked, writes };
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

/** `io`: how files are written (tests make a write fail part-way through it). */
/** The inventory's sites when content/inventory.json exists (the content check has validated it): followed too. */
function recordedSites(dir: string): FoundSite[] {
  const file = join(dir, INVENTORY_FILE);
  return existsSync(file) ? inventoryRecordSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).sites : [];
}

export function main(argv: string[], io: WriteIo = nodeIo): number {
  const parsed = parseCommandLine(CLI, argv, {
    repo: { type: 'string' },
    json: { type: 'boolean', default: false },
    fix: { type: 'boolean', default: false },
    record: { type: 'boolean', default: false },
    content: { type: 'string' },
    history: { type: 'boolean', default: false },
    tags: { type: 'string' },
    last: { type: 'string' },
  });
  if ('exitCode' in parsed) return parsed.exitCode;
  const args = parsed.values;
  if (args.repo === undefined || args.repo === '')
    return usageError(CLI, "--repo PATH is required: the market maker's checkout");
  const repo = resolve(args.repo);
  const problem = repoProblem(args.repo);
  if (problem) {
    console.error(`check-sources: error: ${problem}`);
    return 2;
  }
  const dir = resolve(args.content ?? contentDir());
  const { selection, error: historyError } = historySelection(args, repo);
  if (historyError) return usageError(CLI, historyError);

  try {
    // A --fix stopped part-way is finished (or undone) before the content is read: the folder is whole again.
    const recovered = recoverWrites(join(dir, FIX_JOURNAL_FILE));
    if (recovered) {
      const how = recovered.outcome === 'finished' ? 'finished' : 'undone, every file is as it was';
      console.error(
        `check-sources: note: an earlier --fix was stopped part-way; ${how}: ${recovered.files.join(', ')}`,
      );
    }
    const first = check(dir, repo);
    const commit = gitCommit(repo);
    let final = first;
    let fixed: { file: string; change: string }[] = [];
    const colour = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;

    if (!args.json) {
      console.log(
        `check-sources: ${args.repo}${commit ? ` at ${commit.slice(0, 12)}` : ' (not a git repository)'}, content ${basename(dir)}/\n`,
      );
      console.log(renderTable(first.results, { colour }));
      console.log(`\n${summaryLine(first.results)}`);
    }
    // Every file --fix and --record change is written at once, all or nothing, before anything is reported done.
    const writes: FileWrite[] = [];
    let fixes: FileFix[] = [];
    if (args.fix) {
      const plan = planFixes(first.targets, first.results, first.loaded.sources);
      for (const p of plan.problems) console.error(`check-sources: warning: ${p}`);
      fixes = plan.fixes;
      if (fixes.length > 0) {
        const done = fixContent(dir, repo, fixes);
        final = done.rechecked;
        writes.push(...done.writes);
      }
      fixed = fixes.flatMap((f) => f.changes.map((change) => ({ file: f.file, change })));
    }
    if (args.record || args.fix) {
      const record = sourceCheckRecord(final.results, commit, new Date());
      writes.push({
        path: join(dir, 'source-check.json'),
        text: `${JSON.stringify(record, null, 2)}\n`,
        name: `${basename(dir)}/source-check.json`,
      });
    }
    writeAllOrNothing(writes, join(dir, FIX_JOURNAL_FILE), io);
    if (args.fix) {
      if (!args.json) {
        console.log(
          fixed.length === 0
            ? '\n--fix: nothing to change (only locations that moved to a single line are fixed)'
            : '\n--fix:',
        );
        for (const f of fixed) console.log(`${f.file}: ${f.change}`);
        for (const f of fixes) {
          for (const s of staleMentions(f))
            console.log(`note: ${f.file}:${s.line} still mentions ${s.mention} in its text; reread it`);
        }
        if (fixed.length > 0) console.log(`after --fix: ${summaryLine(final.results)}`);
      }
    }
    if ((args.record || args.fix) && !args.json) console.log(`recorded ${basename(dir)}/source-check.json`);
    // After --fix: the history follows the locations as the content now has them.
    const history =
      selection && runHistory(repo, final.loaded.model, selection, args.record ? dir : undefined, recordedSites(dir));
    if (history && !args.json) console.log(`\n${history.lines.join('\n')}`);
    if (args.json) {
      const counts = countStatuses(final.results);
      const report = {
        repo: args.repo,
        ...(commit ? { commit } : {}),
        checked: final.results.length - counts.skipped,
        ok: allHold(final.results),
        counts,
        ...(args.fix ? { fixed } : {}),
        results: final.results,
        ...(history ? { history: history.history } : {}),
      };
      console.log(JSON.stringify(report, null, 2));
    }
    return allHold(final.results) ? 0 : 1;
  } catch (e) {
    if (e instanceof BadInput || e instanceof GitError || e instanceof WriteError) {
      console.error(`check-sources: error: ${e.message}`);
      return 2;
    }
    // A system error nothing above expected (a folder that vanished, a full temp disk): one line, not a stack trace.
    if (typeof (e as NodeJS.ErrnoException).code === 'string' && (e as NodeJS.ErrnoException).syscall) {
      console.error(`check-sources: error: ${errnoText(e)}; no file of ${basename(dir)}/ was changed`);
      return 2;
    }
    throw e;
  }
}

// exitCode, not exit(): exit() would cut a large --json report written to a pipe.
if (import.meta.main) process.exitCode = main(process.argv.slice(2));
