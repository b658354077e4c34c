/**
 * Follows every documented location through the revisions with git's own diff: one `git diff -U0 -M` per pair of
 * consecutive revisions (limited to the files being followed), each line carried through its hunks (hunks.ts).
 *
 * A location is anchored where its documented line holds its code: HEAD normally, an older revision for retired
 * code. From there it is carried back to the oldest revision and forward to HEAD. Where git's diff says the code
 * is not there (the hunk replaced it, the file is new or deleted), the file of that revision is searched for the
 * code once more: code removed and added back is found again when it is on exactly one line.
 */
import type { LocationHistory, ReleaseLine, Revision } from '../model/history.ts';
import { codeMatcher, type Target } from '../sources/check.ts';
import { spawnSync } from 'node:child_process';
import { git, GitError } from './git.ts';
import { carryLine, type FileDiff, parseDiff } from './hunks.ts';

/** A location to follow: a target of the source check that has a line. */
export type Traceable = Pick<
  Target,
  'entry' | 'anchor' | 'file' | 'line' | 'endLine' | 'openEnded' | 'code' | 'word'
> & { line: number };

interface Position {
  /** Path from the repository's top. */
  path: string;
  /** The line holding the code (for a range, the one of its lines that does). */
  line: number;
  /** Whether the documented code is on that line in this revision. */
  holds: boolean;
}

export interface TraceOptions {
  /** Called with each git invocation's arguments, for the benchmark's counts. */
  onGit?: (args: readonly string[]) => void;
}

