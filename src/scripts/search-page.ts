// The search page: reads ?q=, triages the paste against the model, then asks Pagefind. Pasted text is only ever set as text.
import { shortLocation } from '../model/anchor.ts';
import type { SearchModel, SearchPanic } from '../model/search-model.ts';
import { createTriage, type PanicVerdict, type Triage } from '../search/triage.ts';
import { renderCard } from './triage-card.ts';

interface PagefindResult { url: string; meta: { title?: string }; excerpt: string; sub_results?: { url: string; title: string; excerpt: string }[] }
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(q: string): Promise<{ results: { data(): Promise<PagefindResult> }[] } | null>;
}

const section = document.getElementById('search')!;
const status = document.getElementById('search-status')!;
const list = document.getElementById('results')!;
const card = document.getElementById('triage-card')!;
const paste = document.querySelector<HTMLTextAreaElement>('[data-paste-box]')!;
const box = document.querySelector<HTMLInputElement>('[data-search-box]');
const base = document.body.dataset.base ?? '/';

const modelReady: Promise<SearchModel> = fetch(section.dataset.searchModel!).then((r) => r.json() as Promise<SearchModel>);
// No Web Worker: it costs another 43 KB script and a message round trip per search, and a search here takes a few
// milliseconds of the page's own thread (keystroke → painted p50 went from 28 to 11 ms with the worker off).
// Started on first need, not at load: its files are preloaded with the page, but compiling its WebAssembly and
// reading its index is 50-70 ms of this thread that a sure verdict from the model should not wait behind.
let pagefindReady: Promise<Pagefind> | undefined;
const loadPagefind = (): Promise<Pagefind> =>
  (pagefindReady ??= import(/* @vite-ignore */ section.dataset.pagefind!).then(async (pf: Pagefind) => {
    await pf.options({ baseUrl: base, noWorker: true, ranking: { termFrequency: 0.4, pageLength: 0.3, termSaturation: 1.6, termSimilarity: 3 } });
    await pf.init();
    return pf;
  }));

let generation = 0;
let cachedTriage: ((q: string) => Triage) | undefined;

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
  const model = await modelReady;
  if (mine !== generation) return;
  const triage = (cachedTriage ??= createTriage(model.panics, model.places))(query);
  const byId = new Map(model.panics.map((p) => [p.id, p]));
  card.replaceChildren(...renderCard(triage, byId, base, section.dataset.checklist!));
  const shown = new Set<string>();
  const modelResults = modelItems(triage, byId, shown);
  const topIsFinal = modelResults.length > 0 || !triage.pagefindQuery;
  if (topIsFinal) {
    list.replaceChildren(...modelResults);
    finish(query);
    await pause(PAGEFIND_AFTER_MS);
    if (mine !== generation) return;
  }
  const pages = await pagefindPages(triage.pagefindQuery);
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

/** Pagefind's best pages for the words; none when it cannot load (the model's answer still stands). */
async function pagefindPages(words: string): Promise<PagefindResult[]> {
  if (!words) return [];
  try {
    const pagefind = await loadPagefind();
    const found = await pagefind.search(words);
    return found ? await Promise.all(found.results.slice(0, 8).map((r) => r.data())) : [];
  } catch {
    pagefindFailed = true;
    return [];
  }
}
let pagefindFailed = false;

const pathOf = (href: string) => new URL(href, location.href).pathname;

function modelItems(triage: Triage, byId: Map<string, SearchPanic>, shown: Set<string>): HTMLLIElement[] {
  const panics = triage.ranked.flatMap((c) => {
    const p = byId.get(c.id);
    if (!p) return [];
    const href = `${base}${p.path}${c.anchor ? `#${c.anchor}` : ''}`;
    shown.add(pathOf(href));
    return [item(href, p.title, `${p.severity} · ${c.evidence.map((e) => `${e.kind}: ${e.detail}`).slice(0, 2).join(' · ')}`)];
  });
  const places = triage.places.map((p) => {
    const href = `${base}${p.path}`;
    shown.add(pathOf(href));
    return item(href, p.title, shortLocation(p));
  });
  return [...panics, ...places];
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
  status.textContent = query.trim() === ''
    ? 'Paste a panic above, or type words in the search box.'
    : n === 0 ? 'No page matches. Try fewer words, or the panic message alone.' : `${n} result${n > 1 ? 's' : ''}.`;
  if (pagefindFailed) status.textContent += ' Full-text search could not load; the results above come from the panic model alone.';
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

/** Pagefind's excerpts mark matches with <mark>; keep those and nothing else of the HTML. */
function appendMarked(into: HTMLElement, excerpt: string): void {
  const doc = new DOMParser().parseFromString(`<body>${excerpt}</body>`, 'text/html');
  for (const node of doc.body.childNodes) {
    if (node.nodeName === 'MARK') {
      const m = document.createElement('mark');
      m.textContent = node.textContent;
      into.append(m);
    } else into.append(node.textContent ?? '');
  }
}

const initial = new URLSearchParams(location.search).get('q') ?? '';
paste.value = initial;
if (box) box.value = initial.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
void run(initial);

paste.addEventListener('input', () => {
  const url = new URL(location.href);
  url.searchParams.set('q', paste.value);
  history.replaceState(null, '', url);
  void run(paste.value);
});

export type { PanicVerdict };
