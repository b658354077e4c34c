// The search page: reads `#q=` (or `?q=`, for runbook links), triages the paste against the model, then asks
// Pagefind. Pasted text is only ever set as text, and stays in the fragment: it never reaches a server or its logs.
// The site script first, as every page runs it: the layout leaves it to this one, so that the page has one script.
import './site.ts';
import { fileName, shortLocation } from '../model/anchor.ts';
import { inventoryPath } from '../model/paths.ts';
import type { SearchPanic } from '../model/search-model.ts';
import { createShardedSearch } from '../search/sharded-search.ts';
import type { SearchHead, SearchShard } from '../model/search-split-schema.ts';
import { HEAD_ELEMENT_ID } from '../search/inline-head.ts';
import { type PanicVerdict, type Triage, wordsForPagefind } from '../search/verdict.ts';
import { handedOffPaste, keepPasteInUrl } from './paste-handoff.ts';
import { renderCard } from './triage-card.ts';

interface PagefindResult {
  url: string;
  meta: { title?: string };
  excerpt: string;
  sub_results?: { url: string; title: string; excerpt: string }[];
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(q: string): Promise<{ results: PagefindHit[] } | null>;
}
interface PagefindHit {
  id: string;
  score: number;
  data(): Promise<PagefindResult>;
}

const section = document.getElementById('search')!;
const status = document.getElementById('search-status')!;
const list = document.getElementById('results')!;
const card = document.getElementById('triage-card')!;
const paste = document.querySelector<HTMLTextAreaElement>('[data-paste-box]')!;
const box = document.querySelector<HTMLInputElement>('[data-search-box]');
const base = document.body.dataset.base ?? '/';

// The search model's head (match keys → shards), then the shards a paste needs: a search fetches only what can match.
const modelDir = section.dataset.searchModel!;
const getJson = async <T>(url: string): Promise<T> => {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return (await r.json()) as T;
};
/** The head the page carries while it is small (src/search/inline-head.ts), read once; else undefined. */
function carriedHead(): SearchHead | undefined {
  const carrier = document.getElementById(HEAD_ELEMENT_ID);
  if (!(carrier instanceof HTMLScriptElement) || carrier.type !== 'application/json') return undefined;
  try {
    return JSON.parse(carrier.text) as SearchHead;
  } catch {
    return undefined;
  }
}
let headReady: Promise<SearchHead> | undefined;
// A head or shard that failed to arrive is asked for again by the next query, not remembered as failed.
const loadHead = (): Promise<SearchHead> =>
  (headReady ??= Promise.resolve(carriedHead() ?? getJson<SearchHead>(`${modelDir}head.json`)).catch((e: unknown) => {
    headReady = undefined;
    throw e;
  }));
void loadHead().catch(() => undefined);
let search: ReturnType<typeof createShardedSearch> | undefined;

/** The model's answer, or undefined when the model could not load: the search still runs on Pagefind's pages. */
async function modelAnswer(query: string) {
  try {
    const head = await loadHead();
    search ??= createShardedSearch(head, (n) => getJson<SearchShard>(`${modelDir}${n}.json`));
    return { ...(await search(query)), head };
  } catch {
    return undefined;
  }
}
let modelFailed = false;
/** The paste's panic is another program's or a dependency's: no page is the answer, and the status says why. */
let foreignPanic = false;
// No Web Worker: it costs another 43 KB script and a message round trip per search, and a search here takes a few
// milliseconds of the page's own thread (keystroke → painted p50 went from 28 to 11 ms with the worker off).
// Started on first need, not at load, and its files are not preloaded with the page: downloading and compiling
// its script and WebAssembly and reading its index is 50-70 ms of this thread that a sure verdict from the model
// should not wait behind (navigation to a verdict went from 2.4 to 2.2 times a trivial page without the preloads).
let pagefindReady: Promise<Pagefind> | undefined;
const loadPagefind = (): Promise<Pagefind> =>
  (pagefindReady ??= import(/* @vite-ignore */ section.dataset.pagefind!).then(async (pf: Pagefind) => {
    await pf.options({
      baseUrl: base,
      noWorker: true,
      ranking: { termFrequency: 0.4, pageLength: 0.3, termSaturation: 1.6, termSimilarity: 3 },
    });
    await pf.init();
    return pf;
  }));

let generation = 0;

