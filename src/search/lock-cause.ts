/**
 * What a panic leads to when it fires while a lock guard is alive: the lock is poisoned, and the next access of it
 * panics with PoisonError. The inventory records the guards alive at each site; the model's panic path that
 * documents a lock's PoisonError is the one located at that lock's `.lock().unwrap()` in the same file (the guard's
 * own line, else another access of the same lock: the same field of the same file).
 */
import type { SearchPanic } from '../model/search-model.ts';
import type { LockGuard } from '../model/lock-guard.ts';
import { pathAgreement } from '../model/source-path.ts';

export interface PoisonedLock {
  /** The lock as the code names it (`self.state`). */
  lock: string;
  /** Where the guard was taken. */
  file: string;
  line: number;
  /** The panic path documenting the PoisonError that follows, and its location anchor. */
  id: string;
  anchor: string;
}

/** `self.state` → `state`: the same field, whichever binding reaches it (`me.state`, `self.inner.state`). */
const field = (lock: string) => lock.split('.').at(-1) ?? lock;

/** The receiver of the `.lock()`/`.read()`/`.write()` a location's code line calls, if it calls one. */
function lockedIn(code: string): string | undefined {
  const m = /([A-Za-z_][A-Za-z0-9_]*)\s*\.\s*(?:try_)?(?:lock|read|write)\s*\(\s*\)/.exec(code.slice(0, 400));
  return m?.[1];
}

const printsPoisonError = (p: SearchPanic) => p.messages.some((m) => m.template.includes('PoisonError'));

/**
 * The locks a panic at a site poisons, each with the panic path documenting its PoisonError; a lock no path
 * documents is left out (the card has nothing to link).
 */
export function poisonedLocks(
  site: { file: string; guards?: readonly LockGuard[] | undefined },
  panics: Iterable<SearchPanic>,
): PoisonedLock[] {
  const guards = site.guards ?? [];
  if (guards.length === 0) return [];
  const documenting = [...panics].filter((p) => !p.retired && printsPoisonError(p));
  const out: PoisonedLock[] = [];
  for (const g of guards) {
    let best: { id: string; anchor: string; exact: boolean } | undefined;
    for (const p of documenting) {
      for (const l of p.locations) {
        if (l.role !== 'panic' || pathAgreement(site.file, l.file) === 0) continue;
        const exact = l.line === g.line;
        if (!exact && lockedIn(l.code) !== field(g.lock)) continue;
        if (!best || (exact && !best.exact)) best = { id: p.id, anchor: l.anchor, exact };
      }
    }
    if (best) out.push({ lock: g.lock, file: site.file, line: g.line, id: best.id, anchor: best.anchor });
  }
  return out;
}
