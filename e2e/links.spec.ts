// Every internal link, asset and #anchor in the built site resolves on the served site: runbooks link to them.
import { expect, type APIRequestContext, test } from '@playwright/test';
import { builtPages, distOf } from './built-site.ts';
import { BASE } from './tags.ts';

const ATTRS = /\s(?:href|src|action)="([^"]*)"/g;
const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

class Site {
  private pages = new Map<string, Promise<{ status: number; ids: Set<string> }>>();
  constructor(private request: APIRequestContext) {}
  /** Fetches a URL once; the ids it holds are the anchors it offers. */
  get(url: URL): Promise<{ status: number; ids: Set<string> }> {
    const key = url.origin + url.pathname;
    let hit = this.pages.get(key);
    if (!hit) {
      hit = this.request.get(key).then(async (r) => {
        const type = r.headers()['content-type'] ?? '';
        const body = type.startsWith('text/html') ? await r.text() : '';
        return { status: r.status(), ids: new Set([...body.matchAll(/\sid="([^"]+)"/g)].map((m) => decode(m[1]!))) };
      });
      this.pages.set(key, hit);
    }
    return hit;
  }
  /** Why this link does not resolve, or undefined when it does. */
  async broken(url: URL): Promise<string | undefined> {
    const { status, ids } = await this.get(url);
    if (status !== 200) return `HTTP ${status}`;
    const anchor = decodeURIComponent(url.hash.slice(1));
    if (anchor && !ids.has(anchor)) return `no element with id="${anchor}"`;
    return undefined;
  }
}

test(
  'every internal link, asset, form action and #anchor on every page resolves',
  { tag: BASE },
  async ({ request, baseURL }, info) => {
    const site = new Site(request);
    const root = new URL(baseURL!);
    const pages = builtPages(distOf(info));
    expect(pages.length).toBeGreaterThanOrEqual(11);
    const problems: string[] = [];
    let checked = 0;
    for (const page of pages) {
      const pageUrl = new URL(page, root);
      const res = await request.get(pageUrl.href);
      // 404.html is served for unknown paths; it must load on its own address too.
      expect(res.status(), page).toBe(200);
      const html = await res.text();
      for (const [, raw] of html.matchAll(ATTRS)) {
        const target = new URL(decode(raw!), pageUrl);
        if (target.origin !== root.origin || target.protocol === 'data:') continue;
        // Only links into this site's base; the sub-path build has nothing above its base.
        if (!target.pathname.startsWith(root.pathname)) {
          problems.push(`${page}: ${raw} points outside the site's base ${root.pathname}`);
          continue;
        }
        const why = await site.broken(target);
        checked++;
        if (why) problems.push(`${page}: ${raw} → ${why}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(pages.length * 10);
  },
);

test('every URL in panics.json opens its page at its anchor', { tag: BASE }, async ({ request, baseURL }) => {
  const site = new Site(request);
  const root = new URL(baseURL!);
  const exported = await (await request.get('panics.json')).json();
  // The export's absolute URLs name the configured public origin; on this server the same path must resolve.
  const urls: string[] = [];
  for (const p of exported.panics) {
    urls.push(p.url);
    for (const l of p.locations) urls.push(l.url);
  }
  expect(urls.length).toBeGreaterThan(30);
  const problems: string[] = [];
  for (const u of urls) {
    const url = new URL(u);
    expect(url.pathname.startsWith(root.pathname), u).toBe(true);
    const why = await site.broken(new URL(url.pathname + url.hash, root));
    if (why) problems.push(`${u} → ${why}`);
  }
  expect(problems).toEqual([]);
});

test(
  'the search model: its head and every shard it routes to are served, and every page they name opens',
  { tag: BASE },
  async ({ request, baseURL }) => {
    const site = new Site(request);
    const root = new URL(baseURL!);
    const head = await (await request.get('search-model/head.json')).json();
    // File shards first, then the key shards the routes name: every shard is served.
    const keyShards = [...head.messages, ...head.frames, ...head.code, ...head.symbols].map(
      ([, shard]: [unknown, number]) => shard,
    );
    const count = Math.max(head.files.length - 1, ...keyShards) + 1;
    expect(count).toBeGreaterThan(head.files.length);
    const paths = new Set<string>(head.places.map((p: { path: string }) => p.path));
    for (let n = 0; n < count; n++) {
      const shard = await (await request.get(`search-model/${n}.json`)).json();
      for (const [, p] of shard.panics) for (const l of p.locations) paths.add(`${p.path}#${l.anchor}`);
    }
    expect(paths.size).toBeGreaterThan(30);
    const problems: string[] = [];
    for (const path of paths) {
      const why = await site.broken(new URL(path, root));
      if (why) problems.push(`${path} → ${why}`);
    }
    expect(problems).toEqual([]);
  },
);

test('the OpenSearch template and the search page it names resolve', { tag: BASE }, async ({ request, baseURL }) => {
  const root = new URL(baseURL!);
  const xml = await (await request.get('opensearch.xml')).text();
  const template = /template="([^"]+)"/.exec(xml)?.[1];
  expect(template).toBeDefined();
  const url = new URL(template!.replace('{searchTerms}', 'kappa'));
  expect(url.pathname).toBe(`${root.pathname}search/`);
  expect(url.searchParams.get('q')).toBe('kappa');
  expect((await request.get(new URL(url.pathname + url.search, root).href)).status()).toBe(200);
});
