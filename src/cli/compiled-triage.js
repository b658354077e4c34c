/**
 * Where the compiled triage of a content folder lives and whether it is still what the sources would make. Plain
 * JavaScript, shared by the launcher (bin/mm-panics.js), which must start without compiling any TypeScript, and by
 * the writer (src/cli/triage-cache.ts).
 *
 * A manifest beside each bundle: { version, contentDir, sources: [[path, size, mtimeMs]], data: [[path, size,
 * mtimeMs]], content: [[path relative to contentDir, size, mtimeMs]] }; `data` are the files the bundle reads when it
 * needs them (the inventory's sites), `content` lists every file under the content folder, sorted, so that an added
 * file is seen too.
 */
// Node's modules taken as they are: importing one as an ES module first builds its whole facade, which a start of the
// compiled triage would pay for (src/cli/triage-cache.ts).
const { readdirSync, readFileSync, statSync } = process.getBuiltinModule('node:fs');
const { enableCompileCache } = process.getBuiltinModule('node:module');
const { join, relative } = process.getBuiltinModule('node:path');

export const CACHE_VERSION = 2;

/**
 * MM_PANICS_CACHE moves it (tests use their own).
 * @param {string} root the repository @returns {string}
 */
export const cacheDir = (root) => process.env.MM_PANICS_CACHE ?? join(root, 'node_modules', '.cache', 'mm-panics');

/**
 * The manifest's and bundle's paths for a content folder: named after the folder's path (its last 120 characters;
 * the manifest names the whole path, so that two folders sharing a name only miss each other's cache).
 * @param {string} root @param {string} contentDir absolute
 */
export function cachePaths(root, contentDir) {
  const name = `triage${contentDir.replace(/[^A-Za-z0-9]+/g, '-').slice(-120)}`;
  return {
    manifest: join(cacheDir(root), `${name}.json`),
    bundle: join(cacheDir(root), `${name}.mjs`),
    sites: join(cacheDir(root), `${name}.sites.json`),
  };
}

/**
 * Every regular file under the content folder, relative and sorted, with its size and modification time.
 * @param {string} contentDir @returns {[string, number, number][]}
 */
export function contentStamps(contentDir) {
  /** @type {[string, number, number][]} */
  const out = [];
  for (const e of readdirSync(contentDir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    const st = statSync(path);
    out.push([relative(contentDir, path), st.size, st.mtimeMs]);
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** @param {[string, number, number][]} stamps @param {(p: string) => string} pathOf */
const unchanged = (stamps, pathOf) =>
  stamps.every(([path, size, mtimeMs]) => {
    const st = statSync(pathOf(path), { throwIfNoEntry: false });
    return st !== undefined && st.isFile() && st.size === size && st.mtimeMs === mtimeMs;
  });

/**
 * The compiled triage of this content folder, or undefined when there is none or any file it was made from changed.
 * @param {string} root @param {string} contentDir absolute
 * @returns {Promise<{ run(argv: string[]): Promise<number> } | undefined>}
 */
export async function loadCompiledTriage(root, contentDir) {
  const paths = cachePaths(root, contentDir);
  try {
    const manifest = JSON.parse(readFileSync(paths.manifest, 'utf8'));
    if (manifest.version !== CACHE_VERSION || manifest.contentDir !== contentDir) return undefined;
    if (!unchanged(manifest.sources, (p) => p) || !unchanged(manifest.data, (p) => p)) return undefined;
    const content = contentStamps(contentDir);
    if (content.length !== manifest.content.length) return undefined;
    if (
      !content.every(
        (c, i) => c[0] === manifest.content[i][0] && c[1] === manifest.content[i][1] && c[2] === manifest.content[i][2],
      )
    ) {
      return undefined;
    }
    // V8's code cache for the bundle, kept beside it: a start then skips compiling it too.
    enableCompileCache(cacheDir(root));
    return await import(paths.bundle);
  } catch {
    return undefined;
  }
}
