import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { contentDir } from './src/cli/paths.ts';
import { CODE_THEMES } from './src/components/code-themes.ts';
import { BuildInputError } from './src/integration/content-check.ts';
import { panicReference } from './src/integration/index.ts';
import { formatError } from './src/model/load-content.ts';
import { siteConfigFromEnv } from './src/model/site-config.ts';
import { browserLogReader } from './src/logs/browser/vite-plugin.ts';
import { astroCsp } from './src/security/csp.ts';

// BASE_PATH builds the site for a sub-path (`/docs/panics/`); SITE_URL is the origin used in absolute links. Both
// go into every page, so a bad one stops Astro with `environment: error: \`BASE_PATH\` must …`.
const env = siteConfigFromEnv();
if (!env.config) throw new BuildInputError(env.errors.map(formatError), 'BASE_PATH or SITE_URL');
const { base, site } = env.config;

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  output: 'static',
  outDir: process.env.DIST_DIR ?? './dist',
  // The content layer's store lives in the cache: builds of other content or bases (tests, benchmarks) running at
  // the same time must not share it.
  ...(process.env.DIST_DIR ? { cacheDir: `${process.env.DIST_DIR}.cache` } : {}),
  // The content check first (a mistake stops build and dev with `file:line: error: …`), the Pagefind index last.
  integrations: [panicReference({ contentDir: contentDir() }), mdx()],
  devToolbar: { enabled: false },
  // One HTML request per page: the stylesheet is small enough to inline, and CSP allows inline styles (not scripts).
  build: { format: 'directory', inlineStylesheets: 'always' },
  markdown: {
    shikiConfig: { themes: CODE_THEMES, defaultColor: 'light', wrap: false },
  },
  // Every page carries the site's Content-Security-Policy in a <meta>, with the hashes of its inlined stylesheet
  // (src/security/csp.ts), so that a host that sends no headers still protects it.
  security: { csp: astroCsp() },
  // The log page's worker is a module bundled from the CLI's reader (src/logs/browser/). Which script is inlined
  // (the search page's, allowed by its hash) is the integration's call (src/integration/single-file-script.ts).
  vite: { worker: { format: 'es', plugins: () => [browserLogReader()] } },
});
