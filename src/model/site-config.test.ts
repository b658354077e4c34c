// BASE_PATH and SITE_URL go into every page: anything but a plain sub-path and a plain origin stops the build by name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatError } from './load-content.ts';
import { siteConfigFromEnv } from './site-config.ts';

const errors = (env: Record<string, string>) => siteConfigFromEnv(env).errors.map(formatError);

test('unset or empty gives the defaults; good values pass through, the origin normalised', () => {
  assert.deepEqual(siteConfigFromEnv({}).config, { base: '/', site: 'http://localhost:4321' });
  assert.deepEqual(siteConfigFromEnv({ BASE_PATH: '', SITE_URL: '' }).config, {
    base: '/',
    site: 'http://localhost:4321',
  });
  assert.deepEqual(siteConfigFromEnv({ BASE_PATH: '/docs/panics/', SITE_URL: 'https://Runbooks.Example/' }).config, {
    base: '/docs/panics/',
    site: 'https://runbooks.example',
  });
  assert.deepEqual(siteConfigFromEnv({ BASE_PATH: '/a.b_c~d-e/v1/', SITE_URL: 'http://127.0.0.1:8080' }).config, {
    base: '/a.b_c~d-e/v1/',
    site: 'http://127.0.0.1:8080',
  });
});

test('a base that would load scripts from another host, or leave the site, is refused', () => {
  assert.deepEqual(errors({ BASE_PATH: '//evil.example/' }), [
    'environment: error: `BASE_PATH` must not hold "//": a base starting with "//" is another host, and every script would load from it (like "/" or "/docs/panics/"), got "//evil.example/"',
  ]);
  for (const [bad, why] of [
    ['docs/', /must start and end with "\/"/],
    ['/docs', /must start and end with "\/"/],
    ['/docs//panics/', /must not hold "\/\/"/],
    ['/docs/../', /must not hold a "\.\." segment/],
    ['/./', /must not hold a "\." segment/],
    ['/docs panics/', /only letters, digits/],
    ['/%2e%2e/', /only letters, digits/],
    ['/a\\b/', /only letters, digits/],
    ['/"><script>/', /only letters, digits/],
    ['https://evil.example/', /must start and end with "\/"/],
  ] as const) {
    const [e, ...rest] = errors({ BASE_PATH: bad });
    assert.equal(rest.length, 0, bad);
    assert.match(e!, /^environment: error: `BASE_PATH` /, bad);
    assert.match(e!, why, bad);
  }
});

test('a site URL that is not a plain http(s) origin is refused', () => {
  for (const [bad, why] of [
    ['//evil.example', /must be an absolute URL/],
    ['evil.example', /must be an absolute URL/],
    ['javascript:alert(1)', /must start with http:\/\/ or https:\/\//],
    ['ftp://runbooks.example', /must start with http/],
    ['https://user:pw@runbooks.example', /user name or password/],
    ['https://runbooks.example/?q=1', /query or a fragment/],
    ['https://runbooks.example#x', /query or a fragment/],
    ['https://runbooks.example/docs/', /without a path: put the sub-path in BASE_PATH/],
    ['https:evil.example', /written as http\(s\):\/\/host/],
    [' https://runbooks.example', /spaces/],
  ] as const) {
    const [e, ...rest] = errors({ SITE_URL: bad });
    assert.equal(rest.length, 0, bad);
    assert.match(e!, /^environment: error: `SITE_URL` /, bad);
    assert.match(e!, why, bad);
  }
});

test('both bad: one error each', () => {
  assert.deepEqual(
    errors({ BASE_PATH: 'x', SITE_URL: 'y' }).map((e) => e.split('`')[1]),
    ['BASE_PATH', 'SITE_URL'],
  );
});
