import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { CODE_THEMES } from './src/components/code-themes.ts';

// BASE_PATH builds the site for a sub-path (`/docs/panics/`); SITE_URL is the origin used in absolute links.
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  base,
  trailingSlash: 'always',
  output: 'static',
  outDir: process.env.DIST_DIR ?? './dist',
  // The content layer's store lives in the cache: builds of other content or bases (tests, benchmarks) running at
  // the same time must not share it.
  ...(process.env.DIST_DIR ? { cacheDir: `${process.env.DIST_DIR}.cache` } : {}),
  integrations: [mdx()],
  devToolbar: { enabled: false },
  // One HTML request per page: the stylesheet is small enough to inline, and CSP allows inline styles (not scripts).
  build: { format: 'directory', inlineStylesheets: 'always' },
  markdown: {
    shikiConfig: { themes: CODE_THEMES, defaultColor: 'light', wrap: false },
  },
  // Never inline scripts: the site runs under `script-src 'self'`.
  vite: { build: { assetsInlineLimit: 0 } },
});
