/**
 * A paste too large for a link goes from a paste form to the search page inside this tab: kept under a random id
 * that the link names (`/search/#paste=<id>`), in the tab's session storage, else (past its quota, about 10 MB in
 * Chromium) in the window's name, which a tab keeps across the site's own pages and drops on a cross-site
 * navigation. Either way the paste never leaves the browser, and any size that fits in memory reaches the search.
 */
import { handOffFragment, handOffId, newHandOffId, pasteSize, queryFragment } from './paste-link.ts';

const KEY = 'mm-paste:';

function keep(id: string, text: string): void {
  try {
    sessionStorage.setItem(KEY + id, text);
    return;
  } catch {
    // Full (or storage is off): this tab's earlier big pastes make room; their links then say the paste is gone.
  }
  try {
    for (const k of Object.keys(sessionStorage)) if (k.startsWith(KEY) && k !== KEY + id) sessionStorage.removeItem(k);
    sessionStorage.setItem(KEY + id, text);
    return;
  } catch {
    window.name = `${KEY}${id}:${text}`;
  }
}

function kept(id: string): string | undefined {
  try {
    const text = sessionStorage.getItem(KEY + id);
    if (text !== null) return text;
  } catch {
    // Storage is off: the window's name may hold it.
  }
  const prefix = `${KEY}${id}:`;
  return window.name.startsWith(prefix) ? window.name.slice(prefix.length) : undefined;
}

/**
 * The fragment that takes `text` to the page `href`: `q=…` when the link can carry it, else `paste=<id>` with the
 * paste kept in this tab (under `id` when given: the search page's own box rewrites its paste in place).
 */
export function handOffPaste(text: string, href: string, id?: string): string {
  const q = queryFragment(text, href);
  if (q !== undefined) return q;
  const key = id ?? newHandOffId((b) => crypto.getRandomValues(b));
  keep(key, text);
  return handOffFragment(key);
}

/** The search page's note about a paste that is not in its link, placed after the paste box's form. */
function note(box: HTMLTextAreaElement, text: string | undefined): void {
  let p = document.querySelector<HTMLParagraphElement>('p[data-paste-note]');
  if (text === undefined) {
    p?.remove();
    return;
  }
  if (!p) {
    p = document.createElement('p');
    p.className = 'paste-note';
    p.setAttribute('role', 'status');
    p.dataset.pasteNote = '';
    (box.form ?? box).after(p);
  }
  p.textContent = text;
}

const tooLarge = (text: string) =>
  `This paste (${pasteSize(text)}) is too large to keep in the link: this tab keeps it, so reload and back work ` +
  'here, but a copied link does not carry it.';

/**
 * The paste the search page's URL names by id (`#paste=<id>`), saying so beside the paste box; undefined when the
 * URL names none (the paste is then in `#q=` or `?q=`), and empty when this tab no longer has it.
 */
export function handedOffPaste(box: HTMLTextAreaElement): string | undefined {
  const id = handOffId(location.hash);
  if (id === undefined) {
    note(box, undefined);
    return undefined;
  }
  const text = kept(id);
  note(
    box,
    text === undefined
      ? 'This link named a paste too large for a link, which only the browser tab it was pasted in kept: paste it again.'
      : tooLarge(text),
  );
  return text ?? '';
}

/** The search page's paste, typed or pasted into its box, into its URL (or kept by id, said beside the box). */
export function keepPasteInUrl(box: HTMLTextAreaElement): void {
  const fragment = handOffPaste(box.value, location.href, handOffId(location.hash));
  history.replaceState(null, '', `${location.pathname}#${fragment}`);
  note(box, fragment.startsWith('q=') ? undefined : tooLarge(box.value));
}