/**
 * The model's answer first, Pagefind's after it. The model's candidates always head the list (Pagefind's pages are
 * appended below them), so when there are any, or nothing to ask Pagefind, the top of the list is final at once:
 * it is shown, the search is `done`, and Pagefind's pages follow when they arrive (`data-pagefind-state="done"`).
 * With no candidate from the model (free words like "Taylor fallback") the list waits for Pagefind, so that `done`
 * always means the top of the list is final. Pagefind's time grows with the pages its words are on (76 ms for
 * "called unwrap on None" at 5,000 panic paths); the model's answer does not wait for it.
 */
async function run(query: string): Promise<void> {
  const mine = ++generation;
  section.dataset.searchState = 'searching';
  section.dataset.pagefindState = 'pending';
  const model = await modelAnswer(query);
  if (mine !== generation) return;
  modelFailed = model === undefined;
  foreignPanic = model?.triage.foreign !== undefined;
  card.replaceChildren(
    ...(model ? renderCard(model.triage, model.panics, base, section.dataset.checklist!, model.head.source) : []),
  );
  const shown = new Set<string>();
  const modelResults = model ? modelItems(model.triage, model.panics, shown) : [];
  const words = model ? model.triage.pagefindQuery : wordsForPagefind(query);
  const topIsFinal = modelResults.length > 0 || !words;
  if (topIsFinal) {
    list.replaceChildren(...modelResults);
    finish(query);
    await pause(PAGEFIND_AFTER_MS);
    if (mine !== generation) return;
  }
  const pages = await pagefindPages(words);
  if (mine !== generation) return;
  if (!topIsFinal) list.replaceChildren();
  list.append(...pageItems(pages, shown));
  finish(query);
  section.dataset.pagefindState = 'done';
}

/**
 * How long a search whose top is final lets the page rest before Pagefind runs. Without a worker Pagefind runs on
 * this thread, for 76 ms on a common word at 5,000 panic paths: started at once it would hold back the paint of the
 * verdict and the next keystroke. Typing on restarts the wait, so Pagefind runs once typing pauses.
 */
const PAGEFIND_AFTER_MS = 120;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Pagefind's best pages for the words; none when it cannot load (the model's answer still stands). Pagefind ANDs
 * words, so one word that no page holds empties the list. Then each word is looked up alone and the pages are
 * ranked by how many of the words they hold, then by Pagefind's scores summed: an OR of the words, as a full-text
 * engine would rank it, and the page says which words no page holds.
 */
async function pagefindPages(words: string): Promise<PagefindResult[]> {
  relaxedTo = undefined;
  if (!words) return [];
  try {
    const pagefind = await loadPagefind();
    const hits = async (q: string) => (await pagefind.search(q))?.results ?? [];
    let results = await hits(words);
    const all = words.split(' ');
    if (results.length === 0 && all.length > 1) {
      const perWord = await Promise.all(all.map(hits));
      const byPage = new Map<string, { result: PagefindHit; words: number; score: number }>();
      perWord.forEach((list) => {
        for (const r of list) {
          const had = byPage.get(r.id) ?? { result: r, words: 0, score: 0 };
          byPage.set(r.id, { result: had.result, words: had.words + 1, score: had.score + r.score });
        }
      });
      results = [...byPage.values()].sort((a, b) => b.words - a.words || b.score - a.score).map((x) => x.result);
      if (results.length > 0)
        relaxedTo = {
          used: all.filter((_, i) => perWord[i]!.length > 0),
          dropped: all.filter((_, i) => perWord[i]!.length === 0),
        };
    }
    return await Promise.all(results.slice(0, 8).map((r) => r.data()));
  } catch {
    pagefindFailed = true;
    return [];
  }
}
let pagefindFailed = false;
let relaxedTo: { used: string[]; dropped: string[] } | undefined;

const pathOf = (href: string) => new URL(href, location.href).pathname;

