/**
 * Where a paste travels from a paste form to the search page: in the link's fragment (`#q=…`) when the link can
 * carry it, else under a random id (`#paste=<id>`) that names where this tab keeps it (paste-handoff.ts). Pure, for
 * the unit test.
 */

/**
 * The longest URL a browser navigates to: Chromium refuses anything past 2 MiB (`about:blank#blocked`), with a
 * margin for what it adds. Below it the paste stays in the link, so that reload, back and a copied link keep it.
 */
export const MAX_URL_CHARS = 2_000_000;

/** `#q=` for `text` on the page `href` (its own fragment replaced), or undefined when the URL would be too long. */
export function queryFragment(text: string, href: string, max = MAX_URL_CHARS): string | undefined {
  const hash = href.indexOf('#');
  const page = hash < 0 ? href : href.slice(0, hash);
  // encodeURIComponent at most triples a character: a text that long cannot fit, and is not encoded to find out.
  if (page.length + 3 + text.length > max) return undefined;
  const fragment = `q=${encodeURIComponent(text)}`;
  return page.length + 1 + fragment.length <= max ? fragment : undefined;
}

const ID = /^[0-9a-f]{32}$/;

/** The fragment naming a handed-off paste. */
export const handOffFragment = (id: string): string => `paste=${id}`;

/** The id of a handed-off paste in a fragment (`#paste=<id>`), or undefined when there is none or it is malformed. */
export function handOffId(hash: string): string | undefined {
  const id = new URLSearchParams(hash.replace(/^#/, '')).get('paste');
  return id !== null && ID.test(id) ? id : undefined;
}

/** A fresh id from 16 random bytes, as 32 hex digits. */
export function newHandOffId(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>): string {
  return [...random(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The size of a paste for the reader: `1.5 MB`. */
export const pasteSize = (text: string): string => `${(text.length / 1e6).toFixed(1)} MB`;
