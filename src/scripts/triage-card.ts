// Renders the triage card from a verdict. Everything pasted goes in through textContent, never as HTML.
import type { SearchPanic } from '../model/search-model.ts';
import { shareQuery } from '../search/share.ts';
import type { PanicVerdict, Triage } from '../search/triage.ts';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

const where = (v: PanicVerdict): string => {
  const l = v.panic.location;
  return l ? `${l.file}:${l.line}${l.column !== undefined ? `:${l.column}` : ''}` : 'no location';
};

function panicBlock(v: PanicVerdict, label: string): HTMLElement {
  const box = el('div');
  box.append(el('p', label));
  const pre = el('pre');
  pre.textContent = `thread '${v.panic.thread}' panicked at ${where(v)}:\n${v.panic.message}`;
  box.append(pre);
  const f = v.panic.highestAppFrame;
  const p = el('p', 'Highest application frame: ');
  p.append(f ? el('code', `${f.symbol}${f.location ? ` at ${f.location.file}:${f.location.line}` : ''}`) : el('span', 'none in the paste (no backtrace, or no frame in src/)'));
  box.append(p);
  return box;
}

function knownBlock(v: PanicVerdict, panic: SearchPanic, base: string): HTMLElement[] {
  const c = v.known!;
  const href = `${base}${panic.path}${c.anchor ? `#${c.anchor}` : ''}`;
  const title = el('h2', undefined, { id: 'triage-title' });
  const a = el('a', panic.title, { href });
  title.append('Panic path: ', a);
  const facts = el('ul', undefined, { class: 'facts' });
  const loc = c.anchor ? panic.locations.find((l) => l.anchor === c.anchor) : undefined;
  const release = loc?.release === true ? 'yes' : loc?.release === false ? 'no (debug builds only)' : panic.firesInRelease;
  facts.append(
    el('li', `Severity: ${panic.severity}`),
    el('li', `Fires in release builds: ${release}`),
    el('li', `Phase: ${panic.phase}`),
  );
  const why = el('p', 'Matched by ');
  c.evidence.slice(0, 3).forEach((e, i) => {
    if (i > 0) why.append(', ');
    why.append(`${e.kind} `, el('code', e.detail));
  });
  const go = el('p');
  go.append(el('a', c.anchor ? `Open ${panic.title} at ${loc ? `${loc.file.split('/').at(-1)}:${loc.line}` : c.anchor}` : `Open ${panic.title}`, { href, 'data-card-link': '' }));
  return [title, facts, why, el('p', panic.summary), go];
}

export function renderCard(t: Triage, byId: Map<string, SearchPanic>, base: string, checklist: string): HTMLElement[] {
  if (t.kind !== 'paste' || !t.lead) return [];
  const lead = t.lead;
  const card = el('div', undefined, { class: lead.known ? 'card known' : 'card unknown', 'data-triage': lead.known ? lead.known.id : 'unknown' });
  const panic = lead.known ? byId.get(lead.known.id) : undefined;
  if (lead.known && panic) {
    card.append(...knownBlock(lead, panic, base));
    if (lead.panic.secondary) {
      card.append(el('p', 'This is a secondary panic: a PoisonError means an earlier panic poisoned the lock. The backtrace you care about is the first one.'));
      if (t.original) {
        card.append(panicBlock(t.original, 'The original panic, earlier in the paste:'));
        const op = t.original.known ? byId.get(t.original.known.id) : undefined;
        const p = el('p');
        if (op) p.append('It is a known panic path: ', el('a', op.title, { href: `${base}${op.path}${t.original.known!.anchor ? `#${t.original.known!.anchor}` : ''}` }));
        else p.append('The original is not a known panic path: start from its message and highest application frame, and the ', el('a', 'debugging checklist', { href: checklist }), '.');
        card.append(p);
      } else {
        card.append(el('p', 'No earlier panic is in the paste: look further back in the logs for the first "panicked at".'));
      }
    }
    card.append(panicBlock(lead, 'The panic:'));
  } else {
    card.append(el('h2', 'Not a known panic path', { id: 'triage-title' }));
    card.append(el('p', 'Nothing in the reference matches this panic’s location or message. Here is what the paste says:'));
    card.append(panicBlock(lead, 'The panic:'));
    const p = el('p', 'Work through the ');
    p.append(el('a', 'debugging checklist', { href: checklist }), '; the results below are pages that share words with the message.');
    card.append(p);
  }
  // A link to share in a chat or a ticket: the template and location only, landing on this same card.
  const share = new URL(`${base}search/?q=${encodeURIComponent(shareQuery(lead))}`, location.href).href;
  const copy = el('button', 'Copy link', { type: 'button', class: 'copy', 'data-copy': share, 'data-share-link': '' });
  const shareLine = el('p');
  shareLine.append(copy);
  card.append(shareLine);
  const others = t.verdicts.filter((v) => v !== lead && v !== t.original);
  if (others.length > 0) card.append(el('p', `The paste holds ${t.verdicts.length} panics; this card shows the one to start from.`));
  return [card];
}
