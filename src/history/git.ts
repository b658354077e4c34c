/**
 * The only process calls of the history: git, run synchronously with fixed options so that its output is the same
 * whatever the user's configuration (no colour, no external diff, no quoted paths, no pager).
 */
import { spawnSync } from 'node:child_process';

export class GitError extends Error {}

const BASE = ['-c', 'core.quotePath=false', '-c', 'diff.noprefix=false', '-c', 'color.ui=never', '--no-pager'];

/** Runs `git args` in `repo` and returns its stdout; a failure throws GitError with git's first line of stderr. */
export function git(repo: string, args: readonly string[], input?: string): string {
  const r = spawnSync('git', [...BASE, ...args], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    ...(input !== undefined ? { input } : {}),
  });
  if (r.error) throw new GitError(`git ${args[0]}: ${r.error.message}`);
  if (r.status !== 0)
    throw new GitError(`git ${args.join(' ')}: ${(r.stderr.trim().split('\n')[0] ?? '') || `exit ${r.status}`}`);
  return r.stdout;
}

/** Whether `repo` is inside a git work tree with at least one commit. */
export function isGitRepo(repo: string): boolean {
  try {
    git(repo, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
    return true;
  } catch {
    return false;
  }
}

/** The repository path of `dir` relative to its top level (`''` at the top), so that content paths can be joined. */
export function prefixOf(repo: string): string {
  return git(repo, ['rev-parse', '--show-prefix']).trim();
}
