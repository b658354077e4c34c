// Enhancements for every page; the pages work without them.
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
  // Code blocks written in MDX prose get the same button as the model's code blocks.
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
    button.dataset.copy = pre.textContent ?? '';
    wrap.append(button);
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) b.hidden = false;
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const button = target?.closest<HTMLElement>('[data-copy]');
  if (button) {
    void copy(button.dataset.copy ?? '', button);
    return;
  }
  const link = target?.closest<HTMLAnchorElement>('a[data-copy-link]');
  if (link) {
    event.preventDefault();
    history.replaceState(null, '', link.hash);
    void copy(link.href, link);
  }
});

document.addEventListener('keydown', (event) => {
  const active = document.activeElement;
  const typing = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement || (active instanceof HTMLElement && active.isContentEditable);
  if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    const box = document.querySelector<HTMLInputElement>('[data-search-box]');
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  } else if (event.key === 'Escape' && active instanceof HTMLElement && active.matches('[data-search-box], textarea.paste')) {
    active.blur();
  }
});

// The paste forms send the paste in the fragment (`search/#q=`): a full backtrace in a query string makes a request
// line that servers refuse (nginx answers 414 past its 8 KB buffer) and lands in their logs. Without JavaScript they still GET.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.matches('[data-paste-form]')) return;
  const q = new FormData(form).get('q');
  if (typeof q !== 'string') return;
  event.preventDefault();
  const to = new URL(form.action);
  to.search = '';
  to.hash = `q=${encodeURIComponent(q)}`;
  if (to.pathname !== location.pathname) return location.assign(to.href);
  // Already on the search page: a new search without a reload (replaceState fires no hashchange of its own).
  history.replaceState(null, '', to.href);
  dispatchEvent(new HashChangeEvent('hashchange'));
});

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', addCopyButtons);
else addCopyButtons();

// A moved page's meta refresh drops the #anchor of the old URL (only HTTP redirects keep it): carry it over.
const movedTo = document.querySelector<HTMLAnchorElement>('a[data-moved-to]');
if (movedTo && location.hash) location.replace(`${movedTo.href.split('#')[0]}${location.hash}`);
