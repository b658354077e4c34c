/**
 * Every `*.rs` that is not a regular file inside the checkout: what the source tree's reader must refuse by name,
 * and the inventory and check-sources with it. Each is made at any path (a FIFO named `fifo.rs`, a link
 * `zero.rs → /dev/zero` …).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { SourceProblemKind } from '../files/source-tree.ts';
import { tempDir } from './temp-dir.ts';

export interface Hostile {
  kind: SourceProblemKind;
  /** What the message says after `FILE: `. */
  says: RegExp;
  make(path: string): void;
}

export const HOSTILE_FILES: Record<string, Hostile> = {
  'fifo.rs': {
    kind: 'not-a-file',
    says: /^not a regular file \(a FIFO, socket or device\)/,
    make: (p) => execFileSync('mkfifo', [p]),
  },
  'zero.rs': {
    kind: 'outside-checkout',
    says: /^outside the checkout .* \(it resolves to \/dev\/zero\)/,
    make: (p) => symlinkSync('/dev/zero', p),
  },
  'dir.rs': { kind: 'not-a-file', says: /^a folder, where a source file was expected/, make: (p) => mkdirSync(p) },
  'loop.rs': {
    kind: 'link-loop',
    says: /^a symlink loop/,
    make: (p) => {
      symlinkSync(`${basename(p)}.back`, p);
      symlinkSync(basename(p), `${p}.back`);
    },
  },
  'passwd.rs': {
    kind: 'outside-checkout',
    says: /^outside the checkout .* \(it resolves to \/etc\/passwd\)/,
    make: (p) => symlinkSync('/etc/passwd', p),
  },
};

/**
 * Writes lib.rs and every hostile file into `root`, plus a link to a folder outside it that no walk may enter;
 * returns that folder, for the caller to remove.
 */
export function hostileTree(root: string): string {
  writeFileSync(join(root, 'lib.rs'), 'fn a() {}\n');
  for (const [name, h] of Object.entries(HOSTILE_FILES)) h.make(join(root, name));
  const outside = tempDir('outside');
  writeFileSync(join(outside, 'elsewhere.rs'), 'fn z() {}\n');
  symlinkSync(outside, join(root, 'linked'));
  return outside;
}
