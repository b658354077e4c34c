// The search page's script reaches the client build as one module that imports nothing: its chunk is the one file
// the page loads, whatever other pages share with it.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { singleFileScript } from './single-file-script.ts';

const entry = fileURLToPath(new URL('../scripts/search-page.ts', import.meta.url));

async function load(plugin: ReturnType<typeof singleFileScript>, id: string) {
  const watched: string[] = [];
  const hook = plugin.load as (this: unknown, id: string) => Promise<{ code: string; moduleType: string } | null>;
  const out = await hook.call({ addWatchFile: (f: string) => watched.push(f) }, id);
  return { out, watched };
}

test('the search script is handed over bundled with all it imports, and imports nothing', async () => {
  const { out, watched } = await load(singleFileScript(entry), entry);
  assert.ok(out);
  assert.equal(out.moduleType, 'js');
  // Rolldown writes a static import at the start of a statement: `import … from "…"` or `import "…"`.
  assert.doesNotMatch(out.code, /(^|[;}\n])\s*import\s*(["'{*]|[\w$]+\s*(,|from))/);
  assert.doesNotMatch(out.code, /(^|[;}\n])\s*export\s*\*\s*from/);
  // What the page shares with others (the site script, the panic grammar) is inside it, and rebuilds it when changed.
  for (const shared of ['src/scripts/site.ts', 'src/panic-text/grammar.ts', 'src/search/sharded-search.ts'])
    assert.ok(
      watched.some((f) => f.endsWith(shared)),
      `${shared} is bundled in`,
    );
  // Pagefind stays a dynamic import, made when the page needs it.
  assert.match(out.code, /import\(/);
});

test('any other module is left to the build', async () => {
  const other = fileURLToPath(new URL('../scripts/site.ts', import.meta.url));
  assert.equal((await load(singleFileScript(entry), other)).out, null);
});

test('a script that imports what a browser cannot load fails the build, naming it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-single-file-'));
  const script = join(dir, 'page.ts');
  writeFileSync(script, "import { readFileSync } from 'node:fs';\nconsole.log(readFileSync);\n");
  await assert.rejects(load(singleFileScript(script), script), /page\.ts: imports node:fs/);
});

test('the chunk that holds the script, and no other chunk or asset, is written into its page', () => {
  const plugin = singleFileScript(entry);
  const config = plugin.config as () => { build: { assetsInlineLimit: (file: string) => boolean } };
  const inline = config().build.assetsInlineLimit;
  const generate = (plugin.generateBundle as { handler: (this: unknown, o: unknown, b: unknown) => void }).handler;
  assert.equal(inline('_astro/search.js'), false, 'nothing is known before the bundle');
  generate.call(
    {},
    {},
    {
      '_astro/search.js': {
        type: 'chunk',
        fileName: '_astro/search.js',
        moduleIds: ['/src/pages/search.astro', entry],
      },
      '_astro/site.js': { type: 'chunk', fileName: '_astro/site.js', moduleIds: ['/src/scripts/site.ts'] },
      '_astro/icon.svg': { type: 'asset', fileName: '_astro/icon.svg' },
    },
  );
  assert.equal(inline('_astro/search.js'), true);
  assert.equal(inline('_astro/site.js'), false);
  assert.equal(inline('_astro/icon.svg'), false);
});
