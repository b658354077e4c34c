// SOURCE_URL: every location links to its code at the recorded commit; without SOURCE_URL, or without a recorded
// commit when the template needs one, there is no link. A bad template stops the build like a bad BASE_PATH.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { locationAnchor } from './anchor.ts';
import { loadContent } from './load-content.ts';
import { siteConfigFromEnv } from './site-config.ts';
import { sourceLink } from './source-link.ts';
import { tempDir } from '../test-support/temp-dir.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const TEMPLATE = 'https://github.com/ORG/hl-mm/blob/{commit}/{path}#L{line}';
const COMMIT = '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d';

test('a location links to its file and line at the recorded commit', () => {
  const links = { template: TEMPLATE, commit: COMMIT };
  assert.equal(
    sourceLink(links, { file: 'src/market_maker/strategy/spread_oracle.rs', line: 43 }),
    `https://github.com/ORG/hl-mm/blob/${COMMIT}/src/market_maker/strategy/spread_oracle.rs#L43`,
  );
  assert.equal(
    sourceLink(links, { file: 'src/a b.rs' }),
    `https://github.com/ORG/hl-mm/blob/${COMMIT}/src/a%20b.rs#L1`,
  );
  assert.equal(
    sourceLink({ template: TEMPLATE, commit: null }, { file: 'src/a.rs', line: 1 }),
    undefined,
    'no commit recorded: no link',
  );
  assert.equal(sourceLink(null, { file: 'src/a.rs', line: 1 }), undefined, 'no SOURCE_URL: no link');
  assert.equal(
    sourceLink(
      { template: 'https://code.example/hl-mm/{path}?line={line}', commit: null },
      { file: 'src/a.rs', line: 7 },
    ),
    'https://code.example/hl-mm/src/a.rs?line=7',
  );
});

test('a bad SOURCE_URL is a named error', () => {
  const error = (SOURCE_URL: string) => {
    const r = siteConfigFromEnv({ SOURCE_URL });
    return r.errors.map((e) => `${e.file}: \`${e.field}\` ${e.message}`)[0];
  };
  assert.equal(error(TEMPLATE), undefined);
  assert.match(
    error('https://github.com/ORG/hl-mm/blob/{sha}/{path}')!,
    /^environment: `SOURCE_URL` must use only the placeholders \{commit\}, \{path\} and \{line\}, not \{sha\}/,
  );
  assert.match(error('https://github.com/ORG/hl-mm/blob/main/')!, /must hold \{path\}/);
  assert.match(error('javascript:alert(1)//{path}')!, /must be an http\(s\) URL/);
});

test('astro build with SOURCE_URL: every location row of every page links its code at the checked commit', () => {
  const base = tempDir('source-url');
  const content = join(base, 'content');
  cpSync(join(root, 'content'), content, { recursive: true });
  writeFileSync(
    join(content, 'source-check.json'),
    `${JSON.stringify({ commit: COMMIT, checkedAt: '2026-11-24T11:45:18.069Z', ok: true, results: {} })}\n`,
  );
  rmSync(join(content, 'inventory.json'), { force: true });
  const dist = join(base, 'dist');
  const r = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    cwd: root,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CONTENT_DIR: content, DIST_DIR: dist, SOURCE_URL: TEMPLATE },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const { model } = loadContent(content, root);
  for (const p of model.panics) {
    const html = readFileSync(join(dist, 'panics', p.id, 'index.html'), 'utf8');
    for (const loc of p.locations) {
      const row = new RegExp(`<tr id="${locationAnchor(loc)}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
      assert.ok(
        row.includes(`href="https://github.com/ORG/hl-mm/blob/${COMMIT}/${loc.file}#L${loc.line ?? 1}"`),
        `${p.id} ${locationAnchor(loc)}`,
      );
    }
  }
  const search = JSON.parse(readFileSync(join(dist, 'search-model', 'head.json'), 'utf8')) as { source: unknown };
  assert.deepEqual(search.source, { template: TEMPLATE, commit: COMMIT });
});
