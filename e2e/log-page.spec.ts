// The log page (/logs/): a log dropped on it is triaged in a worker with the CLI's own reader and gives the groups and
// counts `mm-panics triage` gives for the same file, under the site's CSP, without one byte of the file leaving the
// page; Cancel, binary data; axe before and after, in both colour schemes.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, type Page, test } from '@playwright/test';
import { main } from '../src/cli/triage.ts';
import type { PanicGroup } from '../src/logs/groups.ts';
import { incidentLog, rotated } from '../src/test-support/incident-log.ts';
import { contentOf } from './built-model.ts';
import { watch } from './csp-watch.ts';
import { expectNoViolations } from './axe.ts';

// A line no page, model or asset holds: found in a request, it would mean the log left the page.
const MARKER = `INFO market_maker: incident-marker-${process.pid}-${Date.now()}`;
const LOG = `${MARKER}\n${incidentLog()}`;
const dir = mkdtempSync(join(tmpdir(), 'mm-log-page-e2e-'));

/** What `mm-panics triage --json` says about the same files: `data-log-group` and `data-count` of each group. */
async function cliGroups(files: { name: string; buffer: Buffer }[], content: string): Promise<string[]> {
  const paths = files.map((f) => {
    const path = join(dir, f.name);
    writeFileSync(path, f.buffer);
    return path;
  });
  let out = '';
  await main(['--json', '--content', content, ...paths], {
    stdout: { write: (s: string) => ((out += s), true) },
    stderr: { write: () => true },
    stdin: process.stdin,
  } as never);
  const groups = out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as PanicGroup);
  return groups.map((g) => `${g.kind === 'documented' ? g.id : 'unknown'} ${g.count}`).sort();
}

async function triage(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  await page.locator('[data-log-input]').setInputFiles(files);
  await expect(page.locator('#log')).toHaveAttribute('data-log-state', /^(done|error)$/, { timeout: 20_000 });
}

const rowsOf = async (page: Page) =>
  (
    await page
      .locator('[data-log-group]')
      .evaluateAll((rows) =>
        rows.map((r) => `${(r as HTMLElement).dataset.logGroup} ${(r as HTMLElement).dataset.count}`),
      )
  ).sort();

/** Every request the page makes, with what it carries; none may hold the marker line, none may send a body. */
function requests(page: Page): string[] {
  const seen: string[] = [];
  page
    .context()
    .on('request', (r) => seen.push(`${r.method()} ${r.url()} ${JSON.stringify(r.headers())} ${r.postData() ?? ''}`));
  return seen;
}

const text = (name: string, data: string | Buffer) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(data) });

test('a log of real panics in several wrappers: the groups and counts the CLI gives, and nothing leaves the page', async ({
  page,
}, info) => {
  const problems = await watch(page, new URL(info.project.use.baseURL!).origin);
  const sent = requests(page);
  await page.goto('logs/');
  const file = text('incident.log', LOG);
  await triage(page, [file]);
  await expect(page.locator('#log')).toHaveAttribute('data-log-state', 'done');
  expect(await rowsOf(page)).toEqual(await cliGroups([file], contentOf(info)));
  // The original panic of the incident heads the table; the timeline and its words are there.
  await expect(page.locator('[data-log-group]').first().locator('td').nth(3)).toHaveText('original');
  await expect(page.locator('#log-chart svg rect.bar').first()).toBeVisible();
  await expect(page.locator('#log-timeline-text li')).toHaveCount(await page.locator('[data-log-group]').count());
  expect(sent.filter((r) => r.includes('incident-marker') || !r.startsWith('GET '))).toEqual([]);
  expect(problems).toEqual([]);
});

test('the same log gzipped and rotated in two files gives what the CLI gives for those files', async ({
  page,
}, info) => {
  const problems = await watch(page, new URL(info.project.use.baseURL!).origin);
  await page.goto('logs/');
  const [older, current] = rotated(LOG);
  const files = [
    { name: 'app.log.1.gz', mimeType: 'application/gzip', buffer: gzipSync(older) },
    text('app.log', current),
  ];
  await triage(page, files);
  await expect(page.locator('#log')).toHaveAttribute('data-log-state', 'done');
  const expected = await cliGroups(files, contentOf(info));
  expect(await rowsOf(page)).toEqual(expected);
  expect(expected).toEqual(await cliGroups([text('whole.log', LOG)], contentOf(info)));
  expect(problems).toEqual([]);
});

test('Cancel stops a long log at once: nothing shown, the worker gone', async ({ page }) => {
  await page.goto('logs/');
  // About 40 MB of panics: seconds of reading, enough to cancel in the middle.
  // Given as a path: a buffer that large takes longer to cross to the browser than to read.
  const big = join(dir, 'big.log');
  writeFileSync(big, LOG.repeat(Math.ceil(40e6 / LOG.length)));
  const size = statSync(big).size;
  await page.locator('[data-log-input]').setInputFiles(big);
  await expect(page.locator('#log')).toHaveAttribute('data-log-state', 'reading');
  await expect.poll(() => page.locator('#log-bar').evaluate((b: HTMLProgressElement) => b.value)).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('#log')).toHaveAttribute('data-log-state', 'cancelled');
  expect(await page.locator('#log-bar').evaluate((b: HTMLProgressElement) => b.value)).toBeLessThan(size);
  await page.waitForTimeout(1500);
  await expect(page.locator('#log')).toHaveAttribute('data-log-state', 'cancelled');
  await expect(page.locator('[data-log-group]')).toHaveCount(0);
  await expect(page.locator('#log-reading')).toBeHidden();
});

test('binary data gets a clear message and no table', async ({ page }) => {
  await page.goto('logs/');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  await triage(page, [{ name: 'screenshot.png', mimeType: 'image/png', buffer: png }]);
  await expect(page.locator('#log')).toHaveAttribute('data-log-state', 'error');
  await expect(page.locator('#log-status')).toHaveText(
    'screenshot.png: binary data (a NUL byte at byte 8), not a log: skipped',
  );
  await expect(page.locator('[data-log-group]')).toHaveCount(0);
});

test('a log without a panic says so, with its line count', async ({ page }) => {
  await page.goto('logs/');
  const quiet = Array.from({ length: 1234 }, (_, i) => `INFO market_maker: tick ${i}`).join('\n');
  await triage(page, [text('quiet.log', quiet)]);
  await expect(page.locator('#log')).toHaveAttribute('data-log-state', 'done');
  await expect(page.locator('#log-status')).toHaveText('No panic found in 1,234 lines.');
});

test('axe finds nothing on the log page, before and after a triage, in both colour schemes', async ({ page }) => {
  await page.goto('logs/');
  await expectNoViolations(page, '/logs/ before a triage');
  await triage(page, [text('incident.log', LOG)]);
  await expect(page.locator('#log')).toHaveAttribute('data-log-state', 'done');
  await expectNoViolations(page, '/logs/ after a triage');
});

test('once loaded, the page reads a log offline', async ({ page, context }) => {
  await page.goto('logs/');
  await page.waitForLoadState('networkidle');
  await context.setOffline(true);
  await triage(page, [text('incident.log', LOG)]);
  await expect(page.locator('#log')).toHaveAttribute('data-log-state', 'done');
  expect(await page.locator('[data-log-group]').count()).toBeGreaterThanOrEqual(4);
  await context.setOffline(false);
});
