/**
 * The compiled triage: `mm-panics triage` with one content folder's model built in, bundled into one ES module with
 * rolldown (as `/triage.js` is), beside a manifest of every file it was made from (src/cli/compiled-triage.js).
 * `bin/mm-panics.js` starts it while all of those files are unchanged, so that a start reads neither the content's
 * MDX and YAML nor any TypeScript; after any change the sources run, and write it anew.
 */
import { mkdirSync, statSync } from 'node:fs';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CACHE_VERSION, cacheDir, cachePaths, contentStamps } from './compiled-triage.js';
import { fromContent, type ModelSource, type TriageModel } from './triage.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const TRIAGE = fileURLToPath(new URL('./triage.ts', import.meta.url));
const ENTRY = '\0mm-panics-compiled-triage';
const MODEL_READER = fileURLToPath(new URL('./triage-model.ts', import.meta.url));

type FileStamp = [path: string, size: number, mtimeMs: number];

/** A static import of one of Node's modules, as rolldown writes it at the head of a bundle: what it binds, the module. */
const NODE_IMPORT = /\s*import\s*(\{[^}]*\}|\*\s*as\s+[\w$]+|[\w$]+)\s*from\s*"(node:[\w/]+)";?/y;

/**
 * Node's modules taken with `process.getBuiltinModule` instead of imported: importing one as an ES module first
 * builds its whole ES facade, every lazy part of it loaded (fs's streams among them), which is most of what a start
 * of the compiled triage costs beyond Node's own.
 */
export function builtinsTaken(code: string): string {
  let head = '';
  let at = 0;
  for (;;) {
    NODE_IMPORT.lastIndex = at;
    const m = NODE_IMPORT.exec(code);
    if (!m) break;
    const [, binding = '', module = ''] = m;
    const names = binding.startsWith('{') ? binding.replace(/\s+as\s+/g, ':') : binding.replace(/^\*\s*as\s+/, '');
    head += `const ${names}=process.getBuiltinModule(${JSON.stringify(module)});`;
    at = NODE_IMPORT.lastIndex;
  }
  return head + code.slice(at);
}

/**
 * The bundle's model holds the search model; the inventory's sites, most of the model's size, are read from
 * `sitesFile` when a panic first needs them: a start compiles and reads a bundle a third the size.
 */
async function bundle(model: TriageModel, sitesFile: string | undefined): Promise<{ code: string; sources: string[] }> {
  const { sites: _, ...held } = model;
  const entry = [
    `import { readFileSync } from 'node:fs';`,
    `import { fromContent, main, processIo } from ${JSON.stringify(TRIAGE)};`,
    `const model = JSON.parse(${JSON.stringify(JSON.stringify(held))});`,
    ...(sitesFile
      ? [
          `const sitesFile = ${JSON.stringify(sitesFile)};`,
          'model.sites = () => {',
          "  try { return JSON.parse(readFileSync(sitesFile, 'utf8')); }",
          // A JSON error of Node's quotes the text it failed on: the message names the file instead.
          "  catch (e) { throw new Error(`${sitesFile}: the compiled triage's inventory cannot be read (${String(e.message).slice(0, 120)}); delete the file and run again`); }",
          '};',
        ]
      : []),
    // Another content folder (--content, CONTENT_DIR) is read from its files, as the sources do.
    `const source = { defaultDir: ${JSON.stringify(fromContent.defaultDir)}, read: async (dir, warn) => (dir === model.contentDir ? model : fromContent.read(dir, warn)) };`,
    'export const run = (argv) => main(argv, processIo(), source);',
  ].join('\n');
  // Loaded when a triage is compiled: a start that runs the sources pays for no bundler.
  const { bundleOneModule } = await import('../files/one-module.ts');
  const chunk = await bundleOneModule(
    'the compiled triage',
    {
      input: ENTRY,
      platform: 'node',
      logLevel: 'silent',
      // The model's schemas are built at import; the compiled triage reads no schema, and zod's builders have no effects.
      treeshake: { moduleSideEffects: false, manualPureFunctions: ['z'] },
      plugins: [
        {
          name: 'mm-panics-compiled-triage',
          // The content reader stays a dynamic import of the sources, by its absolute address: a compiled triage given
          // its own content folder never loads it.
          resolveId: (id) =>
            id === ENTRY
              ? ENTRY
              : id.endsWith('/triage-model.ts')
                ? { id: pathToFileURL(MODEL_READER).href, external: true }
                : null,
          load: (id) => (id === ENTRY ? entry : null),
        },
      ],
    },
    { minify: true },
  );
  return { code: builtinsTaken(chunk.code), sources: chunk.moduleIds.filter((id) => !id.startsWith('\0')) };
}

/**
 * The project's files the content reader is made of: the model built into a compiled triage is what they read, so a
 * change to any of them makes it stale. Packages are external here; package-lock.json stands for them.
 */
async function readerSources(): Promise<string[]> {
  const { rolldown } = await import('rolldown');
  const build = await rolldown({
    input: MODEL_READER,
    platform: 'node',
    logLevel: 'silent',
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
  });
  try {
    const { output } = await build.generate({ format: 'esm', codeSplitting: false });
    return output.flatMap((o) => (o.type === 'chunk' ? o.moduleIds.filter((id) => id.startsWith('/')) : []));
  } finally {
    await build.close();
  }
}

/**
 * Compiles the triage for this model and writes it with its manifest; the manifest last, each all at once. `content`
 * are the content folder's stamps taken before the model was read, so that a file changed meanwhile is seen as changed.
 */
export async function writeTriageCache(model: TriageModel, content: FileStamp[]): Promise<string> {
  const paths = cachePaths(root, model.contentDir);
  const sites = typeof model.sites === 'function' ? model.sites() : model.sites;
  const [{ code, sources }, reader] = await Promise.all([bundle(model, sites && paths.sites), readerSources()]);
  mkdirSync(cacheDir(root), { recursive: true });
  const stamp = (path: string): FileStamp => {
    const st = statSync(path);
    return [path, st.size, st.mtimeMs];
  };
  const manifest = {
    version: CACHE_VERSION,
    contentDir: model.contentDir,
    sources: [...new Set([...sources, ...reader, join(root, 'package-lock.json')])].map(stamp),
    data: [] as FileStamp[],
    content,
  };
  // A cache: made again whenever lost, so not worth an fsync.
  if (sites) {
    writeFileAtomic(paths.sites, JSON.stringify(sites), { durable: false });
    manifest.data.push(stamp(paths.sites));
  }
  writeFileAtomic(paths.bundle, code, { durable: false });
  writeFileAtomic(paths.manifest, JSON.stringify(manifest), { durable: false });
  return paths.manifest;
}

/** A model source that reads the content's files, then compiles the triage for the next start. */
export function cachingSource(from: ModelSource): { source: ModelSource; written: Promise<unknown>[] } {
  const written: Promise<unknown>[] = [];
  const source: ModelSource = {
    defaultDir: from.defaultDir,
    async read(contentDir, warn) {
      const stamps = contentStamps(contentDir);
      const model = await from.read(contentDir, warn);
      // A cache that cannot be written (read-only checkout, full disk) only costs the next start its speed.
      if (!Array.isArray(model)) written.push(writeTriageCache(model, stamps).catch(() => undefined));
      return model;
    },
  };
  return { source, written };
}
