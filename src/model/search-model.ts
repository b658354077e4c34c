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
  };
}

export type SearchModel = ReturnType<typeof toSearchModel>;
export type SearchPanic = SearchModel['panics'][number];
export type SearchLocation = SearchPanic['locations'][number];
