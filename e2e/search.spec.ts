// The /search/?q= contract on the production build: the shared cases rank their page first, the card explains.
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { BASE } from './tags.ts';
import { siteOfPaste } from './recorded-site.ts';

const cases = JSON.parse(readFileSync(new URL('./fixtures/public-cases.json', import.meta.url), 'utf8')) as {
  q: string;
  expect: string;
  kind: string;
}[];

async function search(page: Page, q: string): Promise<string[]> {
  await page.goto(`search/?q=${encodeURIComponent(q)}`);
  await page.waitForSelector('[data-search-state="done"]', { state: 'attached' });
  const base = new URL(page.url()).pathname.replace(/search\/$/, '');
  return (
    await page.locator('a[data-search-result]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname))
  ).map((p) => `/${p.slice(base.length)}`);
}

test.describe('shared search cases rank their page first', () => {
  for (const c of cases) {
    test(`[${c.kind}] ${JSON.stringify(c.q.slice(0, 70))}`, async ({ page }) => {
      const results = await search(page, c.q);
      expect(results[0]).toBe(c.expect);
    });
  }
});

test(
  'the card names the panic path, why, severity, release and the highest application frame, and links the anchor',
  { tag: BASE },
  async ({ page }) => {
    await search(
      page,
      readFileSync(new URL('../src/fixtures/panics/kappa-zero.debug.bt1.txt', import.meta.url), 'utf8'),
    );
    const card = page.locator('[data-triage]');
    await expect(card).toHaveAttribute('data-triage', 'glft-kappa-gamma');
    await expect(card).toContainText('Severity: Debug-only');
    await expect(card).toContainText('Fires in release builds: no');
    await expect(card).toContainText('Matched by location spread_oracle.rs:43');
    await expect(card).toContainText(
      'Highest application frame: market_maker::market_maker::strategy::spread_oracle::spread_for_kappa at src/market_maker/strategy/spread_oracle.rs:43',
    );
    await card.locator('[data-card-link]').click();
    await expect(page).toHaveURL(/panics\/glft-kappa-gamma\/#spread_oracle-L43$/);
    await expect(page.locator('#spread_oracle-L43')).toBeInViewport();
  },
);

test('a poisoned mutex paste says the panic is secondary and shows the original', async ({ page }) => {
  await search(page, readFileSync(new URL('../src/fixtures/panics/poison.debug.bt0.txt', import.meta.url), 'utf8'));
  const card = page.locator('[data-triage]');
  await expect(card).toHaveAttribute('data-triage', 'kill-switch-mutex-poisoning');
  await expect(card).toContainText('This is a secondary panic');
  await expect(card).toContainText(
    "thread 'tokio-runtime-worker' panicked at src/market_maker/risk/kill_switch.rs:563:33:",
  );
  await expect(card).toContainText('daily loss accounting went out of range: -2000000');
});

test('an unknown panic is said plainly, with its frame and the checklist', async ({ page }) => {
  await search(
    page,
    "thread 'main' panicked at src/market_maker/feeds/ws.rs:120:9:\nindex out of bounds: the len is 0 but the index is 0",
  );
  const card = page.locator('[data-triage="unknown"]');
  await expect(card).toContainText('Not a known panic path');
  await expect(card).toContainText('index out of bounds: the len is 0 but the index is 0');
  await expect(card.getByRole('link', { name: 'debugging checklist' })).toHaveAttribute('href', /checklist\/$/);
  // Results are only pages that share words with the message: none is a model verdict pointing at a location.
  await expect(
    page.locator('a[data-search-result]').filter({ has: page.locator('xpath=self::*[contains(@href, "-L")]') }),
  ).toHaveCount(0);
});

test('pasted text is shown as text, never as HTML', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  const evil = `thread 'main' panicked at src/x.rs:1:1:\n<img src=x onerror="alert(1)"><script>alert(2)</script>`;
  await search(page, evil);
  await expect(page.locator('[data-triage]')).toContainText('<img src=x onerror="alert(1)"><script>alert(2)</script>');
  await expect(page.locator('main img, #triage-card script')).toHaveCount(0);
  expect(dialogs).toBe(0);
});

test('typing in the paste area searches live and keeps the URL in sync, in the fragment', async ({ page }) => {
  await page.goto('search/');
  await page.waitForSelector('[data-search-state="done"]', { state: 'attached' });
  await page.locator('[data-paste-box]').fill('event_loop.rs:85');
  await page.locator('[data-paste-box]').press('8');
  await expect(page.locator('a[data-search-result]').first()).toHaveAttribute(
    'href',
    /panics\/signal-handler-registration\/#event_loop-L858$/,
  );
  expect(new URL(page.url()).search).toBe('');
  expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('q')).toBe('event_loop.rs:858');
});

