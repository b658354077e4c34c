import type { Frame, FrameGroup } from './frame.ts';
import type { Location } from './location.ts';
import type { PanicPath } from './panic-path.ts';

/** "yes", "no" or "some lines": whether a panic path's panic sites fire in `--release` builds. */
export function firesInRelease(p: PanicPath): 'yes' | 'no' | 'some lines' {
  const sites = p.locations.filter((l) => l.role === 'panic');
  const firing = sites.filter((l) => l.release).length;
  return firing === sites.length ? 'yes' : firing === 0 ? 'no' : 'some lines';
}

/** Locations in groups (by `group`, in first-seen order), each group sorted by line. Ungrouped ones form one group. */
export function groupLocations(locations: Location[]): { group: string | undefined; locations: Location[] }[] {
  const groups = new Map<string | undefined, Location[]>();
  for (const loc of locations) groups.set(loc.group, [...(groups.get(loc.group) ?? []), loc]);
  return [...groups].map(([group, locs]) => ({
    group,
    locations: group === undefined ? locs : [...locs].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
  }));
}

export function frameIndex(groups: FrameGroup[]): Map<string, Frame & { group: string }> {
  return new Map(groups.flatMap((g) => g.frames.map((f) => [f.symbol, { ...f, group: g.id }] as const)));
}

/** The panic sites' file:line list the reference prints under a title: `spread_oracle.rs:43-44, 88`. */
export function panicFiles(p: PanicPath): string[] {
  return [...new Set(p.locations.map((l) => l.file))];
}
