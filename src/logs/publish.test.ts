// `/triage.js`: the module the build publishes, imported in Node as a bot would, gives the site matcher's verdicts
// on the real panics, needs nothing but itself, and links pages under the site's base.
// With E2E_DIST set (a built site), the module of that build is checked too.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { toSearchModel } from '../model/search-model.ts';
import { createTriage } from '../search/verdict.ts';
import { LogTriage } from './groups.ts';
import type { PublicApi, Verdict } from './public-api.ts';
import { TRIAGE_MODULE, writeTriageModule } from './publish.ts';
import { buildLog, fixture, fixtureNames, WRAPPERS } from '../test-support/sample-logs.ts';
import { triageText } from './read-log.ts';
import { realModel } from '../test-support/real-model.ts';

const SITE = 'https://runbooks.example/docs/panics/';
const model = realModel();
const searchModel = toSearchModel(model);
const matcher = createTriage(searchModel.panics, searchModel.places);

type Module = PublicApi & { site: string; modelVersion: number };

async function checkModule(path: string, site: string): Promise<void> {
  // The code after the banner comment (which shows how to import the module).
  const source = readFileSync(path, 'utf8');
  assert.match(source, /^\/\*\*[\s\S]*?triage\(text\)[\s\S]*?\*\//, 'the banner documents the API');
  const code = source.slice(source.indexOf('*/') + 2);
  assert.doesNotMatch(
    code,
    /\bimport\s*[\s{*"'(]|\brequire\(|node:|document\.|window\./,
    'self-contained, no Node, no DOM',
  );
  const m = (await import(pathToFileURL(path).href)) as Module;
  assert.equal(m.site, site);
  assert.equal(m.modelVersion, searchModel.version);
  const siteMatcher = createTriage(toSearchModel(model).panics);
  for (const name of fixtureNames()) {
    const text = fixture(name);
    const expected = siteMatcher(text);
    const all: Verdict[] = m.triageAll(text);
    assert.equal(all.length, expected.verdicts.length, name);
    all.forEach((v, i) => {
      const e = expected.verdicts[i]!;
      assert.equal(v.known, e.known !== undefined, name);
      assert.equal(v.id, e.known?.id ?? null, name);
      assert.equal(v.anchor, e.known?.anchor ?? null, name);
      assert.equal(
        v.secondary,
        e.panic.secondary || (v.id !== null && searchModel.panics.find((p) => p.id === v.id)!.secondary),
        name,
      );
      assert.ok(v.url.startsWith(site), v.url);
      if (v.known) {
        assert.equal(v.url, `${site}panics/${v.id}/${v.anchor ? `#${v.anchor}` : ''}`);
        assert.equal(v.severity, searchModel.panics.find((p) => p.id === v.id)!.severity);
      } else assert.match(v.url, /\/search\/\?q=thread%20/);
    });
    // The lead verdict is the search card's: its lead panic.
    assert.equal(m.triage(text)?.id ?? null, expected.lead?.known?.id ?? null, name);
  }
  assert.equal(m.triage(''), null);
  assert.equal(m.searchUrl('a b\nc'), `${site}search/?q=a%20b%0Ac`);
}

test("the published module gives the site matcher's verdicts on every real panic, self-contained", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-triage-js-'));
  const { path, bytes } = await writeTriageModule(dir, model, SITE);
  assert.equal(path, join(dir, TRIAGE_MODULE));
  assert.ok(bytes > 0);
  await checkModule(path, SITE);
});

test('a secondary panic carries its original; triageLog groups a whole log as the CLI does', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-triage-js-'));
  const { path } = await writeTriageModule(dir, model, SITE);
  const m = (await import(pathToFileURL(path).href)) as Module;
  const poison = fixture('poison.debug.bt1.txt');
  const lead = m.triage(poison)!;
  const expected = matcher(poison);
  assert.equal(lead.id, expected.lead!.known!.id);
  assert.equal(lead.secondary, true);
  assert.equal(
    lead.original?.location,
    `${expected.original!.panic.location!.file}:${expected.original!.panic.location!.line}:${expected.original!.panic.location!.column}`,
  );
  const log = buildLog(
    [poison, fixture('kappa-zero.debug.bt0.txt')],
    WRAPPERS.find((w) => w.name === 'docker json-file (log)')!,
  ).text;
  const cli = new LogTriage(searchModel, { site: SITE });
  triageText(cli, log);
  assert.deepEqual(m.triageLog(log), cli.groups());
});

const built = process.env.E2E_DIST && join(process.env.E2E_DIST, TRIAGE_MODULE);
if (built) {
  test(`the build's own ${built} gives the same verdicts`, async () => {
    assert.ok(existsSync(built), `${built} is missing: the build did not publish the matcher`);
    const m = (await import(pathToFileURL(built).href)) as Module;
    await checkModule(built, m.site);
  });
}
