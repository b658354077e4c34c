/** How much of the code's panic sites the reference covers, overall, by subsystem and by file. Pure. */
import type { InventorySite, SiteStatus } from '../model/inventory.ts';

export interface Coverage {
  documented: number;
  guarded: number;
  undocumented: number;
  /** Undocumented sites that fire in --release builds: what the reference most needs to cover. */
  undocumentedRelease: number;
  total: number;
}

export interface CoverageRow extends Coverage {
  /** A subsystem id (a frame group of content/frames.yaml, `other` for files of none) or a file. */
  key: string;
}

export interface CoverageSummary {
  all: Coverage;
  bySubsystem: CoverageRow[];
  byFile: CoverageRow[];
  /** Sites in test-only code: listed apart, counted in none of the above. */
  testOnly: number;
}

export const OTHER_SUBSYSTEM = 'other';

const empty = (): Coverage => ({ documented: 0, guarded: 0, undocumented: 0, undocumentedRelease: 0, total: 0 });

function add(c: Coverage, s: InventorySite): void {
  const status: SiteStatus = s.status;
  c[status]++;
  c.total++;
  if (status === 'undocumented' && s.release) c.undocumentedRelease++;
}

/** The share of sites the reference accounts for (documented or guarded), as a whole percent. */
export const coveredPercent = (c: Coverage): number =>
  c.total === 0 ? 100 : Math.round((100 * (c.documented + c.guarded)) / c.total);

export function coverage(sites: readonly InventorySite[], subsystemOrder: readonly string[] = []): CoverageSummary {
  const all = empty();
  const bySub = new Map<string, Coverage>();
  const byFile = new Map<string, Coverage>();
  let testOnly = 0;
  for (const s of sites) {
    if (s.testOnly) {
      testOnly++;
      continue;
    }
    add(all, s);
    const sub = s.subsystem ?? OTHER_SUBSYSTEM;
    if (!bySub.has(sub)) bySub.set(sub, empty());
    add(bySub.get(sub)!, s);
    if (!byFile.has(s.file)) byFile.set(s.file, empty());
    add(byFile.get(s.file)!, s);
  }
  const rank = (k: string) => {
    const i = subsystemOrder.indexOf(k);
    return i < 0 ? subsystemOrder.length : i;
  };
  return {
    all,
    bySubsystem: [...bySub]
      .map(([key, c]) => ({ key, ...c }))
      .sort((a, b) => rank(a.key) - rank(b.key) || (a.key < b.key ? -1 : 1)),
    byFile: [...byFile].map(([key, c]) => ({ key, ...c })).sort((a, b) => (a.key < b.key ? -1 : 1)),
    testOnly,
  };
}
