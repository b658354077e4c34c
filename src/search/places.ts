/**
 * Lines of the reference pages that are not panic sites (a guard on /safe-by-design/, a layer on
 * /numerical-stability/, a frame on /frames/), found by a `file.rs:LINE` in a typed query.
 */
import { coversLine } from '../model/anchor.ts';
import type { SearchPlace } from '../model/search-model.ts';
import { pathAgreement } from './source-path.ts';

const FILE_LINE = /([\w./\\-]+\.rs):(\d{1,7})/g;

/** The places each `file.rs:LINE` of the query falls on, in the order the query names them, each once. */
export function matchPlaces(query: string, places: SearchPlace[]): SearchPlace[] {
  const found: SearchPlace[] = [];
  for (const [, file, line] of query.slice(0, 2000).matchAll(FILE_LINE)) {
    for (const p of places) {
      if (p.line === null || found.includes(p) || pathAgreement(file!, p.file) === 0) continue;
      if (coversLine({ file: p.file, line: p.line, endLine: p.endLine ?? undefined, openEnded: p.openEnded }, Number(line))) found.push(p);
    }
  }
  return found;
}
