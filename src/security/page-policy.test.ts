// A page's meta policy keeps only the hashes of inline scripts and styles that page has.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  builtScriptHashes,
  hashSource,
  inlineContents,
  pagePolicy,
  pruneBuiltPolicies,
  prunePolicyHashes,
} from './page-policy.ts';

const style = 'body{color:red}';
const inline = 'console.log(1)';
const unused = hashSource('the island loader no page has');
const page = (scriptHashes: string[], styleHashes: string[], body: string) =>
  `<!DOCTYPE html><html><head><meta http-equiv="content-security-policy" content="default-src 'self'; ` +
  `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes.join(' ')}; style-src 'self' ${styleHashes.join(' ')}; ` +
  `style-src-attr 'unsafe-inline';"><style>${style}</style>` +
  `<script type="module" src="/_astro/site.js"></script></head><body>${body}</body></html>`;

test('hashes that match no inline element of the page are dropped, the rest of the policy is kept', () => {
  const scripts = [unused, hashSource(inline)];
  const html = page(scripts, [hashSource(style), hashSource('other page')], `<script>${inline}</script>`);
  const p = pagePolicy(prunePolicyHashes(html))!;
  assert.deepEqual(p.hashes, { 'script-src': [hashSource(inline)], 'style-src': [hashSource(style)] });
  const hash = "'sha256-[^']+'";
  const policy = `^default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${hash}; style-src 'self' ${hash}; `;
  assert.match(p.policy, new RegExp(`${policy}style-src-attr 'unsafe-inline';$`));
});

test('a script with src is not inline: a hash of its text would not allow it, and is dropped', () => {
  const html = page([unused], [hashSource(style)], '');
  assert.deepEqual(inlineContents(html, 'script'), []);
  assert.deepEqual(pagePolicy(prunePolicyHashes(html))!.hashes['script-src'], []);
  assert.ok(prunePolicyHashes(html).includes("script-src 'self' 'wasm-unsafe-eval';"));
});

test('a style hash of another algorithm is checked with it; a page without a policy is unchanged', () => {
  const html = page([], [hashSource(style, 'sha384')], '');
  assert.deepEqual(pagePolicy(prunePolicyHashes(html))!.hashes['style-src'], [hashSource(style, 'sha384')]);
  assert.equal(prunePolicyHashes('<p>no policy</p>'), '<p>no policy</p>');
  assert.deepEqual(inlineContents('<scripts><script>a</script><SCRIPT>b</SCRIPT></scripts>', 'script'), ['a', 'b']);
});

test("a build's pages are narrowed in place, and the inline scripts they keep are what the site's header allows", () => {
  const dist = mkdtempSync(join(tmpdir(), 'page-policy-'));
  try {
    const search = `<script type="module">${inline}</script>`;
    const other = "document.body.dataset.other = '1';";
    mkdirSync(join(dist, 'search'));
    mkdirSync(join(dist, 'logs'));
    writeFileSync(join(dist, 'search', 'index.html'), page([unused, hashSource(inline)], [hashSource(style)], search));
    writeFileSync(
      join(dist, 'logs', 'index.html'),
      page([hashSource(other)], [hashSource(style)], `<script>${other}</script>`),
    );
    writeFileSync(join(dist, 'index.html'), page([unused], [hashSource(style)], ''));
    // Not a page of the build: a link is not followed, and a file that is not HTML is not read.
    symlinkSync(join(dist, 'search', 'index.html'), join(dist, 'linked.html'));
    writeFileSync(join(dist, 'data.json'), page([hashSource('not a page')], [], ''));
    const expected = [hashSource(inline), hashSource(other)].sort();
    const pruned = pruneBuiltPolicies(dist);
    assert.deepEqual(pruned, { changed: 2, scriptHashes: expected });
    assert.ok(!readFileSync(join(dist, 'index.html'), 'utf8').includes(unused));
    assert.deepEqual(builtScriptHashes(dist), expected);
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
});
