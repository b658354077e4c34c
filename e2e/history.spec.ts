// No runbook link breaks, and locations through releases: a site built here from a content folder with a retired
// and a renamed panic path and a history recorded against a git repository built here (the real content has none).
// Each project (base path) builds and serves its own copy.
import { expect, test } from '@playwright/test';
import { RENAMED, RETIRED } from '../src/test-support/fixture-content.ts';
import { HANDLERS } from '../src/test-support/fixture-repo.ts';
import { baseOf } from './built-site.ts';
import { type HistorySite, historySite } from './history-site.ts';
import { BASE } from './tags.ts';
import { expectNoViolations } from './axe.ts';

test.describe.configure({ mode: 'serial' });

let built: HistorySite | undefined;
let site = '';
let expected: HistorySite['lines'] = [];

test.beforeAll(async ({}, info) => {
  test.setTimeout(240_000);
  built = await historySite(baseOf(info));
  site = built.url;
  expected = built.lines;
});

test.afterAll(async () => {
  await built?.close();
});

test('a renamed panic path keeps its old URL: it lands on the new page', { tag: BASE }, async ({ page }) => {
  await page.goto(`${site}panics/${RENAMED.old}/`);
  await expect(page).toHaveURL(`${site}panics/${RENAMED.id}/`);
  await expect(page.locator('main h1')).toContainText('Pending fill queue');
});

test('an old URL with an anchor lands on the new page at that anchor', { tag: BASE }, async ({ page }) => {
  await page.goto(`${site}panics/${RENAMED.old}/#${RENAMED.anchor}`);
  await expect(page).toHaveURL(`${site}panics/${RENAMED.id}/#${RENAMED.anchor}`);
  await expect(page.locator(`#${RENAMED.anchor}`)).toBeInViewport();
  await expect(page.locator(`#${RENAMED.anchor}`)).toContainText('pending_fill_outcomes');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test(
    'the old URL still leads to the new page (meta refresh), and says where it went',
    { tag: BASE },
    async ({ page, request }) => {
      const html = await (await request.get(`${site}panics/${RENAMED.old}/`)).text();
      expect(html).toContain(
        `<meta http-equiv="refresh" content="0; url=${new URL(site).pathname}panics/${RENAMED.id}/">`,
      );
      expect(html).toMatch(
        new RegExp(`<a href="${new URL(site).pathname}panics/${RENAMED.id}/"[^>]*>Pending fill queue</a>`),
      );
      await page.goto(`${site}panics/${RENAMED.old}/`);
      await expect(page).toHaveURL(`${site}panics/${RENAMED.id}/`);
    },
  );
});

test(
  'a retired panic path keeps its page and anchors, says when it was retired and links what replaced it',
  { tag: BASE },
  async ({ page }) => {
    await page.goto(`${site}panics/${RETIRED.id}/#${RETIRED.anchor}`);
    await expect(page.locator(`#${RETIRED.anchor}`)).toBeInViewport();
    const note = page.locator('[data-retired]');
    await expect(note).toHaveAttribute('data-retired', RETIRED.release);
    await expect(note).toContainText(`Retired in ${RETIRED.release}`);
    await expect(page.locator(`#${RETIRED.anchor} details.releases summary`)).toHaveText(
      `In every recorded release since v1.0.0; removed in ${RETIRED.release}`,
    );
    await note.getByRole('link').click();
    await expect(page).toHaveURL(`${site}panics/${RETIRED.replacedBy}/`);
    await expect(page.locator('main h1')).toContainText('Kill switch mutex poisoning');
  },
);

test('a location shows the release it came in and, collapsed, its line in each release', async ({ page }) => {
  await page.goto(`${site}panics/${RENAMED.id}/`);
  const details = page.locator(`#${RENAMED.anchor} details.releases`);
  await expect(details).toContainText(/In every recorded release since v1\.0\.0/);
  const v100 = details.locator('tr[data-release="v1.0.0"]');
  await expect(v100).toBeHidden();
  await details.locator('summary').click();
  await expect(v100).toBeVisible();
  await expect(v100.locator('td').nth(1)).toHaveText(String(expected[0]!.pendingFill));
  await expect(details.locator('tr[data-release="v1.1.0"] td').nth(1)).toHaveText(String(expected[1]!.pendingFill));
});

