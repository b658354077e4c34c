/** The `--history` part of `npm run check-sources`: its options, the walk, what it prints and records. */
import { basename, join } from 'node:path';
import { type History, HISTORY_FILE } from '../model/history.ts';
import type { Model } from '../model/model.ts';
import { isGitRepo } from './git.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { describeHistory, historyJson, recordHistory } from './record.ts';
import type { FoundSite } from '../model/inventory.ts';
import type { Selection } from './revisions.ts';

export const HISTORY_USAGE = '[--history [--tags GLOB | --last N]]';

export interface HistoryArgs {
  history?: boolean | undefined;
  tags?: string | undefined;
  last?: string | undefined;
}

/** The revisions to walk, or the one-line reason the options are wrong. */
export function historySelection(args: HistoryArgs, repo: string): { selection?: Selection; error?: string } {
  if (!args.history) {
    if (args.tags !== undefined || args.last !== undefined)
      return { error: `--${args.tags !== undefined ? 'tags' : 'last'} only applies with --history` };
    return {};
  }
  if (args.tags !== undefined && args.last !== undefined)
    return { error: '--tags and --last choose the revisions two ways; give one of them' };
  if (!isGitRepo(repo)) return { error: `--history needs a git checkout with commits; ${repo} is not one` };
  if (args.last !== undefined) {
    if (!/^[1-9]\d{0,5}$/.test(args.last))
      return { error: `--last must be a number of commits like 20, got ${JSON.stringify(args.last)}` };
    return { selection: { last: Number(args.last) } };
  }
  if (args.tags === '') return { error: "--tags must be a glob of tag names like 'v*'" };
  return { selection: { tags: args.tags ?? 'v*' } };
}

export interface HistoryRun {
  history: History;
  seconds: number;
  /** What the terminal shows. */
  lines: string[];
}

/** Walks the revisions; with `recordIn`, writes `<recordIn>/history.json` all at once. */
export function runHistory(
  repo: string,
  model: Model,
  selection: Selection,
  recordIn?: string,
  sites: readonly FoundSite[] = [],
): HistoryRun {
  const started = performance.now();
  const history = recordHistory(repo, model, selection, {}, sites);
  const seconds = (performance.now() - started) / 1000;
  const width = Math.max(0, ...history.locations.map((l) => l.entry.length + l.anchor.length + 2));
  const lines = [
    `--history: ${history.locations.length} locations through ${history.revisions.length} revision${history.revisions.length === 1 ? '' : 's'} (${history.selection}, HEAD last) in ${seconds.toFixed(2)} s`,
    ...history.locations.map(
      (l) => `${`${l.entry}#${l.anchor}`.padEnd(width)} ${describeHistory(l, history.revisions)}`,
    ),
  ];
  if (history.revisions.length === 1)
    lines.push(`note: no tag matches ${history.selection.replace(/^tags /, '')}: only HEAD was looked at`);
  if (recordIn !== undefined) {
    writeFileAtomic(join(recordIn, HISTORY_FILE), historyJson(history));
    lines.push(`recorded ${basename(recordIn)}/${HISTORY_FILE}`);
  }
  return { history, seconds, lines };
}
