/**
 * `/search-model.json`: the part of the export that the search page matches on and its card shows, nothing else.
 * Derived from the export, so the two cannot disagree; kept apart because the search page downloads it on every
 * visit and the prose, URLs and notes of the full export would make it several times larger.
 */
import type { PanicExport } from './export.ts';

export function toSearchModel(exp: PanicExport) {
  return {
    version: exp.version,
    panics: exp.panics.map((p) => ({
      id: p.id,
      title: p.title,
      path: p.path,
      severity: p.severity,
      phase: p.phase,
      secondary: p.secondary,
      firesInRelease: p.firesInRelease,
      // The card says in a sentence what the panic means before the engineer opens the page.
      summary: p.summary,
      messages: p.messages.map(({ template, generic }) => ({ template, generic })),
      locations: p.locations.map(({ file, line, endLine, openEnded, code, role, release, anchor }) => ({ file, line, endLine, openEnded, code, role, release, anchor })),
      callChain: p.callChain.map(({ symbol }) => ({ symbol })),
    })),
    // Lines the reference pages name outside any panic path (a guard on /safe-by-design/, a layer of protection):
    // a query like `event_loop.rs:934` is about one of them.
    places: [
      ...exp.safeByDesign.map((s) => place(s.path, s.location)),
      ...exp.numericalStability.flatMap((l) => l.locations.map((loc) => place(l.title, loc))),
      ...exp.frameGroups.flatMap((g) => g.frames.filter((f) => f.file !== null && f.line !== null).map((f) => place(f.symbol, { ...f, file: f.file!, endLine: null }))),
    ],
  };
}

type ExportedPlace = { file: string; line: number | null; endLine: number | null; openEnded: boolean; path: string };
// In the shape of `Lines` (absent, not null), so that the location helpers of anchor.ts take a place as it is.
const place = (title: string, { file, line, endLine, openEnded, path }: ExportedPlace) =>
  ({ title, file, line: line ?? undefined, endLine: endLine ?? undefined, openEnded, path });

export type SearchModel = ReturnType<typeof toSearchModel>;
export type SearchPanic = SearchModel['panics'][number];
export type SearchLocation = SearchPanic['locations'][number];
export type SearchPlace = SearchModel['places'][number];
