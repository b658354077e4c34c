/**
 * Checks the model's source locations against a checkout of the market maker: pure logic, no fs, no process.
 *
 * A location HOLDS when its line (any line of `line..endLine`; the line itself for `130+`) contains its `code`
 * once whitespace is folded on both sides; `...` in `code` stands for any text. A `throughout` location holds
 * when the code is anywhere in the file. A frame's expected code is the last identifier of its symbol, matched
 * as a whole identifier (`kappa_for_spread` does not match `kappa_for_spread_with_vol`).
 */
import { frameAnchor, locationAnchor } from '../model/anchor.ts';
import type { Model } from '../model/model.ts';

export const STATUSES = ['ok', 'moved', 'gone', 'ambiguous', 'missing-file', 'skipped'] as const;
export type Status = (typeof STATUSES)[number];

/** One location of the model to check, with where it lives in the content (for `--fix`). */
export interface Target {
  /** `panics/glft-kappa-gamma`, `safe-by-design/<id>`, `numerical-stability/<id>`, `frames/<group id>`. */
  entry: string;
  anchor: string;
  kind: 'panics' | 'safePaths' | 'layers' | 'frameGroups';
  /** Index of the entry in `model[kind]` (and in `sources[kind]`). */
  index: number;
  /** Path of the location inside the entry, e.g. `['locations', 2]`, `['location']`, `['frames', 1]`. */
  path: (string | number)[];
  file: string;
  line?: number | undefined;
  endLine?: number | undefined;
  openEnded?: boolean | undefined;
  throughout?: boolean | undefined;
  code: string;
  /** Match `code` as a whole identifier (frames). */
  word: boolean;
  /** Why this location is not checked, e.g. `no line`. */
  skip?: string;
}

export interface Result {
  entry: string;
  anchor: string;
  file: string;
  line?: number;
  endLine?: number;
  openEnded?: boolean;
  throughout?: boolean;
  code: string;
  status: Status;
  /** `moved`: the new first line; `ambiguous`: every line the code is on now. */
  foundAt?: number[];
  /** A short human explanation for statuses that need one. */
  note?: string;
}

/** Every location of the model: panic locations, safe-by-design paths, numerical layers and frames with a file. */
export function targetsOf(model: Model): Target[] {
  const targets: Target[] = [];
  const fromLocation = (
    entry: string,
    kind: Target['kind'],
    index: number,
    path: (string | number)[],
    loc: Model['panics'][number]['locations'][number],
  ): Target => ({
    entry,
    anchor: locationAnchor(loc),
    kind,
    index,
    path,
    file: loc.file,
    line: loc.line,
    endLine: loc.endLine,
    openEnded: loc.openEnded,
    throughout: loc.throughout,
    code: loc.code,
    word: false,
  });
  model.panics.forEach((p, index) =>
    p.locations.forEach((loc, i) => {
      const t = fromLocation(`panics/${p.id}`, 'panics', index, ['locations', i], loc);
      // Its code left the source at that release: today's checkout is not where it is looked for (the history is).
      targets.push(p.retired ? { ...t, skip: `retired in ${p.retired.release}` } : t);
    }),
  );
  model.safePaths.forEach((s, index) =>
    targets.push(fromLocation(`safe-by-design/${s.id}`, 'safePaths', index, ['location'], s.location)),
  );
  model.layers.forEach((l, index) =>
    l.locations.forEach((loc, i) =>
      targets.push(fromLocation(`numerical-stability/${l.id}`, 'layers', index, ['locations', i], loc)),
    ),
  );
  model.frameGroups.forEach((g, index) =>
    g.frames.forEach((f, i) => {
      if (f.file === undefined) return; // std / tokio frames: not a place in the market maker's source
      targets.push({
        entry: `frames/${g.id}`,
        anchor: frameAnchor(f.symbol),
        kind: 'frameGroups',
        index,
        path: ['frames', i],
        file: f.file,
        line: f.line,
        openEnded: f.openEnded,
        code: frameCode(f.symbol),
        word: true,
        ...(f.line === undefined ? { skip: 'no line' } : {}),
      });
    }),
  );
  return targets;
}

/** `EventLoop::run` → `run`; `kappa_for_spread_with_vol` → itself. */
export function frameCode(symbol: string): string {
  const last = symbol.split('::').at(-1) ?? symbol;
  return /[A-Za-z_][A-Za-z0-9_]*/.exec(last)?.[0] ?? last;
}

/** Runs of whitespace become one space; trimmed. */
export const foldWhitespace = (s: string): string => s.replace(/\s+/g, ' ').trim();

const IDENT = /[A-Za-z0-9_]/;

/** A test for "this line holds this code": folded containment, `...` as a wildcard, whole identifier for `word`. */
export function codeMatcher(code: string, word = false): (line: string) => boolean {
  const folded = foldWhitespace(code);
  let source = folded
    .split('...')
    .map((part) => RegExp.escape(part))
    .join('.*');
  if (word && IDENT.test(folded[0] ?? '')) source = `(?<![A-Za-z0-9_])${source}`;
  if (word && IDENT.test(folded.at(-1) ?? '')) source = `${source}(?![A-Za-z0-9_])`;
  const re = new RegExp(source);
  return (line) => re.test(foldWhitespace(line));
}

/** The 1-based lines of `lines` that hold the code. */
export const matchingLines = (lines: readonly string[], holds: (line: string) => boolean): number[] =>
  lines.flatMap((l, i) => (holds(l) ? [i + 1] : []));

