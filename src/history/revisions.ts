/** Which revisions the history walks: release tags by version, or the last N commits; HEAD last. */
import type { Revision } from '../model/history.ts';
import { git } from './git.ts';

export type Selection = { tags: string } | { last: number };

export const selectionLabel = (s: Selection): string => ('tags' in s ? `tags ${s.tags}` : `last ${s.last} commits`);

/**
 * Oldest first. Tags matching the glob, in version order (`v1.9.0` before `v1.10.0`), peeled to their commits
 * (annotated tags too); then HEAD when it is not the last tag's commit. `--last N`: the N most recent commits on
 * HEAD's first-parent line, HEAD included.
 */
export function listRevisions(repo: string, selection: Selection): Revision[] {
  const head = git(repo, ['rev-parse', '--verify', 'HEAD^{commit}']).trim();
  if ('last' in selection) {
    const commits = git(repo, ['rev-list', '--first-parent', `--max-count=${selection.last}`, 'HEAD'])
      .trim()
      .split('\n')
      .filter(Boolean);
    return commits.reverse().map((commit) => ({ tag: null, commit }));
  }
  const out = git(repo, [
    'tag',
    '--list',
    selection.tags,
    '--sort=version:refname',
    '--format=%(refname:strip=2)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)',
  ]);
  const revisions: Revision[] = [];
  for (const row of out.split('\n')) {
    if (row === '') continue;
    const [name, type, object, peeledType, peeled] = row.split('\0') as [string, string, string, string, string];
    const commit = type === 'commit' ? object : peeledType === 'commit' ? peeled : undefined;
    if (commit) revisions.push({ tag: name, commit });
  }
  if (revisions.at(-1)?.commit !== head) revisions.push({ tag: null, commit: head });
  return revisions;
}