export function traceHistory(
  repo: string,
  targets: readonly Traceable[],
  revisions: readonly Revision[],
  options: TraceOptions = {},
): LocationHistory[] {
  const top = git(repo, ['rev-parse', '--show-toplevel']).trim();
  const prefix = git(repo, ['rev-parse', '--show-prefix']).trim();
  const run = (args: string[]): string => {
    options.onGit?.(args);
    return git(top, args);
  };
  const files = new Map<string, string[] | null>();
  /** Reads files of revisions through one `git cat-file --batch` per call; a missing file is null. */
  const readFiles = (wanted: readonly [number, string][]): void => {
    const todo = [...new Map(wanted.map(([rev, path]) => [`${rev}\0${path}`, [rev, path] as const])).values()].filter(
      ([rev, path]) => !files.has(`${rev}\0${path}`),
    );
    if (todo.length === 0) return;
    options.onGit?.(['cat-file', '--batch']);
    const out = spawnSync('git', ['cat-file', '--batch'], {
      cwd: top,
      input: todo.map(([rev, path]) => `${revisions[rev]!.commit}:${path}\n`).join(''),
      maxBuffer: 1 << 30,
    });
    if (out.status !== 0) throw new GitError(`git cat-file --batch: ${String(out.stderr).trim().split('\n')[0]}`);
    const buf = out.stdout;
    let at = 0;
    for (const [rev, path] of todo) {
      const eol = buf.indexOf(10, at);
      const header = buf.toString('utf8', at, eol);
      const size = /^[0-9a-f]+ blob (\d+)$/.exec(header);
      if (!size) {
        files.set(`${rev}\0${path}`, null); // `<name> missing`, or not a file
        at = eol + 1;
        const tree = /^[0-9a-f]+ \w+ (\d+)$/.exec(header);
        if (tree) at += Number(tree[1]) + 1;
        continue;
      }
      const end = eol + 1 + Number(size[1]);
      files.set(`${rev}\0${path}`, buf.toString('utf8', eol + 1, end).split(/\r?\n/));
      at = end + 1;
    }
  };
  const fileAt = (rev: number, path: string): string[] | null => {
    readFiles([[rev, path]]);
    return files.get(`${rev}\0${path}`)!;
  };
  const diffs = new Map<string, Map<string, FileDiff>>();
  /** The diff of revisions k and k+1 for `paths` on the side `backward` starts from, keyed by that side's path. */
  const diffFor = (k: number, paths: Set<string>, backward: boolean): Map<string, FileDiff> => {
    const key = `${k}\0${backward}\0${[...paths].sort().join('\0')}`;
    let byPath = diffs.get(key);
    if (byPath) return byPath;
    const [a, b] = [revisions[k]!.commit, revisions[k + 1]!.commit];
    const diff = (spec: Iterable<string>) => {
      const out = new Map<string, FileDiff>();
      for (const d of parseDiff(
        run([
          '--literal-pathspecs',
          'diff',
          '-U0',
          '-M',
          '--histogram',
          '--no-color',
          '--no-ext-diff',
          '--no-textconv',
          a,
          b,
          '--',
          ...spec,
        ]),
      )) {
        const side = backward ? d.newPath : d.oldPath;
        if (side !== null) out.set(side, d);
      }
      return out;
    };
    byPath = diff(paths);
    // A file that comes or goes may be a rename: git pairs the two names only when both are in the pathspec, so
    // ask it for the renames of the whole tree (rarely needed) and diff again with the other names.
    if ([...byPath.values()].some((d) => (backward ? d.oldPath : d.newPath) === null)) {
      const spec = new Set(paths);
      const renames = run(['diff', '--name-status', '-z', '-M', '--diff-filter=R', a, b]).split('\0');
      for (let i = 0; i + 2 < renames.length; i += 3) {
        const [from, to] = [renames[i + 1]!, renames[i + 2]!];
        if (paths.has(backward ? to : from)) spec.add(backward ? from : to);
      }
      if (spec.size > paths.size) byPath = diff(spec);
    }
    diffs.set(key, byPath);
    return byPath;
  };

  const last = revisions.length - 1;
  readFiles(targets.map((t) => [last, prefix + t.file]));
  const states = targets.map((t) => {
    const holds = codeMatcher(t.code, t.word);
    const path = prefix + t.file;
    const span = t.openEnded ? 1 : (t.endLine ?? t.line) - t.line + 1;
    const positions: (Position | null)[] = revisions.map(() => null);
    // The newest revision whose documented line holds the code: HEAD, unless the code is retired.
    for (let k = last; k >= 0; k--) {
      const lines = fileAt(k, path);
      const at = lines ? lines.slice(t.line - 1, t.line - 1 + span).findIndex(holds) : -1;
      if (at >= 0) {
        positions[k] = { path, line: t.line + at, holds: true };
        break;
      }
    }
    const anchor = positions.findIndex((p) => p !== null);
    // Code on several lines of its file (five `self.state.lock().unwrap()`) is kept in order, as diff cannot.
    const repeated = anchor >= 0 && fileAt(anchor, path)!.filter(holds).length > 1;
    return { t, holds, positions, anchor, repeated, delta: anchor < 0 ? 0 : positions[anchor]!.line - t.line };
  });
  type State = (typeof states)[number];

  /**
   * Code git lost track of is taken up again in the revision's file: where it is on exactly one line, or, when the
   * file holds it as many times as the file it comes from, at the same place in that order (the n-th stays the n-th,
   * as in the source check).
   */
  const search = (s: State, k: number, path: string, from?: { rev: number; pos: Position }): Position | null => {
    const found = matchingAt(s, k, path);
    if (found.length === 1) return { path, line: found[0]!, holds: true };
    return found.length === 0 || !from ? null : (sameOrdinal(s, k, path, from.rev, from.pos) ?? null);
  };

  /** The lines of a revision's file that hold a code; the locations that share a code share the answer. */
  const matches = new Map<string, number[]>();
  const matchingAt = (s: State, rev: number, file: string): number[] => {
    const key = `${rev}\0${file}\0${s.t.word}\0${s.t.code}`;
    let found = matches.get(key);
    if (!found) matches.set(key, (found = (fileAt(rev, file) ?? []).flatMap((l, i) => (s.holds(l) ? [i + 1] : []))));
    return found;
  };
  /** Where the n-th line of the code in `from`'s file is in `k`'s file, when both hold it as many times. */
  const sameOrdinal = (s: State, k: number, path: string, from: number, p: Position): Position | undefined => {
    const before = matchingAt(s, from, p.path);
    const after = matchingAt(s, k, path);
    const nth = before.indexOf(p.line);
    return before.length === after.length && nth >= 0 ? { path, line: after[nth]!, holds: true } : undefined;
  };

  const step = (k: number, from: number, backward: boolean) => {
    const moving = states.filter((s) => s.anchor >= 0 && (backward ? s.anchor > k : s.anchor < k));
    const known = moving.filter((s) => s.positions[from]);
    const byPath =
      known.length > 0
        ? diffFor(Math.min(k, from), new Set(known.map((s) => s.positions[from]!.path)), backward)
        : new Map<string, FileDiff>();
    // In one batch: changed files that hold repeated code, both revisions (for sameOrdinal), and the files in which
    // code git lost is looked for again.
    readFiles(
      moving.flatMap((s): [number, string][] => {
        const p = s.positions[from];
        if (!p) {
          const lost = lastKnownPath(s.positions, from, backward);
          return lost === undefined ? [] : [[k, lost]];
        }
        const d = s.repeated ? byPath.get(p.path) : undefined;
        const other = d && (backward ? d.oldPath : d.newPath);
        return d && other
          ? [
              [from, p.path],
              [k, other],
            ]
          : [];
      }),
    );
    for (const s of moving) {
      const p = s.positions[from];
      const lastPath = p?.path ?? lastKnownPath(s.positions, from, backward);
      if (!p) {
        s.positions[k] = lastPath === undefined ? null : search(s, k, lastPath);
        continue;
      }
      const d = byPath.get(p.path);
      if (!d) {
        s.positions[k] = p; // git saw no change in this file
        continue;
      }
      const path = backward ? d.oldPath : d.newPath;
      const carried = path === null ? null : carryLine(d, p.line, backward, s.holds);
      if (carried === null || path === null) s.positions[k] = search(s, k, path ?? p.path, { rev: from, pos: p });
      else
        s.positions[k] = (s.repeated && p.holds && sameOrdinal(s, k, path, from, p)) || {
          path,
          line: carried.line,
          holds: carried.text === undefined ? p.holds : s.holds(carried.text),
        };
    }
  };
  for (let k = last - 1; k >= 0; k--) step(k, k + 1, true);
  for (let k = 1; k <= last; k++) step(k, k - 1, false);

  const strip = (path: string) => (path.startsWith(prefix) ? path.slice(prefix.length) : path);
  return states.map(({ t, positions, delta }): LocationHistory => {
    const releases: ReleaseLine[] = [];
    positions.forEach((p, k) => {
      if (!p) return;
      const line = Math.max(1, p.line - delta);
      const r = revisions[k]!;
      releases.push({
        tag: r.tag,
        commit: r.commit,
        file: strip(p.path),
        line,
        ...(t.endLine !== undefined ? { endLine: line + (t.endLine - t.line) } : {}),
        ...(p.holds ? {} : { edited: true }),
      });
    });
    const first = positions.findIndex((p) => p !== null);
    const lastIn = positions.findLastIndex((p) => p !== null);
    return {
      entry: t.entry,
      anchor: t.anchor,
      file: t.file,
      introduced: first > 0 ? revisions[first]! : null,
      removed: lastIn >= 0 && lastIn < last ? revisions[lastIn + 1]! : null,
      ...(t.openEnded ? { openEnded: true } : {}),
      releases,
    };
  });
}

function lastKnownPath(positions: readonly (Position | null)[], from: number, backward: boolean): string | undefined {
  for (let i = from; i >= 0 && i < positions.length; i += backward ? 1 : -1)
    if (positions[i]) return positions[i]!.path;
  return undefined;
}
