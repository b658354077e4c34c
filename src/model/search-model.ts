/**
 * The search model: what the search matches a paste on and its card shows, derived from the model like the pages and
 * the export, and nothing else. `/triage.js` and `mm-panics triage` embed it whole; the search page reads it split into
 * a head and shards (src/search/shards.ts). Its shape: search-model-schema.ts. No prose, no URLs (the page knows its base), no fields the matcher never
 * reads.
 */
import { frameAnchor, locationAnchor } from './anchor.ts';
import { appFilesOf } from './app-files.ts';
import type { History } from './history.ts';
import { plainText } from './inline.ts';
import type { InventorySite } from './inventory.ts';
import type { Location } from './location.ts';
import type { Model } from './model.ts';
import { firesInRelease } from './panic-helpers.ts';
import { panicPath, type ReferencePage, referencePath } from './paths.ts';
import { type SearchModel, SEARCH_MODEL_VERSION } from './search-model-schema.ts';
import type { SourceLinks } from './source-link.ts';

export { SEARCH_MODEL_VERSION };
export type { SearchLocation, SearchModel, SearchPanic, SearchPlace, SearchSite } from './search-model-schema.ts';

// In the shape of `Lines` (absent, not null), so that the location helpers of anchor.ts take it as it is.
const searchLocation = (l: Location) => ({
  file: l.file,
  line: l.line ?? null,
  endLine: l.endLine ?? null,
  openEnded: l.openEnded ?? false,
  code: l.code,
  role: l.role,
  release: l.release ?? null,
  anchor: locationAnchor(l),
});

const place = (
  page: ReferencePage,
  title: string,
  l: { file: string; line?: number | undefined; endLine?: number | undefined; openEnded?: boolean | undefined },
  anchor: string,
) => ({
  title,
  file: l.file,
  line: l.line,
  endLine: l.endLine,
  openEnded: l.openEnded ?? false,
  path: referencePath(page, anchor),
});

export interface SearchModelSources {
  /** `content/history.json`: each documented location's line per release. */
  history?: History | undefined;
  /** `content/inventory.json`'s sites, classified against this model. */
  sites?: readonly InventorySite[] | undefined;
  /** `SOURCE_URL` and the recorded commit: the card links a location to its code. */
  source?: SourceLinks | null | undefined;
}

export function toSearchModel(model: Model, { history, sites, source }: SearchModelSources = {}): SearchModel {
  return {
    version: SEARCH_MODEL_VERSION,
    panics: model.panics.map((p) => ({
      id: p.id,
      title: p.title,
      path: panicPath(p.id),
      severity: p.severity,
      phase: p.phase,
      secondary: p.secondary,
      firesInRelease: firesInRelease(p),
      // A retired path keeps its page and its hints, never a verdict: its code is gone from today's builds.
      retired: p.retired?.release ?? null,
      // The card says in a sentence what the panic means before the engineer opens the page.
      summary: plainText(p.summary),
      messages: p.messages.map(({ template, generic }) => ({ template, generic })),
      locations: p.locations.map(searchLocation),
      callChain: p.callChain.map((symbol) => ({ symbol })),
    })),
    // Lines the reference pages name outside any panic path (a guard on /safe-by-design/, a layer of protection, a
    // frame): a query like `event_loop.rs:934` is about one of them.
    places: [
      ...model.safePaths.map((s) => place('safe-by-design', s.path, s.location, locationAnchor(s.location))),
      ...model.layers.flatMap((l) =>
        l.locations.map((loc) => place('numerical-stability', l.title, loc, locationAnchor(loc))),
      ),
      ...model.frameGroups.flatMap((g) =>
        g.frames
          .filter((f) => f.file !== undefined && f.line !== undefined)
          .map((f) => place('frames', f.symbol, { ...f, file: f.file! }, frameAnchor(f.symbol))),
      ),
    ],
    // The panic paths' lines per release: a paste from an older build is read at its release.
    history: history
      ? {
          revisions: history.revisions,
          locations: history.locations
            .filter((l) => l.entry.startsWith('panics/'))
            .map(({ entry, anchor, openEnded, releases }) => ({ entry, anchor, openEnded, releases })),
        }
      : null,
    source: source ?? null,
    // Every panic site of the source outside test code: a paste at an undocumented one gets a card of its own.
    sites: (sites ?? [])
      .filter((s) => !s.testOnly)
      .map(
        ({ file, line, column, kind, fn, message, alternative, release, status, entry, subsystem, code, guards }) => ({
          file,
          line,
          column,
          kind,
          fn,
          message,
          // Where the inventory could not tell Option from Result: the other message, which a paste may print too.
          ...(alternative ? { alternative } : {}),
          release,
          testOnly: false,
          code,
          status,
          ...(entry ? { entry } : {}),
          subsystem,
          ...(guards ? { guards } : {}),
        }),
      ),
    // The crate's files: a paste that names none of them (another program, a dependency) is not the market maker's.
    appFiles: appFilesOf([
      ...model.panics.flatMap((p) => p.locations.map((l) => l.file)),
      ...(sites ?? []).map((s) => s.file),
    ]),
  };
}
