// A page asks for the chunks its module scripts import with the page, not once a script has arrived and been parsed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ModuleGraph, staticImports, withModulePreloads } from './module-preloads.ts';

// The search page's shape: the layout's script and the page's script share a chunk, and the page's imports another
// that imports a third.
const graph: ModuleGraph = new Map([
  ['_astro/site.js', ['_astro/handoff.js']],
  ['_astro/search.js', ['_astro/grammar.js', '_astro/handoff.js']],
  ['_astro/grammar.js', ['_astro/regex.js']],
  ['_astro/handoff.js', []],
  ['_astro/regex.js', []],
]);
const page = (base: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><script type="module" src="${base}_astro/site.js"></script>` +
  `<style>p{}</style></head><body><p>x</p><script type="module" src="${base}_astro/search.js"></script></body></html>`;
const preloads = (html: string) => [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);

test('every chunk the scripts import, directly or not, once each, and no script the page already names', () => {
  assert.deepEqual(staticImports(graph, ['_astro/site.js', '_astro/search.js']), [
    '_astro/handoff.js',
    '_astro/grammar.js',
    '_astro/regex.js',
  ]);
  // A chunk that is itself a script of the page is not preloaded; what it imports is.
  assert.deepEqual(staticImports(graph, ['_astro/search.js', '_astro/grammar.js']), [
    '_astro/handoff.js',
    '_astro/regex.js',
  ]);
});

test('the preloads go into the head, under the base every script URL of the page starts with', () => {
  for (const base of ['/', '/docs/panics/']) {
    const html = withModulePreloads(page(base), base, graph);
    const expected = ['_astro/handoff.js', '_astro/grammar.js', '_astro/regex.js'].map((f) => base + f);
    assert.deepEqual(preloads(html), expected);
    const head = html.slice(0, html.indexOf('</head>'));
    assert.equal(preloads(head).length, 3);
    // Right after the head's script, ahead of what follows it there (the policy <meta> in a built page).
    assert.ok(html.indexOf('<link rel="modulepreload"') < html.indexOf('<style>'));
    // The page is otherwise unchanged.
    assert.equal(html.replace(/<link rel="modulepreload"[^>]*>/g, ''), page(base));
  }
});

test("before the policy <meta> that follows the head's scripts, and at the end of a head without a script", () => {
  const policy = '<meta http-equiv="content-security-policy" content="default-src \'self\'">';
  const built =
    `<html><head><script type="module" src="/_astro/site.js"></script>` +
    `<script type="module" src="/_astro/search.js"></script>${policy}<style>p{}</style></head><body></body></html>`;
  const html = withModulePreloads(built, '/', graph);
  assert.equal(preloads(html.slice(0, html.indexOf(policy))).length, 3);
  const bodyScript = '<html><head><title>x</title></head><body><script type="module" src="/_astro/search.js"></script>';
  const moved = withModulePreloads(bodyScript, '/', graph);
  assert.equal(preloads(moved.slice(0, moved.indexOf('</head>'))).length, 3);
});

test('a page whose scripts import nothing, or that has no module script, is unchanged', () => {
  const lone = '<html><head><script type="module" src="/_astro/regex.js"></script></head><body></body></html>';
  assert.equal(withModulePreloads(lone, '/', graph), lone);
  const none = '<html><head></head><body></body></html>';
  assert.equal(withModulePreloads(none, '/', graph), none);
  // A script of another base is not this build's.
  assert.equal(withModulePreloads(page('/other/'), '/docs/', graph), page('/other/'));
});
