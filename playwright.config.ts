import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { BASE, SIX } from './e2e/tags.ts';
import { CHROMIUM_ARGS, systemChromium } from './src/cli/chromium.ts';
import { sixthPathContent, sixthPathDist } from './src/test-support/sixth-path.ts';

// Both production builds, each served by the plain static server with the site's security headers, and the
// sub-path build behind Debian's nginx with the snippet the build ships (e2e/nginx.spec.ts starts and stops it).
// Every check runs once, on the root build; the sub-path build runs only the tests tagged BASE (what the base path
// changes), the sixth-path build those tagged SIX (e2e/tags.ts).
// E2E_PORT moves the servers (the port, the next one, and the one after for nginx) and E2E_DIST the builds (`X` and
// `X-subpath`), so that two suites can run side by side on one machine.
const port = Number(process.env.E2E_PORT ?? 4400);
const dist = process.env.E2E_DIST ?? 'dist';
export const SERVERS = {
  root: { port, base: '/', dist },
  subpath: { port: port + 1, base: '/docs/panics/', dist: `${dist}-subpath` },
} as const;
const NGINX = { port: port + 2, base: '/docs/panics/', dist: `${dist}-subpath` } as const;
const NGINX_SPEC = 'nginx.spec.ts';
// The real content plus a sixth panic path (src/fixtures/sixth-path/, built by `npm test` as `X-six`): the tests
// that derive what they expect from the model run on it too. Only when that build exists, so that a run of one spec
// does not need it; `npm test` builds it and fails when the project ran no test.
const SIXTH = { port: port + 3, base: '/', dist: sixthPathDist(dist), content: sixthPathContent(dist) } as const;
const SIXTH_SPEC = 'sixth-path.spec.ts';
const withSix = existsSync(SIXTH.dist);
const tagged = (tag: string) => new RegExp(tag);

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
  projects: [
    ...Object.entries(SERVERS).map(([name, s]) => ({
      name,
      testIgnore: [NGINX_SPEC, SIXTH_SPEC],
      ...(name === 'subpath' ? { grep: tagged(BASE) } : {}),
      use: { baseURL: `http://127.0.0.1:${s.port}${s.base}` },
      metadata: { dist: s.dist, base: s.base },
    })),
    {
      name: 'nginx',
      testMatch: NGINX_SPEC,
      use: { baseURL: `http://127.0.0.1:${NGINX.port}${NGINX.base}` },
      metadata: { dist: NGINX.dist, base: NGINX.base },
    },
    ...(withSix
      ? [
          {
            name: 'six',
            testIgnore: NGINX_SPEC,
            grep: tagged(SIX),
            use: { baseURL: `http://127.0.0.1:${SIXTH.port}${SIXTH.base}` },
            metadata: { dist: SIXTH.dist, base: SIXTH.base, content: SIXTH.content },
          },
        ]
      : []),
  ],
  webServer: [...Object.values(SERVERS), ...(withSix ? [SIXTH] : [])].map((s) => ({
    command: `"${process.execPath}" src/cli/serve.ts ${s.dist}`,
    env: { PORT: String(s.port), BASE_PATH: s.base, HOST: '127.0.0.1' },
    url: `http://127.0.0.1:${s.port}${s.base}`,
    reuseExistingServer: false,
    stdout: 'ignore' as const,
  })),
});
