/**
 * A content folder with a retired and a renamed panic path, for the tests of old URLs (the real content has
 * neither): a copy of the real content, plus one retired entry, plus a former id on an existing entry.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REAL_CONTENT } from './fixture-tree.ts';
import { tempDir } from './temp-dir.ts';

/** The retired entry: it stays in the content with the release it was removed in and what replaced it. */
export const RETIRED = {
  id: 'quote-cache-poisoning',
  release: 'v1.1.0',
  replacedBy: 'kill-switch-mutex-poisoning',
  anchor: 'quote_cache-L88',
} as const;

/** A renamed entry: `pending-fill-queue` was `fill-queue-empty` once, and its old URL must still work. */
export const RENAMED = { id: 'pending-fill-queue', old: 'fill-queue-empty', anchor: 'handlers-L242' } as const;

const RETIRED_MDX = `---
id: ${RETIRED.id}
title: Quote cache mutex poisoning
phase: runtime
severity: Critical
summary: A panic while holding the quote cache lock poisoned it, and the next quote cycle panicked on the lock.
triage:
  - message: PoisonError
    context: quote cache
    rootCause: An earlier panic while the quote cache was locked
    fix: Find the first panic; upgrade past ${RETIRED.release}
messages:
  - template: "called \`Result::unwrap()\` on an \`Err\` value: PoisonError { .. }"
    shown: "PoisonError (quote cache)"
    generic: true
cause: The quote cache lived behind a std Mutex that a panicking thread poisoned.
fix: Upgrade; the quote cache was folded into the kill switch's state.
secondary: true
locations:
  - file: src/market_maker/strategy/quote_cache.rs
    line: 88
    code: let cache = self.cache.lock().unwrap();
    role: panic
    release: true
    message: "called \`Result::unwrap()\` on an \`Err\` value: PoisonError { .. }"
retired:
  release: ${RETIRED.release}
  replacedBy: ${RETIRED.replacedBy}
  note: The quote cache became part of the kill switch's state.
---

Builds before ${RETIRED.release} can still print this panic.
`;

/** Writes the folder into a new temp folder and returns its path (`<tmp>/content`). */
export function contentWithRetiredAndRenamed(): string {
  const dir = join(tempDir('history-content'), 'content');
  cpSync(REAL_CONTENT, dir, { recursive: true });
  // Records of checks against a checkout belong to the real content, not to this one.
  for (const record of ['source-check.json', 'history.json', 'inventory.json'])
    rmSync(join(dir, record), { force: true });
  writeFileSync(join(dir, 'panics', `${RETIRED.id}.mdx`), RETIRED_MDX);
  const renamed = join(dir, 'panics', `${RENAMED.id}.mdx`);
  const text = readFileSync(renamed, 'utf8');
  writeFileSync(renamed, text.replace(/^related:/m, `redirects:\n  - ${RENAMED.old}\nrelated:`));
  return dir;
}
