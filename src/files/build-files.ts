/**
 * The files of a built site, for the steps that read or rewrite them after Astro has written it (the module
 * preloads, the pages' policies, the hosting files): regular files only, symbolic links not followed.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every regular file under `dir`, at any depth. Folder by folder, not `readdirSync`'s `recursive`, which descends
 * into a link to a folder and lists the files it points at.
 */
export function filesUnder(dir: string): string[] {
  const files: string[] = [];
  const folders = [dir];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop())
    for (const d of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, d.name);
      if (d.isDirectory()) folders.push(path);
      else if (d.isFile()) files.push(path);
    }
  return files;
}

/** Every HTML page under `dir`, at any depth. */
export const pagesUnder = (dir: string): string[] => filesUnder(dir).filter((f) => f.endsWith('.html'));
