/**
 * Where a site stands against the model: documented (a panic path's location covers it), guarded (a
 * safe-by-design path's location does), else undocumented; and its subsystem, the frame group naming its file.
 */
import { coversLine } from '../model/anchor.ts';
import type { InventorySite } from '../model/inventory.ts';
import type { Location } from '../model/location.ts';
import type { Model } from '../model/model.ts';
import { foldSpace } from '../model/template.ts';
import type { FoundSite } from './find-sites.ts';

interface Claim {
  entry: string;
  loc: Location;
}

/** A whole-file location (`throughout`) claims only the lines that hold its code; `...` stands for any text. */
function holds(loc: Location, code: string): boolean {
  const line = foldSpace(code);
  let at = 0;
  for (const part of foldSpace(loc.code).split('...')) {
    const p = part.trim();
    if (p === '') continue;
    const found = line.indexOf(p, at);
    if (found < 0) return false;
    at = found + p.length;
  }
  return true;
}

/** Claims by file: a site is compared with the locations in its own file, not with every location of the model. */
function byFile(list: Claim[]): Map<string, Claim[]> {
  const map = new Map<string, Claim[]>();
  for (const c of list) {
    const claims = map.get(c.loc.file);
    if (claims) claims.push(c);
    else map.set(c.loc.file, [c]);
  }
  return map;
}

const claims = (byFile: Map<string, Claim[]>, site: FoundSite): Claim | undefined =>
  byFile
    .get(site.file)
    ?.find((c) => coversLine(c.loc, site.line) && (c.loc.line !== undefined || holds(c.loc, site.code)));

export function classify(
  model: Pick<Model, 'panics' | 'safePaths' | 'frameGroups'>,
  found: readonly FoundSite[],
): InventorySite[] {
  const documented = byFile(model.panics.flatMap((p) => p.locations.map((loc) => ({ entry: `panics/${p.id}`, loc }))));
  const guarded = byFile(model.safePaths.map((s) => ({ entry: `safe-by-design/${s.id}`, loc: s.location })));
  const subsystemOf = new Map<string, string>();
  for (const g of model.frameGroups) {
    if (!g.inApp) continue;
    for (const f of g.frames) if (f.file !== undefined && !subsystemOf.has(f.file)) subsystemOf.set(f.file, g.id);
  }
  return found.map((s) => {
    const doc = claims(documented, s);
    const guard = doc ? undefined : claims(guarded, s);
    const claim = doc ?? guard;
    return {
      ...s,
      status: doc ? 'documented' : guard ? 'guarded' : 'undocumented',
      ...(claim ? { entry: claim.entry } : {}),
      subsystem: subsystemOf.get(s.file) ?? null,
    };
  });
}
