// The search page: reads ?q=, triages the paste against the model, then asks Pagefind. Pasted text is only ever set as text.
import type { ExportPanic, PanicExport } from '../model/export.ts';
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

const modelReady: Promise<PanicExport> = fetch(section.dataset.panicsJson!).then((r) => r.json() as Promise<PanicExport>);
const pagefindReady: Promise<Pagefind> = import(/* @vite-ignore */ section.dataset.pagefind!).then(async (pf: Pagefind) => {
  await pf.options({ baseUrl: base, ranking: { termFrequency: 0.4, pageLength: 0.3, termSaturation: 1.6, termSimilarity: 3 } });
  await pf.init();
  return pf;
});

let generation = 0;

async function run(query: string): Promise<void> {
  const mine = ++generation;
  section.dataset.searchState = 'searching';
  const [model, pagefind] = await Promise.all([modelReady, pagefindReady]);
  const triage = (cachedTriage ??= createTriage(model.panics))(query);
  const byId = new Map(model.panics.map((p) => [p.id, p]));
  const found = triage.pagefindQuery ? await pagefind.search(triage.pagefindQuery) : null;
  const pages = found ? await Promise.all(found.results.slice(0, 8).map((r) => r.data())) : [];
  if (mine !== generation) return;
  render(query, triage, byId, pages);
  section.dataset.searchState = 'done';
}

let cachedTriage: ((q: string) => Triage) | undefined;

function render(query: string, triage: Triage, byId: Map<string, ExportPanic>, pages: PagefindResult[]): void {
  card.replaceChildren(...renderCard(triage, byId, base, section.dataset.checklist!));
  const items: HTMLLIElement[] = [];
  const seen = new Set<string>();
  const pathOf = (href: string) => new URL(href, location.href).pathname;
  for (const c of triage.ranked) {
    const p = byId.get(c.id);
    if (!p) continue;
    const href = `${base}${p.path}${c.anchor ? `#${c.anchor}` : ''}`;
    seen.add(pathOf(href));
    items.push(item(href, p.title, `${p.severity} · ${c.evidence.map((e) => `${e.kind}: ${e.detail}`).slice(0, 2).join(' · ')}`));
  }
  for (const r of pages) {
    if (seen.has(pathOf(r.url))) continue;
    seen.add(pathOf(r.url));
    const sub = r.sub_results?.find((s) => s.url !== r.url && s.excerpt.includes('<mark>'));
    items.push(item(sub?.url ?? r.url, r.meta.title ?? r.url, r.excerpt, true));
  }
  list.replaceChildren(...items);
  status.textContent = query.trim() === ''
    ? 'Paste a panic above, or type words in the search box.'
    : items.length === 0 ? 'No page matches. Try fewer words, or the panic message alone.' : `${items.length} result${items.length > 1 ? 's' : ''}.`;
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
