/**
 * The panic reference as an Astro integration, as Starlight is one: whatever runs Astro (`astro build`,
 * `astro dev`, `astro check`), the content is checked first with the model's own messages, and a build ends with
 * its Pagefind index, so `astro build` alone writes the complete site.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { acquireBuildLock } from './build-lock.ts';
import { checkContent, BuildInputError } from './content-check.ts';
import { watchContent } from './dev-content-watch.ts';
import { addBuiltModulePreloads, type ModuleGraph, moduleGraphPlugin } from './module-preloads.ts';
import { indexSite } from './search-index.ts';
import { searchModelErrors } from './search-model-check.ts';
import { singleFileScript } from './single-file-script.ts';
import { HOSTING_FILES, writeHostingFiles } from '../security/hosting-files.ts';
import { pruneBuiltPolicies } from '../security/page-policy.ts';
import { writeTriageModule } from '../logs/publish.ts';
import { siteRoot } from '../model/export.ts';
import { loadContent } from '../model/load-content.ts';
import { BuildOutputError } from '../model/schema-check.ts';

export interface PanicReferenceOptions {
  /** The content folder, relative to the project root (`CONTENT_DIR` builds another one: tests, benchmarks). */
  contentDir: string;
}

export function panicReference({ contentDir }: PanicReferenceOptions): AstroIntegration {
  let root = '';
  let base = '/';
  let site = '';
  let releaseLock: (() => void) | undefined;
  const graph: ModuleGraph = new Map();
  return {
    name: 'panic-reference',
    hooks: {
      'astro:config:setup': ({ config, command, logger, updateConfig }) => {
        root = fileURLToPath(config.root);
        base = config.base;
        site = siteRoot(String(config.site ?? 'http://localhost:4321'), config.base);
        // Astro writes its generated modules to the project's `.astro/` whatever the output folder: builds (and
        // `astro sync`, which `astro check` runs) of other content or bases at the same time take turns.
        if (command === 'build' || command === 'sync')
          releaseLock = acquireBuildLock(join(root, '.astro'), (m) => logger.warn(m));
        const { errors, summary } = checkContent(contentDir, root);
        if (errors.length > 0) throw new BuildInputError(errors);
        logger.info(`content: ${summary}: OK`);
        // The search page's script is one file: the verdict waits for every file of it (src/scripts/search-page.ts).
        const searchScript = fileURLToPath(new URL('../scripts/search-page.ts', import.meta.url));
        updateConfig({ vite: { plugins: [moduleGraphPlugin(graph), singleFileScript(searchScript)] } });
      },
      'astro:server:setup': ({ server, logger }) => {
        watchContent(server, contentDir, root, logger);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const dist = fileURLToPath(dir);
        // The search page reads the search model's files unchecked: the build checks them once, here.
        const written = searchModelErrors(dist);
        if (written.errors.length > 0) throw new BuildOutputError(written.errors);
        logger.info(`search model: head and ${written.shards} shards match their schemas`);
        logger.info(`pagefind: indexing ${dist}`);
        const pages = await indexSite(dist);
        logger.info(`pagefind: indexed ${pages} pages into ${join(dist, 'pagefind')}`);
        // `/triage.js`, the matcher for bots and alerting (src/logs/publish.ts), before the files are precompressed.
        const triage = await writeTriageModule(dist, loadContent(resolve(root, contentDir), root).model, site);
        logger.info(`triage module: ${triage.path} (${(triage.bytes / 1024).toFixed(1)} KiB)`);
        const preloaded = addBuiltModulePreloads(dist, base, graph);
        logger.info(`module preloads: the chunks its scripts import, asked for with the page, in ${preloaded} pages`);
        // Before the pages are precompressed: each page's policy keeps only the hashes of its own inline elements.
        const pruned = pruneBuiltPolicies(dist);
        logger.info(`policy: script and style hashes narrowed to each page's own in ${pruned.changed} pages`);
        // After the index: its files are precompressed too. The header allows the inline scripts the pages kept.
        const hosting = writeHostingFiles(dist, base, pruned.scriptHashes);
        logger.info(`hosting files: ${HOSTING_FILES.join(', ')}, ${hosting.precompressed} files precompressed (.gz)`);
        releaseLock?.();
      },
    },
  };
}
