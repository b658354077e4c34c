/** Finds a Chromium for the e2e tests: Debian's when present, else Playwright's own download. */
import { existsSync } from 'node:fs';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Flags for Chromium in a closed network: without them it keeps trying to reach Google's hosts. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const systemChromium = (): string | undefined => (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);
