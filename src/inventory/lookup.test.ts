// The lookups the search page uses, on the recorded inventory of the fixture crate (content/inventory.json).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { classify } from './classify.ts';
import { parseDocument } from 'yaml';
import { inventoryRecordSchema } from '../model/inventory.ts';
import { panicPathSchema } from '../model/panic-path.ts';
import { compileTemplate, matchTemplate } from '../model/template.ts';
import { parsePaste } from '../panic-text/parse-paste.ts';
import { findSites } from './inventory.ts';
import { nearestDocumented, siteAt } from './lookup.ts';
import { newPanicFile } from './new-panic-file.ts';
import { realModel } from '../test-support/real-model.ts';

const record = inventoryRecordSchema.parse(
  JSON.parse(readFileSync(new URL('../../content/inventory.json', import.meta.url), 'utf8')),
);
// The file holds the source's sites; where each stands comes from the model, as on the site.
const classified = classify(realModel(), record.sites);
const sites = classified;
const paste = readFileSync(
  new URL('../fixtures/inventory-panics/trade-without-book.debug.bt1.txt', import.meta.url),
  'utf8',
);
const panic = parsePaste(paste).panics[0]!;

test('siteAt: the site a pasted location is at, whatever the form of the path; nothing on a line without one', () => {
  const loc = panic.location!;
  const site = siteAt(sites, loc.file, loc.line, loc.column);
  assert.ok(site, `${loc.file}:${loc.line}`);
  assert.equal(site.status, 'undocumented');
  assert.equal(site.fn, 'EventLoop::handle_trade');
  assert.ok(matchTemplate(compileTemplate(site.message), panic.message));
  assert.equal(siteAt(sites, `/home/ci/mm/${site.file}`, site.line)?.column, site.column, 'an absolute path');
  assert.equal(siteAt(sites, 'handlers.rs', site.line)?.column, site.column, 'a bare file name');
  assert.equal(
    siteAt(sites, 'src/other/handlers.rs', site.line),
    undefined,
    'a same-named file elsewhere is another file',
  );
  assert.equal(siteAt(sites, site.file, 1), undefined);
});

test('nearestDocumented: same function first, then same file, then same message; each path once, never the site itself', () => {
  const site = siteAt(sites, 'src/market_maker/orchestrator/handlers.rs', panic.location!.line)!;
  const near = nearestDocumented(sites, site);
  assert.ok(near.length > 0);
  const fill = near.find((n) => n.entry === 'panics/pending-fill-queue');
  assert.ok(fill, 'the pending fill queue (same file, same message)');
  assert.equal(fill.reason, 'same file');
  assert.equal(new Set(near.map((n) => n.entry)).size, near.length);
  const documented = sites.find((s) => s.entry === 'panics/pending-fill-queue')!;
  assert.ok(!nearestDocumented(sites, documented).some((n) => n.site === documented));
  const sameFn = sites.find(
    (s) =>
      s.status === 'undocumented' && sites.some((d) => d.status === 'documented' && d.fn === s.fn && d.file === s.file),
  )!;
  assert.equal(nearestDocumented(sites, sameFn)[0]?.reason, 'same function');
});

test('newPanicFile: a content file whose frontmatter the model accepts, at the site, with the pasted message', () => {
  const site = siteAt(sites, panic.location!.file, panic.location!.line)!;
  const text = newPanicFile(site, {
    message: panic.message,
    callChain: ['market_maker::main', 'EventLoop::handle_trade'],
  });
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(text)![1]!;
  const doc = parseDocument(fm);
  assert.deepEqual(doc.errors, []);
  const parsed = panicPathSchema.parse(doc.toJS());
  assert.equal(parsed.id, 'handle-trade-unwrap');
  assert.deepEqual(
    parsed.locations.map((l) => [l.file, l.line, l.release, l.message]),
    [[site.file, site.line, true, site.message]],
  );
  assert.equal(parsed.messages[0]!.shown, panic.message);
  assert.equal(parsed.messages[0]!.generic, true);
  assert.deepEqual(parsed.callChain, ['market_maker::main', 'EventLoop::handle_trade']);
});

test('a site that cannot tell Option from Result: both messages in the new file, the pasted one at the location', async () => {
  // An `.unwrap()` on a value of unknown type, as the inventory lists it (src/fixtures/inventory-trees/sdk-await/).
  const [unknown] = await findSites([{ file: 'src/lib.rs', text: 'fn u(f: fn() -> Option<u8>) { f().unwrap(); }' }]);
  assert.ok(unknown?.alternative, 'the inventory gives both messages');
  const either = {
    ...siteAt(sites, panic.location!.file, panic.location!.line)!,
    message: unknown.message,
    alternative: unknown.alternative,
  };
  const printed = either.alternative!.replace(/\{\w+\}/g, 'ParseIntError { kind: Empty }');
  const parsed = panicPathSchema.parse(
    parseDocument(/^---\n([\s\S]*?)\n---\n/.exec(newPanicFile(either, { message: printed }))![1]!).toJS(),
  );
  assert.deepEqual(
    parsed.messages.map((m) => m.template),
    [either.message, either.alternative],
  );
  assert.equal(parsed.locations[0]!.message, either.alternative, 'the message the paste printed');
  // A documented site printing either message is "the same message".
  const twin = {
    ...either,
    file: 'src/elsewhere.rs',
    status: 'documented' as const,
    entry: 'panics/x',
    message: either.alternative!,
    alternative: undefined,
  };
  assert.equal(nearestDocumented([...sites, twin], either).find((n) => n.entry === 'panics/x')?.reason, 'same message');
});
