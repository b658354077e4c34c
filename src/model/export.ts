/**
 * The machine-readable export, `/panics.json`: one shape, versioned, derived from the same entries as the pages.
 * The site's own search reads it too, so what runbook tooling sees is what search matches on.
 */
import { frameAnchor, locationAnchor } from './anchor.ts';
import type { Frame } from './frame.ts';
import { plainText } from './inline.ts';
import type { Location } from './location.ts';
import type { Model } from './model.ts';
import { firesInRelease, frameIndex } from './panic-helpers.ts';
import { panicPath, referencePath, withBase } from './paths.ts';

export const EXPORT_VERSION = 1;

export interface ExportLocation {
  file: string;
  line: number | null;
  endLine: number | null;
  openEnded: boolean;
  throughout: boolean;
  code: string;
  role: Location['role'];
  release: boolean | null;
  message: string | null;
  group: string | null;
  anchor: string;
  /** Relative to the site's base, e.g. `panics/glft-kappa-gamma/#spread_oracle-L43`. */
  path: string;
  /** Absolute, for runbooks and bots. */
  url: string;
}

export interface ExportFrame {
  symbol: string;
  file: string | null;
  line: number | null;
  openEnded: boolean;
  anchor: string;
  path: string;
  url: string;
}

const FRAMES_PAGE = 'frames' as const;

function exportLocation(loc: Location, pagePath: (anchor: string) => string, abs: (p: string) => string): ExportLocation {
  const anchor = locationAnchor(loc);
  const path = pagePath(anchor);
  return {
    file: loc.file,
    line: loc.line ?? null,
    endLine: loc.endLine ?? null,
    openEnded: loc.openEnded ?? false,
    throughout: loc.throughout ?? false,
    code: loc.code,
    role: loc.role,
    release: loc.release ?? null,
    message: loc.message ?? null,
    group: loc.group ?? null,
    anchor,
    path,
    url: abs(path),
  };
}

function exportFrame(f: Frame, abs: (p: string) => string): ExportFrame {
  const anchor = frameAnchor(f.symbol);
  const path = referencePath(FRAMES_PAGE, anchor);
  return { symbol: f.symbol, file: f.file ?? null, line: f.line ?? null, openEnded: f.openEnded ?? false, anchor, path, url: abs(path) };
}

/** `site` is the absolute origin plus base, e.g. `https://runbooks.example/docs/panics/`. */
export function buildExport(model: Model, site: string) {
  const abs = (p: string) => new URL(p, site.endsWith('/') ? site : `${site}/`).href;
  const frames = frameIndex(model.frameGroups);
  return {
    version: EXPORT_VERSION,
    site,
    panics: model.panics.map((p) => {
      const path = panicPath(p.id);
      return {
        id: p.id,
        title: p.title,
        path,
        url: abs(path),
        severity: p.severity,
        phase: p.phase,
        secondary: p.secondary,
        firesInRelease: firesInRelease(p),
        summary: plainText(p.summary),
        cause: plainText(p.cause),
        triggers: p.triggers.map(plainText),
        fix: plainText(p.fix),
        triage: p.triage.map((t) => ({ message: t.message, context: t.context ?? null, rootCause: plainText(t.rootCause), fix: plainText(t.fix), severity: p.severity })),
        messages: p.messages.map((m) => ({ template: m.template, shown: m.shown, generic: m.generic })),
        locations: p.locations.map((l) => exportLocation(l, (a) => panicPath(p.id, a), abs)),
        callChain: p.callChain.map((s) => exportFrame(frames.get(s)!, abs)),
        related: p.related.map((r) => ({ id: r.id ?? null, page: r.page ?? null, note: plainText(r.note) })),
      };
    }),
    safeByDesign: model.safePaths.map((s) => ({
      id: s.id,
      path: s.path,
      protection: plainText(s.protection),
      location: exportLocation(s.location, (a) => referencePath('safe-by-design', a), abs),
    })),
    frameGroups: model.frameGroups.map((g) => ({ id: g.id, title: g.title, note: g.note ?? null, inApp: g.inApp, frames: g.frames.map((f) => exportFrame(f, abs)) })),
    numericalStability: model.layers.map((l) => ({
      id: l.id,
      layer: l.layer,
      title: l.title,
      locations: l.locations.map((loc) => exportLocation(loc, (a) => referencePath('numerical-stability', a), abs)),
    })),
    checklist: model.checklist.map((s) => ({ id: s.id, step: s.step, title: plainText(s.title), detail: plainText(s.detail) })),
    reproduce: model.reproduce.map((r) => ({ id: r.id, title: r.title, note: r.note, command: r.command })),
  };
}

export type PanicExport = ReturnType<typeof buildExport>;
export type ExportPanic = PanicExport['panics'][number];

/** Site URL joined with the base: the `site` argument of buildExport. */
export const siteRoot = (origin: string, base: string): string => new URL(withBase(base, ''), origin).href;
