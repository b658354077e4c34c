import { locationAnchor } from './anchor.ts';
import type { Location } from './location.ts';
import type { Model } from './model.ts';

/** A problem that no single entry's schema can see: it is about how entries refer to each other. */
export interface CrossIssue {
  /** Which kind of entry, and its index, so that the caller can name the file. */
  kind: keyof Model;
  index: number;
  path: (string | number)[];
  message: string;
}

/** `invalidIds`: ids of panic files that failed their schema; references to them are not reported twice. */
export function crossCheck(model: Model, invalidIds: ReadonlySet<string> = new Set()): CrossIssue[] {
  const issues: CrossIssue[] = [];
  const ids = new Map<string, number>();
  model.panics.forEach((p, index) => {
    const first = ids.get(p.id);
    if (first !== undefined)
      issues.push({
        kind: 'panics',
        index,
        path: ['id'],
        message: `duplicates the id "${p.id}" of another panic path (#${first + 1}); each panic path needs its own id, which is its URL /panics/${p.id}/`,
      });
    else ids.set(p.id, index);
  });
  issues.push(...redirectIssues(model, ids, invalidIds));
  const symbols = new Set(model.frameGroups.flatMap((g) => g.frames.map((f) => f.symbol)));
  model.panics.forEach((p, index) => {
    const templates = new Set(p.messages.map((m) => m.template));
    p.related.forEach((r, i) => {
      if (r.id !== undefined && !ids.has(r.id) && !invalidIds.has(r.id)) {
        issues.push({
          kind: 'panics',
          index,
          path: ['related', i, 'id'],
          message: `refers to a panic path "${r.id}" that does not exist; known ids: ${[...ids.keys()].join(', ')}`,
        });
      }
    });
    p.locations.forEach((loc, i) => {
      if (loc.message !== undefined && !templates.has(loc.message)) {
        issues.push({
          kind: 'panics',
          index,
          path: ['locations', i, 'message'],
          message: `must be one of this entry's messages[].template, got ${JSON.stringify(loc.message)}`,
        });
      }
      if (loc.role !== 'panic' && loc.release !== undefined) {
        issues.push({
          kind: 'panics',
          index,
          path: ['locations', i, 'release'],
          message: `is only for panic sites; this location's role is "${loc.role}"`,
        });
      }
    });
    p.callChain.forEach((symbol, i) => {
      if (!symbols.has(symbol))
        issues.push({
          kind: 'panics',
          index,
          path: ['callChain', i],
          message: `names a frame "${symbol}" that is not in frames.yaml; add it there first`,
        });
    });
    duplicateAnchors(p.locations).forEach(([i, anchor]) =>
      issues.push({
        kind: 'panics',
        index,
        path: ['locations', i],
        message: `has the same anchor #${anchor} as another location of this page; two locations cannot share file and lines`,
      }),
    );
  });
  const safeAnchors = duplicateAnchors(model.safePaths.map((s) => s.location));
  safeAnchors.forEach(([index, anchor]) =>
    issues.push({
      kind: 'safePaths',
      index,
      path: ['location'],
      message: `has the same anchor #${anchor} as another safe path`,
    }),
  );
  for (const kind of ['safePaths', 'layers', 'checklist', 'reproduce', 'frameGroups'] as const) {
    const seen = new Set<string>();
    model[kind].forEach((entry, index) => {
      if (seen.has(entry.id)) issues.push({ kind, index, path: ['id'], message: `duplicates the id "${entry.id}"` });
      seen.add(entry.id);
    });
  }
  return issues;
}

function duplicateAnchors(locations: Location[]): [number, string][] {
  const seen = new Set<string>();
  const out: [number, string][] = [];
  locations.forEach((loc, i) => {
    const anchor = locationAnchor(loc);
    if (seen.has(anchor)) out.push([i, anchor]);
    seen.add(anchor);
  });
  return out;
}

/**
 * Old URLs must keep leading somewhere: a former id (`redirects`) is nobody's id and nobody else's former id, and a
 * retired path's `replacedBy` names a panic path that exists.
 */
function redirectIssues(model: Model, ids: ReadonlyMap<string, number>, invalidIds: ReadonlySet<string>): CrossIssue[] {
  const issues: CrossIssue[] = [];
  const formerly = new Map<string, string>();
  model.panics.forEach((p, index) => {
    p.redirects.forEach((old, i) => {
      const path = ['redirects', i];
      if (ids.has(old) || invalidIds.has(old)) {
        issues.push({
          kind: 'panics',
          index,
          path,
          message: `"${old}" is the id of ${old === p.id ? 'this' : 'another'} panic path, so /panics/${old}/ cannot redirect here; remove it from redirects`,
        });
      } else if (formerly.has(old)) {
        issues.push({
          kind: 'panics',
          index,
          path,
          message: `"${old}" already redirects to "${formerly.get(old)}"; an old URL can lead to one page only`,
        });
      } else formerly.set(old, p.id);
    });
    const replacedBy = p.retired?.replacedBy;
    if (replacedBy === undefined) return;
    const path = ['retired', 'replacedBy'];
    if (replacedBy === p.id)
      issues.push({
        kind: 'panics',
        index,
        path,
        message: `names this panic path itself; name the path that replaced "${p.id}", or leave replacedBy out`,
      });
    else if (!ids.has(replacedBy) && !invalidIds.has(replacedBy)) {
      const renamed = formerly.get(replacedBy) ?? model.panics.find((q) => q.redirects.includes(replacedBy))?.id;
      issues.push({
        kind: 'panics',
        index,
        path,
        message: `refers to a panic path "${replacedBy}" that does not exist; ${renamed ? `it was renamed to "${renamed}"` : `known ids: ${[...ids.keys()].join(', ')}`}`,
      });
    }
  });
  return issues;
}
