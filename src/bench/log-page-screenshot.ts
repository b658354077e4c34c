/**
 * Takes the README's pictures of the log page: the incident log of the e2e (src/test-support/incident-log.ts)
 * triaged on /logs/ of the build in dist/, its table and timeline in the light and the dark scheme, at a phone's width
 * too. Writes docs/log-page-{light,dark,phone}.png.
 *
 *   node src/bench/log-page-screenshot.ts [dist]
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from '../cli/chromium.ts';
import { serveStatic } from '../cli/static-server.ts';
import { incidentLog } from '../test-support/incident-log.ts';

const dist = process.argv[2] ?? 'dist';
const out = new URL('../../docs/', import.meta.url);
mkdirSync(out, { recursive: true });
const server = await serveStatic({ root: dist, base: '/', port: 0 });
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
const browser = await chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS });
try {
  for (const [name, colorScheme, width] of [['light', 'light', 900], ['dark', 'dark', 900], ['phone', 'light', 360]] as const) {
    const page = await browser.newPage({ colorScheme, viewport: { width, height: 900 }, deviceScaleFactor: width < 400 ? 2 : 1 });
    await page.goto(`${origin}logs/`);
    await page.locator('[data-log-input]').setInputFiles([{ name: 'incident.log', mimeType: 'text/plain', buffer: Buffer.from(incidentLog()) }]);
    await page.waitForSelector('#log[data-log-state="done"]', { state: 'attached' });
    const answer = page.locator('#log-answer');
    await answer.screenshot({ path: new URL(`log-page-${name}.png`, out).pathname });
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
