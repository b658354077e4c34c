/**
 * A built page's `<meta>` policy, narrowed to what that page has. Astro writes into `script-src` the hashes of
 * scripts it might inline (its island loader and the five `client:*` directives, whenever a renderer such as MDX's
 * is registered) and into `style-src` the island styles: a page of this site has none of them, and a hash in the
 * policy that matches nothing is one more inline script or style an injection could ship and have run. Each hash
 * stays only when an inline `<script>` or `<style>` of the same page has it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { pagesUnder } from '../files/build-files.ts';
import { HASH_SOURCE } from './csp.ts';

const META = /<meta http-equiv="content-security-policy" content="([^"]*)"/i;
type Algorithm = 'sha256' | 'sha384' | 'sha512';
/** The directives whose hashes allow inline elements, and the element each one allows. */
const HASHED: Readonly<Record<string, 'script' | 'style'>> = { 'script-src': 'script', 'style-src': 'style' };

export interface PagePolicy {
  /** The policy of the page's `<meta>`, as written. */
  policy: string;
  /** The hash sources (`'sha256-…'`) of each hashed directive. */
  hashes: Record<string, string[]>;
}

/** The page's meta policy and its hashes, or undefined when it has none. */
export function pagePolicy(html: string): PagePolicy | undefined {
  const m = META.exec(html);
  if (!m) return undefined;
  const hashes: Record<string, string[]> = {};
  for (const d of m[1]!.split(';')) {
    const [name, ...sources] = d.trim().split(/\s+/);
    if (name && name in HASHED) hashes[name] = sources.filter((s) => HASH_SOURCE.test(s));
  }
  return { policy: m[1]!, hashes };
}

/**
 * The text of every inline element `tag` of the page (a `<script src>` is not inline: its hash would not apply).
 * One pass over the page with indexOf: the page is this build's own output, never reread.
 */
export function inlineContents(html: string, tag: 'script' | 'style'): string[] {
  const lower = html.toLowerCase();
  const found: string[] = [];
  let at = 0;
  for (;;) {
    const open = lower.indexOf(`<${tag}`, at);
    if (open < 0) return found;
    const after = lower[open + tag.length + 1];
    if (after !== '>' && after !== ' ' && after !== '\t' && after !== '\n' && after !== '/') {
      at = open + 1; // `<scripts>`: another element
      continue;
    }
    const openEnd = lower.indexOf('>', open);
    if (openEnd < 0) return found;
    const close = lower.indexOf(`</${tag}`, openEnd);
    if (close < 0) return found;
    at = close;
    if (tag === 'script' && /\ssrc\s*=/.test(lower.slice(open, openEnd))) continue;
    found.push(html.slice(openEnd + 1, close));
  }
}

/** `'sha256-…'` of a text, the way a browser hashes an inline element's content (UTF-8). */
export function hashSource(text: string, algorithm: Algorithm = 'sha256'): string {
  return `'${algorithm}-${createHash(algorithm).update(text, 'utf8').digest('base64')}'`;
}

/** The page with its meta policy's hashes narrowed to its own inline scripts and styles; unchanged without one. */
export function prunePolicyHashes(html: string): string {
  const m = META.exec(html);
  if (!m) return html;
  const contents = { script: inlineContents(html, 'script'), style: inlineContents(html, 'style') };
  const policy = m[1]!
    .split(';')
    .map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      const tag = name ? HASHED[name] : undefined;
      if (!tag) return d;
      const kept = sources.filter((s) => {
        const h = HASH_SOURCE.exec(s);
        return !h || contents[tag].some((c) => hashSource(c, h[1] as Algorithm) === s);
      });
      return `${/^\s/.test(d) ? ' ' : ''}${[name, ...kept].join(' ')}`;
    })
    .join(';');
  return html.slice(0, m.index) + m[0].replace(m[1]!, () => policy) + html.slice(m.index + m[0].length);
}

/** The `script-src` hashes of the pages' meta policies, once each, sorted: what the site's header must allow. */
const scriptHashesOf = (policies: readonly (PagePolicy | undefined)[]): string[] =>
  [...new Set(policies.flatMap((p) => p?.hashes['script-src'] ?? []))].sort();

/**
 * Narrows the meta policy of every HTML page of a build, in place (each file replaced whole). How many pages
 * changed, and the hashes of the inline scripts the pages kept.
 */
export function pruneBuiltPolicies(distDir: string): { changed: number; scriptHashes: string[] } {
  let changed = 0;
  const policies: (PagePolicy | undefined)[] = [];
  for (const file of pagesUnder(distDir)) {
    const html = readFileSync(file, 'utf8');
    const pruned = prunePolicyHashes(html);
    policies.push(pagePolicy(pruned));
    if (pruned === html) continue;
    // Build output, made again by every build: all or nothing, without an fsync per page.
    writeFileAtomic(file, pruned, { durable: false });
    changed++;
  }
  return { changed, scriptHashes: scriptHashesOf(policies) };
}

/** The hashes of a built site's inline scripts, read from its pages' policies (a server of the build sends them). */
export function builtScriptHashes(distDir: string): string[] {
  return scriptHashesOf(pagesUnder(distDir).map((file) => pagePolicy(readFileSync(file, 'utf8'))));
}
