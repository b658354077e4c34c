// Reading the production build from disk, for checks that are about the HTML itself rather than a browser.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TestInfo } from '@playwright/test';

export const distOf = (info: TestInfo): string => String(info.project.metadata.dist);
export const baseOf = (info: TestInfo): string => String(info.project.metadata.base);

/** Every HTML file of a build, as the path a browser asks for (`panics/x/`, `404.html`). */
export function builtPages(dist: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
      if (d.isDirectory()) return d.name === '_astro' || d.name === 'pagefind' ? [] : walk(join(dir, d.name));
      return d.name.endsWith('.html') ? [relative(dist, join(dir, d.name))] : [];
    });
  return walk(dist)
    .map((f) => f.replace(/(^|\/)index\.html$/, '$1'))
    .sort();
}

/** Where a browser sees a built page: 404.html has no address of its own, any unknown one serves it. */
export const visitPath = (page: string): string => (page === '404.html' ? 'no-such-page/' : page);

export const htmlOf = (info: TestInfo, page: string): string =>
  readFileSync(join(distOf(info), page, 'index.html'), 'utf8');

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&nbsp;': ' ',
};

/** The visible text of a page's <main>, tags dropped and white space folded. */
export function mainText(html: string): string {
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
  return main
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<br\s*\/?>/g, ' ')
    .replace(/<\/(p|li|tr|td|th|h\d|div|pre)>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(lt|gt|amp|quot|#39|#x27|nbsp);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, ' ')
    .trim();
}