/** The lines a location covers: `[line, endLine]`, `[line, line]` for a single line or an open range. */
const span = (t: Target): [number, number] => [t.line!, t.openEnded ? t.line! : (t.endLine ?? t.line!)];

/** Splits a file into lines; `\r\n` and `\n` both end a line. */
export const splitLines = (text: string): string[] => text.split(/\r?\n/);

/**
 * Checks every target against the files of the checkout: `files.get(file)` is the file's lines, or `undefined`
 * when the file does not exist. Targets whose code is no longer on their line are searched for in the file:
 *
 * - found in one place → `moved` (a range keeps its length and starts where the code is now);
 * - not found → `gone`;
 * - found in several places → `ambiguous`, unless the model itself puts that code in as many places of that file
 *   (`gamma > 0.0` at 44 and at 88): then the n-th place of the model is the n-th place of the file, the order
 *   code keeps when lines are inserted or removed around it — and only if every place that still holds maps to
 *   itself. Places of the model that overlap (`112` and `112-116`) count as one.
 */
export function checkTargets(
  targets: readonly Target[],
  files: ReadonlyMap<string, readonly string[] | undefined>,
): Result[] {
  const groups = new Map<string, Target[]>();
  const keyOf = (t: Target) => JSON.stringify([t.file, foldWhitespace(t.code), t.word]);
  for (const t of targets) {
    if (t.skip || t.line === undefined) continue;
    const key = keyOf(t);
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const holdsCache = new Map<Target, boolean>();
  const holdsAt = (t: Target, lines: readonly string[], holds: (l: string) => boolean): boolean => {
    let h = holdsCache.get(t);
    if (h === undefined) {
      const [a, b] = span(t);
      h = lines.slice(a - 1, b).some(holds);
      holdsCache.set(t, h);
    }
    return h;
  };

  return targets.map((t): Result => {
    const base: Result = {
      entry: t.entry,
      anchor: t.anchor,
      file: t.file,
      ...(t.line !== undefined ? { line: t.line } : {}),
      ...(t.endLine !== undefined ? { endLine: t.endLine } : {}),
      ...(t.openEnded ? { openEnded: true } : {}),
      ...(t.throughout && t.line === undefined ? { throughout: true } : {}),
      code: t.code,
      status: 'ok',
    };
    if (t.skip) return { ...base, status: 'skipped', note: t.skip };
    const lines = files.get(t.file);
    if (lines === undefined) return { ...base, status: 'missing-file', note: 'no such file in the checkout' };
    const holds = codeMatcher(t.code, t.word);
    if (t.line === undefined) {
      return lines.some(holds) ? base : { ...base, status: 'gone', note: 'not anywhere in the file' };
    }
    if (holdsAt(t, lines, holds)) return base;

    const found = matchingLines(lines, holds);
    if (found.length === 0) return { ...base, status: 'gone', note: 'not in the file any more' };

    const group = groups.get(keyOf(t))!;
    const sites = mergeSites(group);
    const width = Math.max(...sites.map((s) => s.end - s.start));
    const places = clusters(found, width);
    const mySite = sites.findIndex((s) => s.members.includes(t));
    const site = sites[mySite]!;
    const moved = (place: number): Result => {
      const delta = place - site.start;
      return { ...base, status: 'moved', foundAt: [t.line! + delta] };
    };
    if (places.length === 1 && sites.length === 1) return moved(places[0]!);
    if (places.length === sites.length) {
      // The n-th place of the model is the n-th place of the file; a place that still holds must map to itself.
      const consistent = sites.every(
        (s, i) =>
          !s.members.some((m) => holdsAt(m, lines, codeMatcher(m.code, m.word))) ||
          (places[i]! >= s.start && places[i]! <= s.end),
      );
      if (consistent) return moved(places[mySite]!);
    }
    const note =
      places.length === 1
        ? `found on 1 line, but the model puts this code in ${sites.length} places of the file`
        : `found on ${found.length} lines${sites.length > 1 ? `, the model puts it in ${sites.length} places` : ''}`;
    return { ...base, status: 'ambiguous', foundAt: found, note };
  });
}

interface Site {
  start: number;
  end: number;
  members: Target[];
}

/** The distinct places the model puts one code in one file: overlapping line spans are one place. */
function mergeSites(group: readonly Target[]): Site[] {
  const sorted = [...group].sort((a, b) => span(a)[0] - span(b)[0] || span(a)[1] - span(b)[1]);
  const sites: Site[] = [];
  for (const t of sorted) {
    const [a, b] = span(t);
    const last = sites.at(-1);
    if (last && a <= last.end) {
      last.end = Math.max(last.end, b);
      last.members.push(t);
    } else sites.push({ start: a, end: b, members: [t] });
  }
  return sites;
}

/** Lines that match within `width` lines of the first of a run are one place (a range holding its code twice). */
function clusters(found: readonly number[], width: number): number[] {
  const out: number[] = [];
  for (const n of found) if (out.length === 0 || n - out.at(-1)! > width) out.push(n);
  return out;
}

/** Whether every result holds: `ok` or `skipped`. */
export const allHold = (results: readonly Result[]): boolean =>
  results.every((r) => r.status === 'ok' || r.status === 'skipped');

export function countStatuses(results: readonly Result[]): Record<Status, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const r of results) counts[r.status]++;
  return counts;
}
