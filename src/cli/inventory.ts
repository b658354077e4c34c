/**
 * `npm run inventory -- --repo PATH [--json] [--record] [--content DIR]`
 *
 * Lists every panic-capable site of a checkout of the market maker (tree-sitter's Rust grammar, not regular
 * expressions) and classifies each against the model: documented, guarded or undocumented. `--record` writes
 * `<content>/inventory.json`, which the site build reads (the /inventory/ page, the search's undocumented-site card).
 *
 * Exit codes, as check-sources has them: 0 when no undocumented site fires in release builds (test-only code
 * aside), 1 when some do (the reference does not cover the code yet; the record is still written), 2 on bad
 * input, with one line on stderr and no file changed, 70 when the inventory itself fails (a bug, not the input).
 */
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { coverage } from '../inventory/coverage.ts';
import { inventoryOf } from '../inventory/inventory.ts';
import { canonicalSite, inventoryRecord, serializeRecord } from '../inventory/record.ts';
import { renderCoverage, renderSites, summaryLine } from '../inventory/report.ts';
import { INVENTORY_FILE } from '../model/inventory.ts';
import { formatError, loadContent } from '../model/load-content.ts';
import { repoProblem } from '../sources/read-tree.ts';
import { parseCommandLine, usageError } from './args.ts';
import { contentDir } from './paths.ts';

const CLI = { name: 'inventory', usage: 'usage: npm run inventory -- --repo PATH [--json] [--record] [--content DIR]' };

/** The checkout's commit, only when PATH is the root of its own git repository (not a folder inside another one). */
function gitCommit(repo: string): string | null {
  const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: repo, encoding: 'utf8' });
  if (top.status !== 0 || realpathSync(top.stdout.trim()) !== realpathSync(repo)) return null;
  const head = spawnSync('git', ['rev-parse', '--verify', 'HEAD'], { cwd: repo, encoding: 'utf8' });
  const out = head.status === 0 ? head.stdout.trim() : '';
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(out) ? out : null;
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(CLI, argv, {
    repo: { type: 'string' },
    json: { type: 'boolean', default: false },
    record: { type: 'boolean', default: false },
    content: { type: 'string' },
  });
  if ('exitCode' in parsed) return parsed.exitCode;
  const args = parsed.values;
  if (args.repo === undefined || args.repo === '')
    return usageError(CLI, "--repo PATH is required: the market maker's checkout");
  const problem = repoProblem(args.repo);
  if (problem) {
    console.error(`inventory: error: ${problem}`);
    return 2;
  }
  const repo = resolve(args.repo);
  const dir = resolve(args.content ?? contentDir());
  const loaded = loadContent(dir, resolve(dir, '..'));
  // A stale or hand-edited inventory.json is exactly what --record replaces: it does not stop the run.
  const errors = loaded.errors.filter((e) => !e.file.endsWith(INVENTORY_FILE));
  if (errors.length > 0) {
    console.error(
      `inventory: error: ${errors.length === 1 ? formatError(errors[0]!) : `${errors.length} problems in ${dir}, run npm run check-content; first: ${formatError(errors[0]!)}`}`,
    );
    return 2;
  }
  const inv = await inventoryOf(repo, loaded.model);
  if ('error' in inv) {
    console.error(`inventory: error: ${inv.error}`);
    return 2;
  }
  const commit = gitCommit(repo);
  const record = inventoryRecord(inv.sites, commit);
  const sites = [...inv.sites].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column,
  );
  const summary = coverage(
    sites,
    loaded.model.frameGroups.map((g) => g.id),
  );

  if (args.json) {
    // The record's facts of each site (without its code line) and its status against the reference.
    const json = sites.map((s) => {
      const { code: _code, ...facts } = canonicalSite(s);
      return { ...facts, status: s.status };
    });
    console.log(JSON.stringify({ commit, sites: json }, null, 2));
  } else {
    const colour = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
    console.log(
      `inventory: ${args.repo}${commit ? ` at ${commit.slice(0, 12)}` : ' (not the root of a git repository)'}, ${inv.files} files, ${inv.lines} lines, content ${basename(dir)}/\n`,
    );
    console.log(
      renderSites(
        sites.filter((s) => !s.testOnly),
        { colour },
      ),
    );
    console.log(`\n${renderCoverage(summary)}\n\n${summaryLine(summary)}`);
  }
  if (args.record) {
    writeFileAtomic(join(dir, INVENTORY_FILE), serializeRecord(record));
    if (!args.json) console.log(`recorded ${basename(dir)}/${INVENTORY_FILE}`);
  }
  return summary.all.undocumentedRelease === 0 ? 0 : 1;
}

/** An error of the inventory itself, not of its input: `EX_SOFTWARE` of sysexits.h, never 1 (undocumented sites). */
export const INTERNAL_ERROR = 70;

// exitCode, not exit(): exit() would cut a --json report still on its way to a pipe.
if (import.meta.main) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (e) {
    console.error(`inventory: internal error: ${(e as Error).stack ?? String(e)}`);
    process.exitCode = INTERNAL_ERROR;
  }
}
