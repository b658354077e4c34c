/**
 * The site's security policy, in one place. Every way it reaches a browser is generated from this data:
 * - the `<meta http-equiv="Content-Security-Policy">` of every HTML page, through Astro's `security.csp`
 *   (`astroCsp`, used by astro.config.ts), so that a host that sends no headers (GitHub Pages) still protects it;
 * - the response headers (`securityHeaders`) that `npm start` sends and that `writeHostingFiles` writes for Netlify
 *   and Cloudflare Pages (`_headers`) and nginx (`nginx.conf.snippet`), with the hashes of the build's inline
 *   scripts (`builtScriptHashes` of `page-policy.ts`).
 * A browser enforces every policy it gets, header and meta alike: a resource must pass both.
 */

/** Where a directive can be delivered: a `<meta>` policy ignores `frame-ancestors` (and logs an error for it). */
export type Delivery = 'everywhere' | 'header-only';

export interface Directive {
  readonly name: string;
  /** The sources in the page's `<meta>` (Astro adds the hashes of what it inlines to `script-src`/`style-src`). */
  readonly sources: readonly string[];
  /** The sources in a header, when they differ from the meta's: a header is one for the whole site. */
  readonly headerSources?: readonly string[];
  readonly delivery: Delivery;
}

export const POLICY: readonly Directive[] = [
  // Anything not named below comes from this origin or nowhere: the site has no web fonts, CDN or analytics, and it
  // must work inside a network that reaches nothing else. Covers connect-src (the search model, Pagefind's index).
  { name: 'default-src', sources: ["'self'"], delivery: 'everywhere' },
  // Scripts are the site's own bundled files, never eval'd; the one inline script (the search page's, run without a
  // request on the page that waits for it) is allowed by its hash, in the page's meta and in the header, never by
  // 'unsafe-inline'. 'wasm-unsafe-eval' is Pagefind's one need: it compiles its WebAssembly; it allows no eval() or
  // new Function() of JavaScript.
  { name: 'script-src', sources: ["'self'", "'wasm-unsafe-eval'"], delivery: 'everywhere' },
  // The stylesheet is inlined in each page (`inlineStylesheets: 'always'`, one request fewer): the meta lists its
  // hash (Astro adds it). A header is one for every page and cannot know them, so it allows inline <style>; the
  // meta, enforced as well, narrows that to the hashed stylesheet.
  { name: 'style-src', sources: ["'self'"], headerSources: ["'self'", "'unsafe-inline'"], delivery: 'everywhere' },
  // Shiki colours each code token with a `style` attribute (both themes as CSS variables). An attribute holds
  // declarations only: it cannot load or run anything under the rest of this policy.
  { name: 'style-src-attr', sources: ["'unsafe-inline'"], delivery: 'everywhere' },
  // The favicon is the one image, a file of the site.
  { name: 'img-src', sources: ["'self'"], delivery: 'everywhere' },
  // No plugins: <object>/<embed> are the classic way around script-src.
  { name: 'object-src', sources: ["'none'"], delivery: 'everywhere' },
  // An injected <base href> would move every relative script and link elsewhere; the site never uses <base>.
  { name: 'base-uri', sources: ["'none'"], delivery: 'everywhere' },
  // The only form (the header search) submits to the site's own search page.
  { name: 'form-action', sources: ["'self'"], delivery: 'everywhere' },
  // The search renders pasted text: every DOM sink that parses HTML or loads script (innerHTML, DOMParser,
  // script.src, …) must get a Trusted Type, and no policy may create one, so the site's code can only use
  // textContent and createElement, and injected text can never become markup. One policy may exist, for one URL:
  // a Worker's script URL is such a sink, and the log page (src/scripts/log-page.ts) starts its worker through a
  // policy that turns that worker's own URL, and no other, into a script URL.
  { name: 'require-trusted-types-for', sources: ["'script'"], delivery: 'everywhere' },
  { name: 'trusted-types', sources: ['mm-log-worker'], delivery: 'everywhere' },
  // No other site may frame these pages (clickjacking of the copy buttons). Only a header can say it.
  { name: 'frame-ancestors', sources: ["'none'"], delivery: 'header-only' },
];

/** The other response headers every file of the site is sent with. */
export const OTHER_HEADERS: Readonly<Record<string, string>> = {
  // A file is what its Content-Type says (a JSON or .pagefind file is never run as a script or page).
  'X-Content-Type-Options': 'nosniff',
  // frame-ancestors for browsers that predate it.
  'X-Frame-Options': 'DENY',
  // A search URL holds the pasted panic (`/search/?q=…`); no request, even to the site itself, carries it along.
  'Referrer-Policy': 'no-referrer',
  // No other origin's window gets a handle on the site's, nor reads its files into its own pages.
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const join = (directives: readonly [string, readonly string[]][]): string =>
  directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');

/** A hash source, `'sha256-<base64>'`: its algorithm and digest. */
export const HASH_SOURCE = /^'(sha256|sha384|sha512)-([A-Za-z0-9+/]+={0,2})'$/;

/**
 * The Content-Security-Policy header: the whole policy, header-only directives included. A header is one for the
 * whole site: its `script-src` lists `scriptHashes`, the hashes of every inline script of the build (Astro writes
 * each into its own page's meta as well).
 */
export function headerPolicy(scriptHashes: readonly string[]): string {
  for (const h of scriptHashes)
    if (!HASH_SOURCE.test(h)) throw new Error(`csp: script hash ${JSON.stringify(h)} is not a source like 'sha256-…'`);
  return join(
    POLICY.map((d) => [
      d.name,
      d.name === 'script-src' ? [...d.sources, ...scriptHashes] : (d.headerSources ?? d.sources),
    ]),
  );
}

/** Every security header, as a host sends it with every response (pages, assets, the 404 page). */
export const securityHeaders = (scriptHashes: readonly string[]): Record<string, string> => ({
  'Content-Security-Policy': headerPolicy(scriptHashes),
  ...OTHER_HEADERS,
});

const byName = (name: string): Directive => {
  const d = POLICY.find((x) => x.name === name);
  if (!d) throw new Error(`csp: no ${name} directive in POLICY`);
  return d;
};

/**
 * Astro's `security.csp` for the same policy: Astro writes the `<meta>` and owns `script-src`/`style-src` (adding
 * the hashes of the scripts and styles it bundles or inlines); the other directives are passed as they are.
 */
export function astroCsp() {
  const astroOwned = new Set(['script-src', 'style-src', 'style-src-attr']);
  return {
    algorithm: 'SHA-256' as const,
    directives: POLICY.filter((d) => d.delivery === 'everywhere' && !astroOwned.has(d.name)).map(
      (d) => `${d.name} ${d.sources.join(' ')}` as `default-src ${string}`,
    ),
    scriptDirective: { resources: [...byName('script-src').sources] },
    styleDirective: {
      resources: [
        ...byName('style-src').sources,
        ...byName('style-src-attr').sources.map((resource) => ({ resource, kind: 'attribute' as const })),
      ],
    },
  };
}
