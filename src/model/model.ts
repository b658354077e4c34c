import type { ChecklistStep, Reproduce } from './checklist.ts';
import type { FrameGroup } from './frame.ts';
import type { NumericalLayer } from './numerical-layer.ts';
import type { PanicPath } from './panic-path.ts';
import type { SafePath } from './safe-path.ts';

/** Everything the content holds, once validated: what pages, the search and the export are built from. */
export interface Model {
  panics: PanicPath[];
  frameGroups: FrameGroup[];
  safePaths: SafePath[];
  layers: NumericalLayer[];
  checklist: ChecklistStep[];
  reproduce: Reproduce[];
}

/** Where each kind of entry lives inside the content folder. */
export const CONTENT_FILES = {
  panics: 'panics',
  frameGroups: 'frames.yaml',
  safePaths: 'safe-by-design.yaml',
  layers: 'numerical-stability.yaml',
  checklist: 'checklist.yaml',
  reproduce: 'reproduce.yaml',
} as const;

/** Written by `npm run check-sources -- --record`; optional: the site says so when the sources were never checked. */
export const SOURCE_CHECK_FILE = 'source-check.json';

/**
 * Left in the content folder by a `check-sources --fix` stopped part-way (src/sources/write-all.ts): while it is
 * there the folder may hold old and new files, and the next run of check-sources finishes or undoes the fix.
 */
export const FIX_JOURNAL_FILE = '.fix-journal.json';
