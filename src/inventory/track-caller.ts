/**
 * `#[track_caller]` functions report their panics where they are called; one that calls another passes its own
 * caller's location on. So a call of such a function stands for the sites inside it and inside every
 * `#[track_caller]` function it reaches: a fixpoint over the call graph, whatever it holds (cycles, recursion,
 * same-named methods).
 *
 * Functions are known by name (syntax does not resolve methods to types): the node of a name stands for every
 * function of the crate so named. A name that several functions share is a call nobody can resolve from the tree;
 * the sites found through it say so (`resolved: false`) rather than guess.
 *
 * The fixpoint spreads only what changed (a site new to a function, or newly resolved), each along each edge
 * once: linear in the edges times the distinct sites a function holds, which `MAX_SITES` bounds.
 */
import { type InnerSite, innerSiteKey } from './inner-site.ts';

export type ReachedSite = InnerSite & { resolved: boolean };

/** Distinct sites one function stands for: past this, a generated call graph cannot multiply the output. */
export const MAX_SITES = 64;

export class TrackCallerGraph {
  /** The sites each function name holds, found while visiting its bodies. */
  readonly #own = new Map<string, InnerSite[]>();
  /** Callee name → the `#[track_caller]` function names that call it. */
  readonly #callers = new Map<string, Set<string>>();
  readonly #ambiguous: (name: string) => boolean;

  /** `ambiguous(name)`: whether several functions of the crate have that name. */
  constructor(ambiguous: (name: string) => boolean) {
    this.#ambiguous = ambiguous;
  }

  /** A site inside the body of the `#[track_caller]` function `fn`. */
  addSite(fn: string, site: InnerSite): void {
    const list = this.#own.get(fn);
    if (list) list.push(site);
    else this.#own.set(fn, [site]);
  }

  /** A call of `callee` inside the body of the `#[track_caller]` function `fn`. */
  addCall(fn: string, callee: string): void {
    const set = this.#callers.get(callee);
    if (set) set.add(fn);
    else this.#callers.set(callee, new Set([fn]));
  }

  /** Each name → the sites a call of it stands for, each once. */
  resolve(): Map<string, ReachedSite[]> {
    const reached = new Map<string, Map<string, ReachedSite>>();
    // Sites that changed at a name and are not yet passed to its callers.
    const delta = new Map<string, ReachedSite[]>();
    const queue: string[] = [];
    // A name several functions share marks what it holds: a call of it may be the other function.
    const offer = (name: string, found: ReachedSite): void => {
      const site = found.resolved && this.#ambiguous(name) ? { ...found, resolved: false } : found;
      let sites = reached.get(name);
      if (!sites) reached.set(name, (sites = new Map()));
      const key = innerSiteKey(site);
      const had = sites.get(key);
      if (had ? had.resolved || !site.resolved : sites.size >= MAX_SITES) return;
      sites.set(key, site);
      const pending = delta.get(name);
      if (pending) pending.push(site);
      else {
        delta.set(name, [site]);
        queue.push(name);
      }
    };
    for (const [name, sites] of this.#own) for (const s of sites) offer(name, { ...s, resolved: true });
    while (queue.length > 0) {
      const name = queue.pop()!;
      const changed = delta.get(name)!;
      delta.delete(name);
      for (const caller of this.#callers.get(name) ?? []) for (const s of changed) offer(caller, s);
    }
    const out = new Map<string, ReachedSite[]>();
    for (const [name, sites] of reached) out.set(name, [...sites.values()]);
    return out;
  }
}
