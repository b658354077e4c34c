/**
 * One page script built as one module, written into its page. The client build splits what several pages' scripts
 * import into shared chunks (the site script, the panic-text grammar), and Rolldown never copies a module into two
 * chunks: the search page fetched and compiled three files on its way to a verdict. This plugin hands the build the
 * script already bundled with everything it imports, a module with no imports of its own, and tells Astro to inline
 * the chunk that holds it (Astro inlines a script chunk that imports nothing when `build.assetsInlineLimit` says so):
 * the page runs it without asking for any file. Its hash is in the page's policy (Astro writes it) and in the
 * site's header policy (`src/security/csp.ts`). Only the build: `astro dev` serves the modules as they are.
 */
import type { Plugin } from 'vite';
import { bundleOneModule } from '../files/one-module.ts';

export function singleFileScript(entry: string): Plugin {
  /** The file names of the client build's chunks that hold the entry (one per build). */
  const holding = new Set<string>();
  return {
    name: 'panic-reference:single-file-script',
    apply: 'build',
    // Nothing else is inlined, whatever its size: every other script is a file under `script-src 'self'`.
    config: () => ({ build: { assetsInlineLimit: (file: string) => holding.has(file) } }),
    async load(id) {
      if (id !== entry) return null;
      const chunk = await bundleOneModule(entry, { input: entry, platform: 'browser', logLevel: 'silent' });
      if (chunk.imports.length > 0)
        throw new Error(
          `${entry}: imports ${chunk.imports.join(', ')}, which a browser script cannot; keep them out of it`,
        );
      for (const module of chunk.moduleIds) if (!module.startsWith('\0')) this.addWatchFile(module);
      return { code: chunk.code, moduleType: 'js' };
    },
    // Before Astro's own generateBundle, which asks `assetsInlineLimit` about each script chunk.
    generateBundle: {
      order: 'pre',
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle))
          if (chunk.type === 'chunk' && chunk.moduleIds.includes(entry)) holding.add(chunk.fileName);
      },
    },
  };
}
