/**
 * The one check of a URL the site's scripts navigate to or copy: it must be a page of this site, on the page's own
 * origin and under the base path the site is built for. Whatever an element of the page says (an `href`, a form's
 * `action`), a script never sends the reader, or a clipboard, anywhere else. Pure: no DOM, for the unit test.
 */

/**
 * `href` resolved against the page's address `here`, when it is a page of the site under `base` (`/` or
 * `/docs/panics/`); otherwise undefined. Another origin, another scheme (`javascript:`, `data:`, `blob:`), a user
 * name in the URL, or a path outside the base (`..` and its encodings are resolved first) are all refused.
 */
export function siteUrl(href: string, here: string, base: string): URL | undefined {
  let url: URL;
  let page: URL;
  try {
    page = new URL(here);
    url = new URL(href, page);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.origin !== page.origin || url.username !== '' || url.password !== '') return undefined;
  const root = base.endsWith('/') ? base : `${base}/`;
  return url.pathname.startsWith(root) ? url : undefined;
}
