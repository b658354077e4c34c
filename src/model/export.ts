/**
 * The machine-readable export, `/panics.json`: one shape, versioned, derived from the same entries as the pages.
 * Its shape is `panicExportSchema` (src/model/export-schema.ts); the values built here are typed by it.
 */
import { frameAnchor, locationAnchor } from './anchor.ts';
import { EXPORT_VERSION, type ExportFrame, type ExportLocation, type PanicExport } from './export-schema.ts';
import type { Frame } from './frame.ts';
import { type History, historyIndex, releasesOf } from './history.ts';
import { plainText } from './inline.ts';
import type { Location } from './location.ts';
import type { Model } from './model.ts';
import { firesInRelease, frameIndex } from './panic-helpers.ts';
import { panicPath, referencePath, withBase } from './paths.ts';

export { EXPORT_VERSION };
export type { ExportFrame, ExportLocation, ExportPanic, PanicExport } from './export-schema.ts';

const FRAMES_PAGE = 'frames' as const;

type HistoryOf = ReturnType<typeof historyIndex>;

function exportLocation(
  loc: Location,
  entry: string,
  history: HistoryOf,
  pagePath: (anchor: string) => string,
  abs: (p: string) => string,
): ExportLocation {
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
    releases: releasesOf(history(entry, anchor)),
  };
}

function exportFrame(f: Frame, abs: (p: string) => string): ExportFrame {
  const anchor = frameAnchor(f.symbol);
  const path = referencePath(FRAMES_PAGE, anchor);
  return {
    symbol: f.symbol,
    file: f.file ?? null,
    line: f.line ?? null,
    openEnded: f.openEnded ?? false,
    anchor,
    path,
    url: abs(path),
  };
}

/**
 * `site` is the absolute origin plus base, e.g. `https://runbooks.example/docs/panics/`; `history` is
 * `content/history.json` when it was recorded (each location's line per release).
 */
export function buildExport(model: Model, site: string, recorded?: History): PanicExport {
  const abs = (p: string) => new URL(p, site.endsWith('/') ? site : `${site}/`).href;
  const history = historyIndex(recorded);
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
        triage: p.triage.map((t) => ({
          message: t.message,
          context: t.context ?? null,
          rootCause: plainText(t.rootCause),
          fix: plainText(t.fix),
          severity: p.severity,
        })),
        messages: p.messages.map((m) => ({ template: m.template, shown: m.shown, generic: m.generic })),
        locations: p.locations.map((l) => exportLocation(l, `panics/${p.id}`, history, (a) => panicPath(p.id, a), abs)),
        callChain: p.callChain.map((s) => exportFrame(frames.get(s)!, abs)),
        related: p.related.map((r) => ({ id: r.id ?? null, page: r.page ?? null, note: plainText(r.note) })),
        retired: p.retired
          ? {
              release: p.retired.release,
              replacedBy: p.retired.replacedBy ?? null,
              note: p.retired.note === undefined ? null : plainText(p.retired.note),
            }
          : null,
        redirects: p.redirects,
      };
    }),
    safeByDesign: model.safePaths.map((s) => ({
      id: s.id,
      path: s.path,
      protection: plainText(s.protection),
      location: exportLocation(
        s.location,
        `safe-by-design/${s.id}`,
        history,
        (a) => referencePath('safe-by-design', a),
        abs,
      ),
    })),
    frameGroups: model.frameGroups.map((g) => ({
      id: g.id,
      title: g.title,
      note: g.note ?? null,
      inApp: g.inApp,
      frames: g.frames.map((f) => exportFrame(f, abs)),
    })),
    numericalStability: model.layers.map((l) => ({
      id: l.id,
      layer: l.layer,
      title: l.title,
      locations: l.locations.map((loc) =>
        exportLocation(
          loc,
          `numerical-stability/${l.id}`,
          history,
          (a) => referencePath('numerical-stability', a),
          abs,
        ),
      ),
    })),
    checklist: model.checklist.map((s) => ({
      id: s.id,
      step: s.step,
      title: plainText(s.title),
      detail: plainText(s.detail),
    })),
    reproduce: model.reproduce.map((r) => ({ id: r.id, title: r.title, note: r.note, command: r.command })),
  };
}

/** Site URL joined with the base: the `site` argument of buildExport. */
export const siteRoot = (origin: string, base: string): string => new URL(withBase(base, ''), origin).href;
