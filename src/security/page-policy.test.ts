// A page's meta policy keeps only the hashes of inline scripts and styles that page has.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashSource, inlineContents, pagePolicy, prunePolicyHashes } from './page-policy.ts';

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
