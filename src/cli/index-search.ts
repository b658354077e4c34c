/** Indexes the built site with Pagefind's Node API: only `data-pagefind-body` regions, weights and filters from the HTML. */
import * as pagefind from 'pagefind';

export async function indexSite(dist: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  const added = await index.addDirectory({ path: dist });
  if (added.errors.length > 0) throw new Error(`pagefind: ${added.errors.join('; ')}`);
  const written = await index.writeFiles({ outputPath: `${dist}/pagefind` });
  if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
  await pagefind.close();
  return added.page_count;
}

if (import.meta.main) {
  const dist = process.argv[2] ?? 'dist';
  const pages = await indexSite(dist);
  console.log(`pagefind: indexed ${pages} pages into ${dist}/pagefind`);
}
