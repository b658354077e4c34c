// Renders the triage card from a verdict. Everything pasted goes in through textContent, never as HTML.
import type { SearchPanic } from '../model/search-model.ts';
import { newPanicFile, suggestedId } from '../inventory/new-panic-file.ts';
import { fileName, formatSourcePos } from '../model/anchor.ts';
import { inventoryPath } from '../model/paths.ts';
import { shareQuery } from '../search/share.ts';
import { type SourceLinks, sourceLink } from '../model/source-link.ts';
import type { PanicVerdict, Triage } from '../search/verdict.ts';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  attrs: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

const where = (v: PanicVerdict): string => {
  const l = v.panic.location;
  return l ? formatSourcePos(l) : 'no location';
};

function panicBlock(v: PanicVerdict, label: string): HTMLElement {
  const box = el('div');
  box.append(el('p', label));
  const pre = el('pre');
  pre.textContent = `thread '${v.panic.thread}' panicked at ${where(v)}:\n${v.panic.message}`;
  box.append(pre);
  const f = v.panic.highestAppFrame;
  const p = el('p', 'Highest application frame: ');
  p.append(
    f
      ? el(
          'code',
          `${f.symbol}${f.location ? ` at ${formatSourcePos({ file: f.location.file, line: f.location.line })}` : ''}`,
        )
      : el('span', 'none in the paste (no backtrace, or no frame in src/)'),
  );
  box.append(p);
  return box;
}

function knownBlock(v: PanicVerdict, panic: SearchPanic, base: string, source: SourceLinks | null): HTMLElement[] {
  const c = v.known!;
  const href = `${base}${panic.path}${c.anchor ? `#${c.anchor}` : ''}`;
  const title = el('h2', undefined, { id: 'triage-title' });
  const a = el('a', panic.title, { href });
  title.append('Panic path: ', a);
  const facts = el('ul', undefined, { class: 'facts' });
  const loc = c.anchor ? panic.locations.find((l) => l.anchor === c.anchor) : undefined;
  const release =
    loc?.release === true ? 'yes' : loc?.release === false ? 'no (debug builds only)' : panic.firesInRelease;
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
  go.append(
    el(
      'a',
      c.anchor
        ? `Open ${panic.title} at ${loc ? `${loc.file.split('/').at(-1)}:${loc.line}` : c.anchor}`
        : `Open ${panic.title}`,
      { href, 'data-card-link': '' },
    ),
  );
  const code = loc ? sourceLink(source, loc) : undefined;
  if (code) go.append(' · ', el('a', 'source', { href: code, rel: 'noreferrer', 'data-source-link': '' }));
  return [title, facts, why, el('p', panic.summary), go];
}