test('panics.json: locations carry their releases oldest first; retired and renamed paths say so', async ({
  request,
}) => {
  const data = await (await request.get(`${site}panics.json`)).json();
  const pending = data.panics.find((p: { id: string }) => p.id === RENAMED.id);
  const loc = pending.locations.find((l: { file: string }) => l.file === HANDLERS);
  expect(loc.releases.map((r: { tag: string | null; line: number }) => [r.tag ?? 'HEAD', r.line])).toEqual(
    expected.map((l) => [l.tag, l.pendingFill]),
  );
  expect(pending.redirects).toEqual([RENAMED.old]);
  const retired = data.panics.find((p: { id: string }) => p.id === RETIRED.id);
  expect(retired.retired).toMatchObject({ release: RETIRED.release, replacedBy: RETIRED.replacedBy });
  // Every live location with a line is in each of the repository's revisions; the retired one only before its retirement.
  for (const p of data.panics) {
    for (const l of p.locations.filter((l: { line: number | null }) => l.line !== null)) {
      const tags = l.releases.map((r: { tag: string | null }) => r.tag ?? 'HEAD');
      expect(tags, `${p.id} ${l.anchor}`).toEqual(p.id === RETIRED.id ? ['v1.0.0'] : expected.map((e) => e.tag));
    }
  }
});

test('axe: the retired page and a page with its release tables open have no violations', async ({ page }) => {
  for (const path of [`panics/${RETIRED.id}/`, `panics/${RENAMED.id}/`]) {
    await page.goto(`${site}${path}`);
    for (const d of await page.locator('details.releases').all()) await d.locator('summary').click();
    await expect(page.locator('details.releases[open]').first()).toBeVisible();
    await expectNoViolations(page, path);
  }
});

// Through the search page: a paste from v1.0.0, where the documented unwrap was at an older line
// that a later release gives to another unwrap.
const paste = (line: number, before = '') =>
  `${before}thread 'main' (4242) panicked at ${HANDLERS}:${line}:68:\ncalled \`Option::unwrap()\` on a \`None\` value\nnote: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace`;

test('a v1.0.0 paste at the old line that names its version lands on the pending fill page, with the release said', async ({
  page,
}) => {
  const old = expected.find((l) => l.tag === 'v1.0.0')!.pendingFill;
  await page.goto(`${site}search/#q=${encodeURIComponent(paste(old, 'market_maker version=1.0.0 starting\n'))}`);
  await page.waitForSelector('#search[data-search-state="done"]', { state: 'attached' });
  const card = page.locator('[data-triage]');
  await expect(card).toHaveAttribute('data-triage', RENAMED.id);
  await expect(card).toContainText(`At v1.0.0 (the release the paste names), this line was:`);
  await expect(card).toContainText(`at v1.0.0 this line was handlers.rs:${old}`);
  await expect(page.locator('a[data-search-result]').first()).toHaveAttribute(
    'href',
    new RegExp(`panics/${RENAMED.id}/#${RENAMED.anchor}$`),
  );
});

test('without a version, the card names no path and lists both readings', async ({ page }) => {
  const old = expected.find((l) => l.tag === 'v1.0.0')!.pendingFill;
  await page.goto(`${site}search/#q=${encodeURIComponent(paste(old))}`);
  await page.waitForSelector('#search[data-search-state="done"]', { state: 'attached' });
  const card = page.locator('[data-triage]');
  await expect(card).toHaveAttribute('data-triage', 'unknown');
  const readings = card.locator('[data-readings] li');
  await expect(readings).toHaveCount(2);
  await expect(readings.nth(0)).toContainText('v1.0.0: Pending fill queue');
  await expect(readings.nth(1)).toContainText('v1.1.0');
  await expect(readings.nth(1)).toContainText('no documented panic site');
});