function modelItems(triage: Triage, byId: Map<string, SearchPanic>, shown: Set<string>): HTMLLIElement[] {
  const panics = triage.ranked.flatMap((c) => {
    const p = byId.get(c.id);
    if (!p) return [];
    const href = `${base}${p.path}${c.anchor ? `#${c.anchor}` : ''}`;
    shown.add(pathOf(href));
    return [
      item(
        href,
        p.title,
        `${p.severity} · ${c.evidence
          .map((e) => `${e.kind}: ${e.detail}`)
          .slice(0, 2)
          .join(' · ')}`,
      ),
    ];
  });
  // A panic at an undocumented site: its row of /inventory/ is the answer, ahead of any hint.
  const site = triage.site
    ? [
        item(
          `${base}${inventoryPath(triage.site)}`,
          `Undocumented panic site ${fileName(triage.site.file)}:${triage.site.line}`,
          `${triage.site.kind} in ${triage.site.fn}: ${triage.site.code}`,
        ),
      ]
    : [];
  if (triage.site) shown.add(pathOf(`${base}${inventoryPath(triage.site)}`));
  const places = triage.places.map((p) => {
    const href = `${base}${p.path}`;
    shown.add(pathOf(href));
    return item(href, p.title, shortLocation(p));
  });
  return [...site, ...panics, ...places];
}

function pageItems(pages: PagefindResult[], shown: Set<string>): HTMLLIElement[] {
  return pages.flatMap((r) => {
    if (shown.has(pathOf(r.url))) return [];
    shown.add(pathOf(r.url));
    const sub = r.sub_results?.find((s) => s.url !== r.url && s.excerpt.includes('<mark>'));
    return [item(sub?.url ?? r.url, r.meta.title ?? r.url, r.excerpt, true)];
  });
}

function finish(query: string): void {
  const n = list.children.length;
  status.textContent =
    query.trim() === ''
      ? 'Paste a panic above, or type words in the search box.'
      : n === 0 && foreignPanic
        ? 'No page: this panic is not from the market maker’s code (see the card).'
        : n === 0
          ? 'No page matches. Try fewer words, or the panic message alone.'
          : `${n} result${n > 1 ? 's' : ''}.`;
  if (pagefindFailed)
    status.textContent += ' Full-text search could not load; the results above come from the panic model alone.';
  if (modelFailed)
    status.textContent +=
      ' The panic model could not load; the results come from full-text search alone, and the next search tries again.';
  if (relaxedTo && n > 0) {
    const missing =
      relaxedTo.dropped.length > 0
        ? ` No page holds ${relaxedTo.dropped.map((w) => `“${w}”`).join(', ')}: left out.`
        : '';
    status.textContent += ` No page holds all the words: pages holding the most of them come first.${missing}`;
    section.dataset.relaxed = relaxedTo.dropped.join(' ');
  } else delete section.dataset.relaxed;
  section.dataset.searchState = 'done';
}

function item(href: string, title: string, excerpt: string, excerptHasMarks = false): HTMLLIElement {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = href;
  a.dataset.searchResult = '';
  a.textContent = title.replace(/ · Market maker panic reference$/, '');
  const p = document.createElement('div');
  p.className = 'excerpt';
  if (excerptHasMarks) appendMarked(p, excerpt);
  else p.textContent = excerpt;
  li.append(a, p);
  return li;
}

/**
 * Pagefind's excerpts are the page's text with `<` and `>` escaped and each match wrapped in `<mark>`. They are
 * rebuilt from text nodes and <mark> elements without an HTML parser: the pages require Trusted Types, under
 * which DOMParser and innerHTML refuse strings, and nothing of an excerpt can become markup.
 */
function appendMarked(into: HTMLElement, excerpt: string): void {
  const text = (s: string) => s.replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  for (const chunk of excerpt.split('</mark>')) {
    const open = chunk.indexOf('<mark>');
    const before = open < 0 ? chunk : chunk.slice(0, open);
    if (before !== '') into.append(text(before));
    if (open < 0) continue;
    const m = document.createElement('mark');
    m.textContent = text(chunk.slice(open + '<mark>'.length));
    into.append(m);
  }
}

/**
 * The paste: handed over by id when too large for a link (`#paste=`), else from the fragment (`#q=`, where the paste
 * forms put it), else from `?q=` (runbook links, alerts).
 */
const queryInUrl = (): string =>
  handedOffPaste(paste) ??
  new URLSearchParams(location.hash.slice(1)).get('q') ??
  new URLSearchParams(location.search).get('q') ??
  '';

function show(query: string): void {
  paste.value = query;
  if (box)
    box.value =
      query
        .split('\n')
        .find((l) => l.trim() !== '')
        ?.trim() ?? '';
  void run(query);
}

show(queryInUrl());

paste.addEventListener('input', () => {
  // Into the fragment, never the query string: reload and back keep the paste, and no server ever sees it.
  keepPasteInUrl(paste);
  void run(paste.value);
});
addEventListener('hashchange', () => show(queryInUrl()));

export type { PanicVerdict };
