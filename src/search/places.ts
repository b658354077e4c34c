/**
 * Lines of the reference pages that are not panic sites (a guard on /safe-by-design/, a layer on
 * /numerical-stability/, a frame on /frames/), found by a `file.rs:LINE` in a typed query.
 */
import { coversLine } from '../model/anchor.ts';
import type { SearchPlace } from '../model/search-model.ts';
import { fileRefs } from './paste-evidence.ts';
import { pathAgreement } from '../model/source-path.ts';

/** The places each `file.rs:LINE` of the query falls on, in the order the query names them, each once. */
export function matchPlaces(query: string, places: SearchPlace[]): SearchPlace[] {
  const found: SearchPlace[] = [];
  for (const { file, line } of fileRefs(query.slice(0, 2000))) {
    if (line === undefined) continue;
    for (const p of places) {
      if (p.line === undefined || found.includes(p) || pathAgreement(file, p.file) === 0) continue;
      if (coversLine(p, line)) found.push(p);
    }
  }
  return found;
}
