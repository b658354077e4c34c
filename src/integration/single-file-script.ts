/**
 * One page script built as one file. The client build splits what several pages' scripts import into shared chunks
 * (the site script, the panic-text grammar), and Rolldown never copies a module into two chunks: the search page
 * fetched and compiled three files on its way to a verdict. This plugin hands the build the script already bundled
 * with everything it imports, a module with no imports of its own, so that its chunk is the one file the page loads.
 * Only the build: `astro dev` serves the modules as they are.
 */
import { rolldown } from 'rolldown';
import type { Plugin } from 'vite';

export function singleFileScript(entry: string): Plugin {
  return {
    name: 'panic-reference:single-file-script',
    apply: 'build',
    async load(id) {
      if (id !== entry) return null;
      const build = await rolldown({ input: entry, platform: 'browser', logLevel: 'silent' });
      try {
        const { output } = await build.generate({ format: 'esm', codeSplitting: false });
        const [chunk, ...rest] = output;
        if (chunk?.type !== 'chunk' || rest.some((o) => o.type === 'chunk'))
          throw new Error(`${entry}: not one chunk when bundled alone`);
        if (chunk.imports.length > 0)
          throw new Error(
            `${entry}: imports ${chunk.imports.join(', ')}, which a browser script cannot; keep them out of it`,
          );
        for (const module of chunk.moduleIds) if (!module.startsWith('\0')) this.addWatchFile(module);
        return { code: chunk.code, moduleType: 'js' };
      } finally {
        await build.close();
      }
    },
  };
}
