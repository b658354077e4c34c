/**
 * The API of `/triage.js`, the matcher published for bots and alerting: from text (a log line, an alert's
 * description, a whole log excerpt) to the page that explains the panic. No DOM, no Node: the build bundles this
 * file with the site's search model into one ES module (src/logs/publish.ts), runnable in Node, Deno, a browser or
 * a serverless function without this repository.
 */
import type { SearchModel } from '../model/search-model.ts';
import type { Candidate } from '../search/evidence.ts';
import { createTriage, KNOWN_THRESHOLD } from '../search/verdict.ts';
import { LogTriage, type PanicGroup, pageUrl, searchText, searchUrl } from './groups.ts';
import { triageText } from './read-log.ts';
import { formatPos } from './signature.ts';

export interface Verdict {
  /** True when the text is a panic path the reference documents. */
  known: boolean;
  /** The panic path's id (`kill-switch-mutex-poisoning`), or null. */
  id: string | null;
  /** The page's title, or null. */
  title: string | null;
  /** `Critical`, `Startup`, `Runtime`, `Debug-only`, or null when unknown. */
  severity: string | null;
  /** The location anchor on the page (`kill_switch-L561`), or null. */
  anchor: string | null;
  /** The page with its anchor when known; else the site's search for the text, which still lists the best hints. */
  url: string;
  /** A secondary panic (a `PoisonError`): the real cause is another panic, `original` when the text holds it. */
  secondary: boolean;
  /** Where the panic fired as it printed it (`src/…/kill_switch.rs:561:43`), or null. */
  location: string | null;
  /** The panic's message (first line), or null when the text held no panic message. */
  message: string | null;
  /** For a secondary panic: the verdict on the panic before it that caused it, when the text holds it. */
  original?: Verdict;
}

export interface PublicApi {
  triage(text: string): Verdict | null;
  triageAll(text: string): Verdict[];
  triageLog(text: string): PanicGroup[];
  searchUrl(text: string): string;
}

export function createPublicApi(model: Pick<SearchModel, 'panics' | 'places'>, site: string): PublicApi {
  const match = createTriage(model.panics, model.places);
  const byId = new Map(model.panics.map((p) => [p.id, p]));

  function verdict(
    candidate: Candidate | undefined,
    text: string,
    extra: Pick<Verdict, 'secondary' | 'location' | 'message'>,
  ): Verdict {
    const path = candidate ? byId.get(candidate.id) : undefined;
    if (!path || !candidate)
      return {
        known: false,
        id: null,
        title: null,
        severity: null,
        anchor: null,
        url: searchUrl(site, text),
        ...extra,
      };
    const anchor = candidate.anchor ?? null;
    return {
      known: true,
      id: path.id,
      title: path.title,
      severity: path.severity,
      anchor,
      url: pageUrl(site, path.id, anchor ?? undefined),
      ...extra,
      secondary: extra.secondary || path.secondary,
    };
  }

  function triageAll(text: string): Verdict[] {
    const t = match(text);
    if (t.kind === 'empty') return [];
    if (t.verdicts.length === 0) {
      const top = t.ranked[0];
      return [
        verdict(top && top.score >= KNOWN_THRESHOLD ? top : undefined, text, {
          secondary: false,
          location: null,
          message: null,
        }),
      ];
    }
    const out = t.verdicts.map((v) =>
      verdict(v.known, searchText(v.panic), {
        secondary: v.panic.secondary,
        location: v.panic.location ? formatPos(v.panic.location) : null,
        message: v.panic.message.trimStart().split('\n', 1)[0] ?? '',
      }),
    );
    // A secondary panic's original: the panic before it in the text, as the search card shows it.
    out.forEach((v, i) => {
      if (v.secondary && i > 0 && !out[i - 1]!.secondary) v.original = out[i - 1]!;
    });
    return out;
  }

  return {
    /** The verdict the search card leads with: the first documented original panic, else the first panic. */
    triage(text) {
      const all = triageAll(text);
      return all.find((v) => v.known && !v.secondary) ?? all.find((v) => v.known) ?? all[0] ?? null;
    },
    triageAll,
    triageLog(text) {
      const t = new LogTriage(model, { site });
      triageText(t, text);
      return t.groups();
    },
    searchUrl: (text) => searchUrl(site, text),
  };
}
