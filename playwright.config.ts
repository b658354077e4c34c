import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from './src/cli/chromium.ts';

// Both production builds, each served by the plain static server with the site's Content-Security-Policy.
// E2E_PORT moves both servers and E2E_DIST both builds (`X` and `X-subpath`), so that two suites can run side by
// side on one machine.
const port = Number(process.env.E2E_PORT ?? 4400);
const dist = process.env.E2E_DIST ?? 'dist';
export const SERVERS = {
  root: { port, base: '/', dist },
  subpath: { port: port + 1, base: '/docs/panics/', dist: `${dist}-subpath` },
} as const;

const executablePath = systemChromium();

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  use: {
    browserName: 'chromium',
    launchOptions: { args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) },
  },
  projects: Object.entries(SERVERS).map(([name, s]) => ({
    name,
    use: { baseURL: `http://127.0.0.1:${s.port}${s.base}` },
    metadata: { dist: s.dist, base: s.base },
  })),
  webServer: Object.values(SERVERS).map((s) => ({
    command: `"${process.execPath}" src/cli/serve.ts ${s.dist}`,
    env: { PORT: String(s.port), BASE_PATH: s.base, HOST: '127.0.0.1' },
    url: `http://127.0.0.1:${s.port}${s.base}`,
    reuseExistingServer: false,
    stdout: 'ignore' as const,
  })),
});
