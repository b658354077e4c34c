/** The Rust files of a checkout, as UTF-8 text: every `*.rs` outside `target/` and hidden folders. */
import { globSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CrateFile } from './find-sites.ts';

export type ReadCrate = { files: CrateFile[] } | { error: string };

export function readCrate(repo: string): ReadCrate {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const paths = globSync('**/*.rs', {
    cwd: repo,
    // Build output and vendored or hidden folders are no source of the crate.
    exclude: ['target/**', '**/target/**', 'node_modules/**', '.*/**', '**/.*/**'],
  })
    .map((p) => p.split('\\').join('/'))
    .sort();
  const files: CrateFile[] = [];
  for (const file of paths) {
    try {
      files.push({ file, text: utf8.decode(readFileSync(join(repo, file))) });
    } catch (e) {
      if (e instanceof TypeError) return { error: `${file}: not valid UTF-8 (is the checkout at ${repo} a Rust source tree?)` };
      throw e;
    }
  }
  return { files };
}

/** The package name of the crate's Cargo.toml (`[package] name = "…"`), read as TOML's simplest form. */
export function packageName(repo: string): string {
  let text = '';
  try {
    text = readFileSync(join(repo, 'Cargo.toml'), 'utf8');
  } catch {
    return 'main';
  }
  let inPackage = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) inPackage = line === '[package]';
    else if (inPackage && line.startsWith('name')) {
      const value = line.slice(line.indexOf('=') + 1).trim();
      return value.replace(/^"|"$/g, '');
    }
  }
  return 'main';
}
