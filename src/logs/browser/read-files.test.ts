// The log page's reader, run here in Node (Blob, streams and DecompressionStream are the browser's own APIs): the same
// log gives exactly the groups `mm-panics triage --json` gives, plain, gzipped and rotated in two files; bad input
// gets the CLI's words.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isUtf8 as nodeIsUtf8 } from 'node:buffer';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { main } from '../../cli/triage.ts';
import { classify } from '../../inventory/classify.ts';
import { inventoryRecordSchema } from '../../model/inventory.ts';
import { toSearchModel } from '../../model/search-model.ts';
import { incidentLog, rotated } from '../../test-support/incident-log.ts';
import type { PanicGroup } from '../groups.ts';
import type { LogPageModel } from '../page-model.ts';
import { isUtf8 } from './node-buffer.ts';
import { type LogFile, readLogFiles } from './read-files.ts';
import { realModel } from '../../test-support/real-model.ts';

const root = new URL('../../../', import.meta.url).pathname;
const model = realModel();
const recorded = inventoryRecordSchema.parse(JSON.parse(readFileSync(join(root, 'content/inventory.json'), 'utf8')));
const { version, panics, places } = toSearchModel(model);
const pageModel: LogPageModel = { version, panics, places, sites: classify(model, recorded.sites) };
const SITE = 'http://localhost:4321/';

const dir = mkdtempSync(join(tmpdir(), 'mm-log-page-'));
const write = (name: string, data: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};

async function cli(paths: string[]): Promise<PanicGroup[]> {
  let out = '';
  const sink = { write: (s: string) => ((out += s), true) };
  await main(['--json', '--site', SITE, ...paths], {
    stdout: sink,
    stderr: { write: () => true },
    stdin: process.stdin,
  } as never);
  return out
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as PanicGroup);
}

const page = (files: LogFile[]) => readLogFiles(files, pageModel, SITE, () => {});
const blob = (data: string | Uint8Array) => new Blob([data as BlobPart]);
const log = incidentLog();

test('a log of every real panic in several wrappers: the groups the CLI gives, field for field', async () => {
  const expected = await cli([write('incident.log', log)]);
  assert.ok(expected.length >= 4, `the CLI found ${expected.length} groups`);
  const got = await page([{ name: join(dir, 'incident.log'), blob: blob(log) }]);
  assert.deepEqual(got.groups, expected);
  assert.deepEqual(got.errors, []);
  assert.equal(
    got.panics,
    expected.reduce((s, g) => s + g.count, 0),
  );
});

test('the same log gzipped and rotated in two files: the groups the CLI gives for those files', async () => {
  const [older, current] = rotated(log);
  const a = write('app.log.1.gz', gzipSync(older));
  const b = write('app.log', current);
  const expected = await cli([a, b]);
  const got = await page([
    { name: a, blob: blob(gzipSync(older)) },
    { name: b, blob: blob(current) },
  ]);
  assert.deepEqual(got.groups, expected);
  // And as one log, the same groups and counts.
  const whole = await page([{ name: 'incident.log', blob: blob(log) }]);
  assert.deepEqual(
    got.groups.map((g) => [g.key, g.count]),
    whole.groups.map((g) => [g.key, g.count]),
  );
  assert.equal(got.lines, whole.lines);
});

test("binary data and an invalid gzip are refused in the CLI's words; the other files are still read", async () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const badGz = new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const got = await page([
    { name: 'core.png', blob: blob(png) },
    { name: 'old.gz', blob: blob(badGz) },
    { name: 'app.log', blob: blob(log) },
  ]);
  assert.equal(got.errors[0], 'core.png: binary data (a NUL byte at byte 8), not a log: skipped');
  assert.match(got.errors[1]!, /^old\.gz: not a valid gzip file \(/);
  assert.ok(got.groups.length >= 4);
});

test('a log without a panic: no group, every line counted', async () => {
  const quiet = Array.from({ length: 1000 }, (_, i) => `INFO tick ${i}`).join('\n');
  const got = await page([{ name: 'quiet.log', blob: blob(quiet) }]);
  assert.deepEqual(got.groups, []);
  assert.equal(got.lines, 1000);
});

test('progress counts the bytes of the files, compressed bytes for a .gz', async () => {
  const gz = gzipSync(log);
  let last = { bytes: 0, total: 0 };
  await readLogFiles([{ name: 'a.gz', blob: blob(gz) }], pageModel, SITE, (p) => (last = { ...p }));
  assert.equal(last.total, gz.length);
  assert.equal(last.bytes, gz.length);
});

test('the browser isUtf8 agrees with node:buffer on valid, invalid and cut sequences', () => {
  const cases = ['plain', 'é €  𝄞', '\uFFFD'].map((s) => new TextEncoder().encode(s));
  cases.push(
    new Uint8Array([0xe9]),
    new Uint8Array([0xf0, 0x9d]),
    new Uint8Array([0xed, 0xa0, 0x80]),
    new Uint8Array([0xc0, 0x80]),
  );
  for (const c of cases) assert.equal(isUtf8(c), nodeIsUtf8(c), `${[...c].map((b) => b.toString(16))}`);
});