test('bad input gets a clear answer: empty, whitespace, binary junk, ten thousand frames', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  for (const q of ['', '   \n\t  ']) {
    await search(page, q);
    await expect(page.locator('#search-status')).toHaveText('Paste a panic above, or type words in the search box.');
  }
  const junk = Array.from({ length: 3000 }, (_, i) => String.fromCharCode(((i * 7919) % 255) + 1)).join('');
  await search(page, junk);
  await expect(page.locator('#search-status')).not.toBeEmpty();
  const frames = Array.from(
    { length: 10_000 },
    (_, i) => `  ${i}: std::rt::frame_${i}\n             at /rustc/abc/library/std/src/rt.rs:${i}:5`,
  ).join('\n');
  await page.goto('search/');
  await page.waitForSelector('[data-search-state="done"]', { state: 'attached' });
  // Set as a paste would: one input event with the whole text (Playwright's fill is slow on 600 kB).
  await page.locator('[data-paste-box]').evaluate((el, text) => {
    (el as HTMLTextAreaElement).value = text;
    el.dispatchEvent(new Event('input'));
  }, frames);
  await expect(page.locator('#search')).toHaveAttribute('data-search-state', 'done', { timeout: 10_000 });
  await expect(page.locator('#search-status')).not.toBeEmpty();
  expect(errors).toEqual([]);
});

test("a recognised panic is answered from the model, then Pagefind's pages are appended below it", async ({ page }) => {
  const results = await search(page, 'kappa must be > 0, got -0.00031');
  expect(results[0]).toBe('/panics/glft-kappa-gamma/');
  await expect(page.locator('#search')).toHaveAttribute('data-pagefind-state', 'done');
  const after = await page
    .locator('a[data-search-result]')
    .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
  expect(after.length).toBeGreaterThan(1);
  expect(after[0]).toMatch(/panics\/glft-kappa-gamma\/$/);
  expect(new Set(after).size, 'a page is listed once').toBe(after.length);
});

test('when Pagefind cannot load, the model still answers and the page says what is missing', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route('**/pagefind/**', (route) => route.abort());
  const results = await search(
    page,
    "thread 'main' panicked at src/market_maker/orchestrator/handlers.rs:242:51:\ncalled `Option::unwrap()` on a `None` value",
  );
  expect(results[0]).toBe('/panics/pending-fill-queue/');
  await expect(page.locator('#search')).toHaveAttribute('data-pagefind-state', 'done');
  await expect(page.locator('#search-status')).toContainText('Full-text search could not load');
  expect(errors).toEqual([]);
});

