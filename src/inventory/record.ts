/** `content/inventory.json`: the sites in a stable order, with the digest that detects a hand edit. */
import { recordDigest } from '../model/inventory-digest.ts';
import { type FoundSite, type InventoryRecord, inventoryRecordSchema } from '../model/inventory.ts';

const order = (a: FoundSite, b: FoundSite): number =>
  a.file < b.file
    ? -1
    : a.file > b.file
      ? 1
      : a.line - b.line ||
        a.column - b.column ||
        (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0);

/** The facts of a site, in one order of fields, so that the same inventory always serialises to the same bytes. */
export const canonicalSite = (s: FoundSite): FoundSite => ({
  file: s.file,
  line: s.line,
  column: s.column,
  kind: s.kind,
  fn: s.fn,
  message: s.message,
  release: s.release,
  testOnly: s.testOnly,
  code: s.code,
  ...(s.alternative === undefined ? {} : { alternative: s.alternative }),
  ...(s.decided === undefined ? {} : { decided: s.decided }),
  ...(s.via === undefined ? {} : { via: { fn: s.via.fn, resolved: s.via.resolved } }),
  ...(s.guards && s.guards.length > 0
    ? { guards: s.guards.map((g) => ({ lock: g.lock, line: g.line, column: g.column })) }
    : {}),
});

export function inventoryRecord(sites: readonly FoundSite[], commit: string | null): InventoryRecord {
  const body = { version: 2 as const, commit, sites: [...sites].sort(order).map(canonicalSite) };
  return inventoryRecordSchema.parse({ ...body, digest: recordDigest(body) });
}

/** The file's text: one site a line, so that a diff of two recordings reads site by site. */
export function serializeRecord(record: InventoryRecord): string {
  const head = { version: record.version, commit: record.commit, digest: record.digest };
  const lines = record.sites.map((s) => `    ${JSON.stringify(s)}`);
  return `${JSON.stringify(head, null, 2).replace(/\n}$/, ',')}\n  "sites": [\n${lines.join(',\n')}\n  ]\n}\n`;
}
