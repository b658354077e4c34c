/**
 * Real git repositories for the tests and the benchmark, built in temp folders: a small builder, and the issue's
 * acceptance scenario (the pending-fill unwrap at handlers.rs:236 in v1.0.0, at 242 since v1.1.0, another unwrap
 * taking 236) on a tree generated from the model so that every other location holds too.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Model } from '../model/model.ts';
import { syncedTree } from './fixture-tree.ts';
import { tempDir } from './temp-dir.ts';

export interface FixtureRepo {
  dir: string;
  /** Writes files (path → lines) into the work tree. */
  write(files: ReadonlyMap<string, readonly string[]> | Record<string, readonly string[]>): void;
  rename(from: string, to: string): void;
  remove(path: string): void;
  /** Commits everything in the work tree and returns the commit's hash. */
  commit(message: string): string;
  /** A lightweight tag, or an annotated one with `annotated`. */
  tag(name: string, annotated?: boolean): void;
  git(...args: string[]): string;
}

let clock = 0;

/** An empty repository with a Cargo.toml, in a new temp folder (or `dir`). Commits have fixed authors and dates. */
export function createRepo(dir: string = tempDir('history-repo')): FixtureRepo {
  const run = (...args: string[]): string => {
    const date = `${1_700_000_000 + clock++} +0000`;
    return execFileSync(
      'git',
      [
        '-c',
        'user.name=History Fixture',
        '-c',
        'user.email=history@example.invalid',
        '-c',
        'commit.gpgsign=false',
        '-c',
        'tag.gpgsign=false',
        '-c',
        'init.defaultBranch=main',
        ...args,
      ],
      {
        cwd: dir,
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_AUTHOR_DATE: date,
          GIT_COMMITTER_DATE: date,
          GIT_CONFIG_NOSYSTEM: '1',
          GIT_CONFIG_GLOBAL: '/dev/null',
        },
        maxBuffer: 1 << 28,
      },
    );
  };
  mkdirSync(dir, { recursive: true });
  run('init', '--quiet');
  writeFileSync(join(dir, 'Cargo.toml'), '[package]\nname = "market_maker"\nversion = "0.1.0"\nedition = "2021"\n');
  const repo: FixtureRepo = {
    dir,
    write(files) {
      const entries = files instanceof Map ? [...files] : Object.entries(files);
      for (const [file, lines] of entries) {
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        writeFileSync(join(dir, file), lines.join('\n'));
      }
    },
    rename(from, to) {
      mkdirSync(dirname(join(dir, to)), { recursive: true });
      renameSync(join(dir, from), join(dir, to));
    },
    remove(path) {
      rmSync(join(dir, path));
    },
    commit(message) {
      run('add', '--all');
      run('commit', '--quiet', '--allow-empty', '-m', message);
      return run('rev-parse', 'HEAD').trim();
    },
    tag(name, annotated = false) {
      run('tag', ...(annotated ? ['-a', '-m', name] : []), name);
    },
    git: run,
  };
  return repo;
}

export const HANDLERS = 'src/market_maker/orchestrator/handlers.rs';
/** Another unwrap of handlers.rs, which the reference does not document: since v1.1.0 it is at line 236. */
export const OTHER_UNWRAP = 'let book = self.books.get(&coin).unwrap();';

export interface PendingFillRepo {
  repo: FixtureRepo;
  /** The documented pending-fill unwrap's line in each revision, and the undocumented unwrap's. */
  lines: { tag: string; pendingFill: number; other: number | null }[];
}

/**
 * The release-history scenario, on a tree where every location of `model` holds at HEAD:
 * - `v1.0.0`: the pending-fill unwrap at handlers.rs:236 (six lines fewer above it), no other unwrap;
 * - `v1.1.0`: the unwrap at 242 (where the content documents it) and `OTHER_UNWRAP` at 236;
 * - HEAD, one commit later, changes another file only.
 * The code of retired panic paths (`retired` in the model) is in v1.0.0 and removed in v1.1.0.
 */
export function pendingFillRepo(model: Model, dir?: string): PendingFillRepo {
  const all = syncedTree(model);
  const tree = syncedTree({ ...model, panics: model.panics.filter((p) => p.retired === undefined) });
  const head = [...tree.get(HANDLERS)!];
  const documented = model.panics
    .find((p) => p.id === 'pending-fill-queue')!
    .locations.find((l) => l.file === HANDLERS)!.line!;
  const old = head.toSpliced(documented - 7 - 6, 6); // six filler lines before the unwrap
  const newer = head.with(documented - 7, OTHER_UNWRAP);
  const repo = createRepo(dir);

  repo.write(new Map([...all, [HANDLERS, old]]));
  repo.commit('v1.0.0');
  repo.tag('v1.0.0', true);
  for (const file of all.keys()) if (!tree.has(file)) repo.remove(file);
  repo.write(new Map([...tree, [HANDLERS, newer]]));
  repo.commit('handlers: a book lookup before the pending fill');
  repo.tag('v1.1.0');
  repo.write({ 'README.md': ['market maker', ''] });
  repo.commit('docs');
  return {
    repo,
    lines: [
      { tag: 'v1.0.0', pendingFill: documented - 6, other: null },
      { tag: 'v1.1.0', pendingFill: documented, other: documented - 6 },
      { tag: 'HEAD', pendingFill: documented, other: documented - 6 },
    ],
  };
}