/** A panic at a site of the source that no panic path documents: what the inventory knows of it. */
function siteBlock(t: Triage, byId: Map<string, SearchPanic>, base: string, source: SourceLinks | null): HTMLElement[] {
  const site = t.site!;
  const title = el('h2', 'Undocumented panic site', { id: 'triage-title' });
  const where = formatSourcePos(site);
  const facts = el('ul', undefined, { class: 'facts' });
  const at = el('li', 'Site: ');
  at.append(el('a', where, { href: `${base}${inventoryPath(site)}` }));
  const code = sourceLink(source, site);
  if (code) at.append(' ', el('a', 'source', { href: code, rel: 'noreferrer', 'data-source-link': '' }));
  facts.append(
    at,
    el('li', `Function: ${site.fn}`),
    el('li', `Subsystem: ${site.subsystem ?? 'none (no frame group names this file)'}`),
    el('li', `Kind: ${site.kind}`),
    el('li', `Fires in release builds: ${site.release ? 'yes' : 'no (debug builds only)'}`),
  );
  const line = el('pre');
  line.append(el('code', site.code));
  const out: HTMLElement[] = [
    title,
    el(
      'p',
      'The reference has no page for this place yet: it is one of the panic sites the inventory lists. The code on that line:',
    ),
    line,
    facts,
  ];
  if (t.nearby && t.nearby.length > 0) {
    out.push(el('p', 'Documented panic paths near it (other places, for orientation, not this panic):'));
    const list = el('ul');
    for (const n of t.nearby) {
      const p = byId.get(n.entry.replace(/^panics\//, ''));
      if (!p) continue;
      const li = el('li');
      li.append(
        el('a', p.title, { href: `${base}${p.path}` }),
        ` — ${n.reason}, at ${fileName(n.site.file)}:${n.site.line}`,
      );
      list.append(li);
    }
    out.push(list);
  }
  // What a new panic path for this site would start from: copy it to content/panics/<id>.mdx and fill in the TODOs.
  const file = newPanicFile(site, { message: t.lead!.panic.message, callChain: appFrames(t.lead!) });
  const details = el('details');
  details.append(el('summary', `A content file for a new panic path (content/panics/${suggestedId(site)}.mdx)`));
  const pre = el('pre');
  pre.append(el('code', file));
  details.append(pre, el('button', 'Copy', { type: 'button', class: 'copy', 'data-copy': file }));
  out.push(details);
  return out;
}

/** The application frames of a backtrace, outermost first, as a call chain names them. */
const appFrames = (v: PanicVerdict): string[] =>
  v.panic.frames
    .filter((f) => f.inApp)
    .map((f) => f.symbol)
    .reverse();

/** Which documented site each release put at this line: what a paste from an older build means. */
function readingsBlock(t: Triage, byId: Map<string, SearchPanic>, base: string): HTMLElement[] {
  const where = t.lead!.panic.location!;
  const at = `${fileName(where.file)}:${where.line}`;
  const head = t.release
    ? `At ${t.release} (the release the paste names), this line was:`
    : `${at} is not the same code in every release; the paste says no release, so here is each reading:`;
  const list = el('ul', undefined, { 'data-readings': '' });
  for (const r of t.readings!) {
    const li = el('li', `${r.tags.join(', ')}: `);
    const p = r.entryId ? byId.get(r.entryId) : undefined;
    if (p) {
      li.append(el('a', p.title, { href: `${base}${p.path}${r.anchor ? `#${r.anchor}` : ''}` }));
      if (r.lineNow !== null)
        li.append(` (at ${r.tags.at(-1)} this line was ${at}; today it is ${fileName(where.file)}:${r.lineNow})`);
    } else li.append(r.entry ? r.entry : 'no documented panic site');
    list.append(li);
  }
  return [el('p', head), list];
}

/** "this panic poisons `self.state` (kill_switch.rs:561): the next access panics with PoisonError → <page>". */
function poisonsBlock(t: Triage, byId: Map<string, SearchPanic>, base: string): HTMLElement[] {
  return (t.poisons ?? []).flatMap((p) => {
    const page = byId.get(p.id);
    if (!page) return [];
    const line = el('p', 'This panic poisons ', { 'data-poisons': p.lock });
    line.append(el('code', p.lock), ` (${fileName(p.file)}:${p.line}): the next access panics with PoisonError → `);
    line.append(el('a', page.title, { href: `${base}${page.path}#${p.anchor}` }));
    return [line];
  });
}

/** One line on a panic of another program or of a dependency, naming what the paste showed instead. */
function foreignLine(t: Triage): HTMLElement {
  const f = t.foreign!;
  const what =
    f.kind === 'dependency'
      ? `the crate ${f.crate}${f.version ? ` ${f.version}` : ''} (a dependency), and no frame of the market maker is under it`
      : 'another program’s file';
  const p = el('p', 'Not the market maker’s code: the panic is in ', { 'data-foreign': f.kind });
  p.append(el('code', f.path), `, ${what}. No page of this reference is about it.`);
  return p;
}

export function renderCard(
  t: Triage,
  byId: Map<string, SearchPanic>,
  base: string,
  checklist: string,
  source: SourceLinks | null = null,
): HTMLElement[] {
  if (t.kind !== 'paste' || !t.lead) return [];
  const lead = t.lead;
  const card = el('div', undefined, {
    class: lead.known ? 'card known' : 'card unknown',
    'data-triage': lead.known ? lead.known.id : 'unknown',
  });
  const panic = lead.known ? byId.get(lead.known.id) : undefined;
  if (lead.known && panic) {
    card.append(...knownBlock(lead, panic, base, source));
    if (lead.panic.secondary) {
      card.append(
        el(
          'p',
          'This is a secondary panic: a PoisonError means an earlier panic poisoned the lock. The backtrace you care about is the first one.',
        ),
      );
      if (t.original) {
        card.append(panicBlock(t.original, 'The original panic, earlier in the paste:'));
        const op = t.original.known ? byId.get(t.original.known.id) : undefined;
        const p = el('p');
        if (op)
          p.append(
            'It is a known panic path: ',
            el('a', op.title, {
              href: `${base}${op.path}${t.original.known!.anchor ? `#${t.original.known!.anchor}` : ''}`,
            }),
          );
        else
          p.append(
            'The original is not a known panic path: start from its message and highest application frame, and the ',
            el('a', 'debugging checklist', { href: checklist }),
            '.',
          );
        card.append(p);
      } else {
        card.append(
          el('p', 'No earlier panic is in the paste: look further back in the logs for the first "panicked at".'),
        );
      }
    }
    card.append(panicBlock(lead, 'The panic:'));
  } else if (t.site) {
    card.setAttribute('data-site', formatSourcePos({ file: t.site.file, line: t.site.line }));
    card.append(...siteBlock(t, byId, base, source));
    card.append(panicBlock(lead, 'The panic:'));
  } else if (t.foreign) {
    card.append(el('h2', 'Not from the market maker', { id: 'triage-title' }), foreignLine(t));
    card.append(panicBlock(lead, 'The panic:'));
  } else {
    card.append(el('h2', 'Not a known panic path', { id: 'triage-title' }));
    card.append(
      el('p', 'Nothing in the reference matches this panic’s location or message. Here is what the paste says:'),
    );
    card.append(panicBlock(lead, 'The panic:'));
    const p = el('p', 'Work through the ');
    p.append(
      el('a', 'debugging checklist', { href: checklist }),
      '; the results below are pages that share words with the message.',
    );
    card.append(p);
  }
  // Right under the title: what this panic does next matters before its details.
  card.querySelector('#triage-title')?.after(...poisonsBlock(t, byId, base));
  if (t.readings) card.append(...readingsBlock(t, byId, base));
  // A link to share in a chat or a ticket: the template and location only, landing on this same card.
  const share = new URL(`${base}search/?q=${encodeURIComponent(shareQuery(lead))}`, location.href).href;
  const copy = el('button', 'Copy link', { type: 'button', class: 'copy', 'data-copy': share, 'data-share-link': '' });
  const shareLine = el('p');
  shareLine.append(copy);
  card.append(shareLine);
  const others = t.verdicts.filter((v) => v !== lead && v !== t.original);
  if (others.length > 0)
    card.append(el('p', `The paste holds ${t.verdicts.length} panics; this card shows the one to start from.`));
  return [card];
}
