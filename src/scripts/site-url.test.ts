// What the site's scripts may navigate to or copy: only pages of the site, on its origin, under its base path.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { siteUrl } from './site-url.ts';

const here = 'https://runbooks.example/docs/panics/panics/glft-kappa-gamma/#top';
const base = '/docs/panics/';

test('pages of the site under the base path pass, resolved against the page', () => {
  const site = 'https://runbooks.example/docs/panics/';
  assert.equal(siteUrl('#spread_oracle-L43', here, base)?.href, `${site}panics/glft-kappa-gamma/#spread_oracle-L43`);
  assert.equal(siteUrl('/docs/panics/search/#q=x', here, base)?.href, `${site}search/#q=x`);
  assert.equal(
    siteUrl('../kill-switch-mutex-poisoning/', here, base)?.href,
    `${site}panics/kill-switch-mutex-poisoning/`,
  );
  assert.equal(siteUrl('https://runbooks.example/docs/panics/', here, base)?.pathname, '/docs/panics/');
  assert.equal(siteUrl('/frames/', 'http://127.0.0.1:4530/', '/')?.href, 'http://127.0.0.1:4530/frames/');
});

test('another origin, however it is written, is refused', () => {
  for (const href of [
    'https://evil.example/landing',
    'https://evil.example/#spread_oracle-L43',
    '//evil.example/docs/panics/',
    '/\\evil.example/docs/panics/',
    '\\\\evil.example/docs/panics/',
    'https://runbooks.example.evil.example/docs/panics/',
    'http://runbooks.example/docs/panics/',
    'https://runbooks.example:8443/docs/panics/',
    'https://user@runbooks.example/docs/panics/',
    ' https://evil.example/',
  ])
    assert.equal(siteUrl(href, here, base), undefined, href);
});

test('other schemes and paths outside the base are refused', () => {
  for (const href of [
    'javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:https://runbooks.example/0b6c',
    '/other-app/',
    '/docs/panics',
    '/docs/panics/../../admin/',
    '/docs/panics/%2e%2e/admin/',
    'http://[bad',
  ])
    assert.equal(siteUrl(href, here, base), undefined, href);
  assert.equal(siteUrl('/x/', 'not a url', '/'), undefined);
});
