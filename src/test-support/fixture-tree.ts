/**
 * Test helpers for the source check: a copy of the real content folder and fixture Rust trees generated from the
 * model, all in temp folders. Never writes to the real content/.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Model } from '../model/model.ts';
import { frameCode, targetsOf } from '../sources/check.ts';
import { tempDir } from './temp-dir.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const REAL_CONTENT = join(ROOT, 'content');
export const SPREAD_ORACLE = 'src/market_maker/strategy/spread_oracle.rs';

/** A copy of the real content folder, as `<tmp>/content`. */
export function copyContent(): string {
  const dir = join(tempDir('content-copy'), 'content');
  cpSync(REAL_CONTENT, dir, { recursive: true });
  return dir;
}

/** Every file of a folder and its bytes, to compare a folder before and after. */
export function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/**
 * A Rust tree in sync with the model: each location's code on its line (the first line of a range), frames as
 * `fn name() {}` on theirs, `throughout` code after the last line, every other line `// filler`.
 */
export function syncedTree(model: Model): Map<string, string[]> {
  const byFile = new Map<string, Map<number, string[]>>();
  const tail = new Map<string, string[]>();
  for (const t of targetsOf(model)) {
    // A frame without a line has no place to write; a retired path's code is written (the model says where it was).
    if (t.skip && t.line === undefined) {
      if (!byFile.has(t.file)) byFile.set(t.file, new Map());
      continue;
    }
    const lines = byFile.get(t.file) ?? new Map<number, string[]>();
    byFile.set(t.file, lines);
    const text = t.word ? `fn ${frameCode(t.code)}() {}` : t.code;
    if (t.line === undefined) {
      tail.set(t.file, [...(tail.get(t.file) ?? []), text]);
      continue;
    }
    const onLine = lines.get(t.line) ?? [];
    const has = (c: string) => (t.word ? new RegExp(`\\b${t.code}\\b`).test(c) : c.includes(t.code));
    if (!onLine.some(has)) lines.set(t.line, [...onLine, text]);
  }
  const tree = new Map<string, string[]>();
  for (const [file, lines] of byFile) {
    const last = Math.max(0, ...lines.keys());
    const out = Array.from({ length: last + 3 }, (_, i) => lines.get(i + 1)?.join('  ') ?? '// filler');
    tree.set(file, [...out, ...(tail.get(file) ?? []), '']);
  }
  return tree;
}

/** Writes the tree and a Cargo.toml into `dir`. */
export function writeTree(dir: string, tree: ReadonlyMap<string, readonly string[]>): string {
  writeFileSync(join(dir, 'Cargo.toml'), '[package]\nname = "market_maker"\nversion = "0.1.0"\nedition = "2021"\n');
  for (const [file, lines] of tree) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), lines.join('\n'));
  }
  return dir;
}

/**
 * A checkout in which `src/…/spread_oracle.rs` moved down 8 lines since the content was checked: what `--fix` is for.
 * The content's inventory record goes (tied to exact line numbers, which the fix changes). Returns the checkout.
 */
export function movedCheckout(content: string, model: Model): string {
  rmSync(join(content, 'inventory.json'), { force: true });
  const synced = syncedTree(model);
  const moved = new Map(synced);
  moved.set(SPREAD_ORACLE, [
    ...Array.from({ length: 8 }, (_, i) => `// inserted ${i + 1}`),
    ...synced.get(SPREAD_ORACLE)!,
  ]);
  return writeTree(tempDir('mm-moved'), moved);
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const withoutContentDir = (): Record<string, string | undefined> => {
  const { CONTENT_DIR: _, ...rest } = process.env;
  return rest;
};

/** Runs the real CLI in a child process, so that exit codes are real; colour is off. */
export function runCli(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, ['src/cli/check-sources.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...withoutContentDir(), NO_COLOR: '1', ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
