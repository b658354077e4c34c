/**
 * `<link rel="modulepreload">` for what a page's module scripts import. Astro writes a page's `<script type="module"
 * src>` and nothing else: the browser learns of a bundle's shared chunks (the panic-text grammar, the paste handoff)
 * only once the bundle has arrived and been parsed, one more round trip before the page's script can run. The client
 * build's chunk graph (recorded by `moduleGraphPlugin`) names every static import, so the page asks for all of them
 * with the page. Dynamic imports (Pagefind) are left alone: the page starts them when it needs them.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { pagesUnder } from '../files/build-files.ts';

/** A chunk's file name in the build (`_astro/x.js`) → the file names of the chunks it imports statically. */
export type ModuleGraph = Map<string, readonly string[]>;

/** Records the static imports of every chunk the build writes, into `graph`. */
export function moduleGraphPlugin(graph: ModuleGraph): Plugin {
  return {
    name: 'panic-reference:module-graph',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk') graph.set(chunk.fileName, chunk.imports);
    },
  };
}

const MODULE_SCRIPT = /<script type="module" src="([^"]+)"/g;

/** Every chunk `entries` import, directly or through another chunk, that is not one of `entries`; in import order. */
export function staticImports(graph: ModuleGraph, entries: readonly string[]): string[] {
  const seen = new Set(entries);
  const found: string[] = [];
  const visit = (file: string) => {
    for (const dep of graph.get(file) ?? []) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      found.push(dep);
      visit(dep);
    }
  };
  for (const entry of entries) visit(entry);
  return found;
}

/** Where the preloads go: after the head's last module script, else at the end of the head; -1 without a head. */
function preloadsAt(html: string): number {
  const end = html.indexOf('</head>');
  if (end < 0) return -1;
  const head = html.slice(0, end);
  const lastScript = head.lastIndexOf('<script type="module" src="');
  const closed = lastScript < 0 ? -1 : head.indexOf('</script>', lastScript);
  return closed < 0 ? end : closed + '</script>'.length;
}

/**
 * The page with a `<link rel="modulepreload">` for each chunk its module scripts import, after the last module
 * script of its `<head>` (else at the end of the head); unchanged when they import nothing. Not after the page's
 * policy `<meta>`, which follows the head's scripts: Chromium's preload scanner stops at a policy `<meta>`, and a
 * link past it is asked for only once the parser reaches it. `base` is the site's base path (`/` or
 * `/docs/panics/`), which every script URL of the page starts with.
 */
export function withModulePreloads(html: string, base: string, graph: ModuleGraph): string {
  const entries = [...html.matchAll(MODULE_SCRIPT)]
    .map((m) => m[1]!)
    .filter((src) => src.startsWith(base))
    .map((src) => src.slice(base.length));
  const deps = staticImports(graph, entries);
  const at = preloadsAt(html);
  if (deps.length === 0 || at < 0) return html;
  const links = deps.map((dep) => `<link rel="modulepreload" href="${base}${dep}">`).join('');
  return html.slice(0, at) + links + html.slice(at);
}

/** Adds the module preloads to every HTML page of a build, in place (each file replaced whole). */
export function addBuiltModulePreloads(distDir: string, base: string, graph: ModuleGraph): number {
  let changed = 0;
  for (const file of pagesUnder(distDir)) {
    const html = readFileSync(file, 'utf8');
    const next = withModulePreloads(html, base, graph);
    if (next === html) continue;
    // Build output, made again by every build: all or nothing, without an fsync per page.
    writeFileAtomic(file, next, { durable: false });
    changed++;
  }
  return changed;
}
