/**
 * Lookups over the inventory for the search page (pure, no Node or DOM): the site a pasted `file:line` is at,
 * and the documented panic paths nearest to it.
 */
import type { InventorySite } from '../model/inventory.ts';
import { siteMessages } from '../model/site-messages.ts';
import { pathAgreement } from '../model/source-path.ts';

/**
 * The site at `file:line` (a pasted path, absolute or bare, is compared by its trailing segments); with several
 * sites on the line, the one at `column`, else the first. A site outside test-only code wins over one inside.
 */
export function siteAt(
  sites: readonly InventorySite[],
  file: string,
  line: number,
  column?: number,
): InventorySite | undefined {
  let best: InventorySite | undefined;
  let bestScore = 0;
  for (const s of sites) {
    if (s.line !== line) continue;
    const agree = pathAgreement(file, s.file);
    if (agree === 0) continue;
    const score = agree * 4 + (column !== undefined && s.column === column ? 2 : 0) + (s.testOnly ? 0 : 1);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

export type NearReason = 'same function' | 'same file' | 'same message';

export interface NearbyPath {
  /** The model entry, `panics/<id>`. */
  entry: string;
  /** Its site that is nearest. */
  site: InventorySite;
  reason: NearReason;
}

/**
 * The documented panic paths nearest to `site`, each once, nearest first: a documented site in the same function,
 * then in the same file (closest line first), then one printing the same message template. Never `site` itself.
 */
export function nearestDocumented(sites: readonly InventorySite[], site: InventorySite, limit = 3): NearbyPath[] {
  const out: NearbyPath[] = [];
  const seen = new Set<string>();
  const documented = sites.filter(
    (s) =>
      s.status === 'documented' &&
      s.entry !== undefined &&
      !(s.file === site.file && s.line === site.line && s.column === site.column),
  );
  const take = (list: InventorySite[], reason: NearReason) => {
    for (const s of list) {
      if (out.length >= limit) return;
      if (seen.has(s.entry!)) continue;
      seen.add(s.entry!);
      out.push({ entry: s.entry!, site: s, reason });
    }
  };
  const distance = (s: InventorySite) => Math.abs(s.line - site.line);
  const sameFile = documented.filter((s) => s.file === site.file).sort((a, b) => distance(a) - distance(b));
  take(
    sameFile.filter((s) => s.fn === site.fn),
    'same function',
  );
  take(sameFile, 'same file');
  // A site that cannot tell Option from Result prints one of two messages: either is the same message.
  const messages = new Set(siteMessages(site));
  take(
    documented.filter((s) => siteMessages(s).some((m) => messages.has(m))),
    'same message',
  );
  return out;
}