test('a typed file:line that is no panic site leads to the reference row that names it', async ({ page }) => {
  const results = await search(page, 'event_loop.rs:935');
  expect(results[0]).toBe('/safe-by-design/');
  await page.locator('a[data-search-result]').first().click();
  await expect(page).toHaveURL(/safe-by-design\/#event_loop-L934-L936$/);
  await expect(page.locator('#event_loop-L934-L936')).toBeInViewport();
});

// Pastes as real tools and people wrap them (src/fixtures/wild/cases.json): through the page, as the engineer sees it,
// one paste per wrapper family. Every paste of the corpus is read by src/search/wild-pastes.test.ts in Node.
const wild = JSON.parse(readFileSync(new URL('../src/fixtures/wild/cases.json', import.meta.url), 'utf8')) as {
  file: string;
  expect: string;
  family: string;
}[];
const onePerFamily = wild.filter((c, i) => wild.findIndex((d) => d.family === c.family) === i);
test.describe('wild pastes rank their page first, and the card never names the wrong path', () => {
  for (const c of onePerFamily) {
    test(`[${c.family}] ${c.file}`, async ({ page }) => {
      const q = readFileSync(new URL(`../src/fixtures/wild/${c.file}`, import.meta.url), 'utf8');
      await page.goto(`search/#q=${encodeURIComponent(q)}`);
      await page.waitForSelector('#search[data-search-state="done"]', { state: 'attached' });
      // No card at all (words, a log with no panic) names no path either.
      const card = page.locator('[data-triage]');
      const verdict = (await card.count()) > 0 ? await card.getAttribute('data-triage') : null;
      if (c.expect === 'unknown') {
        expect(verdict === null || verdict === 'unknown').toBe(true);
        return;
      }
      expect(verdict === null || verdict === 'unknown' || verdict === c.expect).toBe(true);
      await expect(page.locator('a[data-search-result]').first()).toHaveAttribute(
        'href',
        new RegExp(`panics/${c.expect}/`),
      );
    });
  }
});

// Free words that name a reference page's concept (src/fixtures/wild/words.json): never an empty list when some of
// the words are on a page, even with a word that no page holds (Pagefind alone ANDs the words and returns nothing).
// One test: the words go through Pagefind's index of the build, which only the browser reads.
const words = JSON.parse(readFileSync(new URL('../src/fixtures/wild/words.json', import.meta.url), 'utf8')) as {
  q: string;
}[];
test('free words always list pages', async ({ page }) => {
  // A page load per query: the time of a test per query, not of one.
  test.setTimeout(words.length * 4_000);
  for (const w of words) {
    await page.goto(`search/?q=${encodeURIComponent(w.q)}`);
    await page.waitForSelector('#search[data-search-state="done"]', { state: 'attached' });
    await expect(page.locator('a[data-search-result]').first(), w.q).toBeVisible();
  }
});

// A real panic at a site of the source no panic path documents (src/fixtures/inventory-panics/): its own card, and
// its row of /inventory/ first. Which sites are undocumented comes from the recorded inventory and the model.
test('a panic at an undocumented site gets its card and links its row of the inventory first', async ({ page }) => {
  const root = new URL('../', import.meta.url);
  const q = readFileSync(new URL('src/fixtures/inventory-panics/trade-without-book.debug.bt1.txt', root), 'utf8');
  const { site } = siteOfPaste(q);
  expect(site.status).toBe('undocumented');

  await page.goto(`search/#q=${encodeURIComponent(q)}`);
  await page.waitForSelector('#search[data-search-state="done"]', { state: 'attached' });
  const card = page.locator('[data-triage]');
  await expect(card).toHaveAttribute('data-triage', 'unknown');
  await expect(card).toHaveAttribute('data-site', `${site.file}:${site.line}`);
  await expect(card).toContainText('Undocumented panic site');
  await expect(card).toContainText(`Function: ${site.fn}`);
  await expect(card).toContainText(`Kind: ${site.kind}`);
  await expect(card.locator('pre code').first()).toHaveText(site.code);
  await expect(card.locator('details summary')).toContainText('A content file for a new panic path');
  const first = page.locator('a[data-search-result]').first();
  await expect(first).toHaveAttribute(
    'href',
    new RegExp(`inventory/#site-${site.file.split('/').at(-1)!.replace(/\.rs$/, '')}-L${site.line}$`),
  );
  await first.click();
  await expect(
    page.locator(`#site-${site.file.split('/').at(-1)!.replace(/\.rs$/, '')}-L${site.line}`),
  ).toBeInViewport();
});

/** The numbers of the search model's files a page asks for (`head`, then shards), as they are requested. */
function modelRequests(page: Page): string[] {
  const requested: string[] = [];
  page.on('request', (r) => {
    const m = /search-model\/([^/]+)\.json$/.exec(new URL(r.url()).pathname);
    if (m) requested.push(m[1]!);
  });
  return requested;
}
const pendingFillPaste = () =>
  readFileSync(new URL('../src/fixtures/panics/pending-fill.debug.bt1.txt', import.meta.url), 'utf8');

test(
  'a small model comes whole with the search page: a paste fetches no file of it on the way to its verdict',
  { tag: BASE },
  async ({ page }) => {
    const requested = modelRequests(page);
    const head = await (await page.request.get('search-model/head.json')).json();
    // Every file shard at least (the build checks that the head carries every shard it wrote, and that the head the
    // page carries is this one).
    expect(head.shards.length).toBeGreaterThanOrEqual(head.files.length);
    await page.goto(`search/?q=${encodeURIComponent(pendingFillPaste())}`);
    await page.waitForSelector('[data-search-state="done"]', { state: 'attached' });
    await expect(page.locator('[data-triage]')).toHaveAttribute('data-triage', 'pending-fill-queue');
    expect(requested).toEqual([]);
  },
);

/** The search page as a larger model's build writes it: without the head in it, which the page then fetches. */
async function withoutCarriedHead(page: Page): Promise<void> {
  await page.route(
    (url) => url.pathname.endsWith('/search/'),
    async (route) => {
      const response = await route.fetch();
      const carrier = /<script type="application\/json" id="search-model-head">[^<]*<\/script>/;
      const html = (await response.text()).replace(carrier, '');
      const headers = { ...response.headers() };
      delete headers['content-encoding'];
      delete headers['content-length'];
      await route.fulfill({ response, headers, body: html });
    },
  );
}

test(
  'a paste fetches the head of the search model and only the shards it can match, and a shard that fails is asked for again',
  { tag: BASE },
  async ({ page }) => {
    const requested = modelRequests(page);
    await withoutCarriedHead(page);
    // A head without the shards, as a larger model's is: the page fetches those its paste needs.
    await page.route(/search-model\/head\.json$/, async (route) => {
      const { shards: _, ...head } = await (await route.fetch()).json();
      await route.fulfill({ json: head });
    });
    const paste = pendingFillPaste();
    // The first attempt at every shard fails, as a flaky network would: the search says so, and the next query retries.
    let failed = false;
    await page.route(/search-model\/\d+\.json$/, (route) =>
      failed ? route.continue() : ((failed = true), route.abort()),
    );
    await page.goto(`search/?q=${encodeURIComponent(paste)}`);
    await page.waitForSelector('[data-search-state="done"]', { state: 'attached' });
    await expect(page.locator('#search-status')).toContainText('The panic model could not load');
    await expect(page.locator('[data-triage]')).toHaveCount(0);
    await page.locator('[data-paste-box]').fill(`${paste}\n`);
    await page.waitForSelector('[data-search-state="done"]', { state: 'attached' });
    await expect(page.locator('[data-triage]')).toHaveAttribute('data-triage', 'pending-fill-queue');
    const head = await (await page.request.get('search-model/head.json')).json();
    const shards = requested.filter((n) => n !== 'head');
    expect(requested).toContain('head');
    expect(shards.length).toBeGreaterThan(0);
    // Fewer shards than the head's file names alone: the paste names a few files, not all of them.
    expect(new Set(shards).size).toBeLessThan(head.files.length);
  },
);

test('a panic at a site holding a lock says which lock it poisons and links the PoisonError page among the first results', async ({
  page,
}) => {
  const root = new URL('../', import.meta.url);
  const pair = readFileSync(new URL('src/fixtures/panics/poison.debug.bt1.txt', root), 'utf8');
  // The original panic alone, without the PoisonError that follows it in the fixture.
  const q = pair.slice(0, pair.indexOf("thread 'main'"));
  const { model, site } = siteOfPaste(q);
  const guard = site.guards![0]!;
  const path = model.panics.find(
    (p) =>
      p.messages.some((m) => m.template.includes('PoisonError')) &&
      p.locations.some((l) => l.file === site.file && l.line === guard.line),
  )!;

  await page.goto(`search/#q=${encodeURIComponent(q)}`);
  await page.waitForSelector('#search[data-search-state="done"]', { state: 'attached' });
  const card = page.locator('[data-triage]');
  await expect(card).toHaveAttribute('data-triage', 'unknown');
  await expect(card).toHaveAttribute('data-site', `${site.file}:${site.line}`);
  const poisons = card.locator(`[data-poisons="${guard.lock}"]`);
  await expect(poisons).toHaveText(
    `This panic poisons ${guard.lock} (${site.file.split('/').at(-1)}:${guard.line}): the next access panics with PoisonError → ${path.title}`,
  );
  await expect(poisons.getByRole('link')).toHaveAttribute('href', new RegExp(`panics/${path.id}/#`));
  const results = page.locator('a[data-search-result]');
  await expect(results.nth(0)).toHaveAttribute('href', /inventory\/#site-/);
  await expect(results.nth(1)).toHaveAttribute('href', new RegExp(`panics/${path.id}/`));
});

test("another program's panic is said to be not the market maker's, and no panic page comes first", async ({
  page,
}) => {
  const q = readFileSync(
    new URL('../src/fixtures/other-programs/diss--registry-crate-backtrace-full.txt', import.meta.url),
    'utf8',
  );
  await page.goto(`search/#q=${encodeURIComponent(q)}`);
  await page.waitForSelector('#search[data-pagefind-state="done"]', { state: 'attached' });
  const card = page.locator('[data-triage]');
  await expect(card).toHaveAttribute('data-triage', 'unknown');
  await expect(card.locator('[data-foreign="dependency"]')).toContainText('the crate diss 0.3.2 (a dependency)');
  await expect(card.locator('[data-foreign]')).toContainText(
    '/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/diss-0.3.2/src/lib.rs:551:51',
  );
  await expect(page.locator('a[data-search-result][href*="/panics/"]')).toHaveCount(0);
  await expect(page.locator('#search-status')).toContainText('not from the market maker');
});
