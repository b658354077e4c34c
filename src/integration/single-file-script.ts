/**
 * One page script built as one file. The client build splits what several pages' scripts import into shared chunks
 * (the site script, the panic-text grammar), and Rolldown never copies a module into two chunks: the search page
 * fetched and compiled three files on its way to a verdict. This plugin hands the build the script already bundled
 * with everything it imports, a module with no imports of its own, so that its chunk is the one file the page loads.
 * Only the build: `astro dev` serves the modules as they are.
 */
import type { Plugin } from 'vite';
import { bundleOneModule } from '../files/one-module.ts';

export function singleFileScript(entry: string): Plugin {
  return {
    name: 'panic-reference:single-file-script',
    apply: 'build',
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
  };
}
