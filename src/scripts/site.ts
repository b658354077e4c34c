// Enhancements for every page; the pages work without them.
//
// The script acts only on what the layout and its components made: a hook (`data-copy`, `data-copy-link`,
// `data-moved-to`, the paste forms) counts at or inside an element marked `data-ui`, never inside the content
// (`data-prose`, where a panic's Notes are rendered), and any URL it navigates to or copies is a page of this site
// under its base path (site-url.ts). The content check refuses data-* in the Notes too; this holds without it.
import { handOffPaste } from './paste-handoff.ts';
import { siteUrl } from './site-url.ts';

const base = document.body.dataset.base ?? '/';

/** `el` when the layout or a component made it, else null. */
function made<T extends Element>(el: T | null | undefined): T | null {
  return el && el.closest('[data-ui]') && !el.closest('[data-prose]') ? el : null;
}

/** The absolute URL of a page of this site, or undefined for anything else (checked when it is used). */
const ofSite = (href: string): string | undefined => siteUrl(href, location.href, base)?.href;

async function copy(text: string, button: HTMLElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    flash(button, 'Copied');
  } catch {
    flash(button, 'Copy failed');
  }
}

function flash(button: HTMLElement, text: string): void {
  const label = button.firstChild;
  if (!label || label.nodeType !== Node.TEXT_NODE) return;
  const before = label.textContent;
  label.textContent = text;
  setTimeout(() => (label.textContent = before), 1200);
}

function addCopyButtons(): void {
  // Code blocks written in MDX prose get the same button as the model's code blocks. They are in the content, where
  // no hook counts: the button is this script's own, and copies the text the block shows.
  for (const pre of document.querySelectorAll<HTMLPreElement>('main pre.astro-code')) {
    if (pre.parentElement?.classList.contains('code')) continue;
    const wrap = document.createElement('div');
    wrap.className = 'code';
    pre.replaceWith(wrap);
    wrap.append(pre);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.textContent = 'Copy';
    button.addEventListener('click', () => void copy(pre.textContent ?? '', button));
    wrap.append(button);
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-ui] button[data-copy]')) {
    if (made(b)) b.hidden = false;
  }
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const button = made(target?.closest<HTMLElement>('[data-copy]'));
  if (button) {
    const text = button.dataset.copy ?? '';
    // A share link is a URL: only one of this site is copied.
    if (button.hasAttribute('data-share-link') && !ofSite(text)) return flash(button, 'Copy failed');
    void copy(text, button);
    return;
  }
  const link = made(target?.closest<HTMLAnchorElement>('a[data-copy-link]'));
  if (link) {
    event.preventDefault();
    const href = ofSite(link.href);
    if (!href) return flash(link, 'Copy failed');
    history.replaceState(null, '', new URL(href).hash);
    void copy(href, link);
  }
});

document.addEventListener('keydown', (event) => {
  const active = document.activeElement;
  const typing =
    active instanceof HTMLInputElement ||
    active instanceof HTMLTextAreaElement ||
    (active instanceof HTMLElement && active.isContentEditable);
  if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    const box = made(document.querySelector<HTMLInputElement>('header.site[data-ui] [data-search-box]'));
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  } else if (
    event.key === 'Escape' &&
    active instanceof HTMLElement &&
    active.matches('[data-search-box], textarea.paste')
  ) {
    active.blur();
  }
});

// The paste forms send the paste in the fragment (`search/#q=`): a full backtrace in a query string makes a request
// line that servers refuse (nginx answers 414 past its 8 KB buffer) and lands in their logs. Past what a URL can
// carry, the paste is handed over inside the browser (paste-handoff.ts). Without JavaScript they still GET.
document.addEventListener('submit', (event) => {
  const form = made(event.target instanceof HTMLFormElement ? event.target : null);
  if (!form || !form.matches('[data-paste-form]')) return;
  const q = new FormData(form).get('q');
  if (typeof q !== 'string') return;
  event.preventDefault();
  const action = ofSite(form.action);
  if (!action) return;
  const to = new URL(action);
  to.search = '';
  to.hash = handOffPaste(q, to.href);
  if (to.pathname !== location.pathname) return location.assign(to.href);
  // Already on the search page: a new search without a reload (replaceState fires no hashchange of its own).
  history.replaceState(null, '', to.href);
  dispatchEvent(new HashChangeEvent('hashchange'));
});

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', addCopyButtons);
else addCopyButtons();

// A moved page's meta refresh drops the #anchor of the old URL (only HTTP redirects keep it): carry it over, to a
// page of this site only.
const movedTo = [...document.querySelectorAll<HTMLAnchorElement>('[data-ui] a[data-moved-to]')].find((a) => made(a));
const movedHref = movedTo && ofSite(movedTo.href);
if (movedHref && location.hash) location.replace(`${movedHref.split('#')[0]}${location.hash}`);
