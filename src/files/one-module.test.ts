import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bundleOneModule } from './one-module.ts';

const ENTRY = '\0entry';
const entry = (code: string, extra: object = {}) => ({
  input: ENTRY,
  logLevel: 'silent' as const,
  plugins: [{ name: 'entry', resolveId: (id: string) => (id === ENTRY ? ENTRY : null), load: () => code, ...extra }],
});

test('an entry and what it imports come out as one ES module', async () => {
  const chunk = await bundleOneModule('x', entry('export const a = await Promise.resolve(1);'));
  assert.match(chunk.code, /export \{/);
  assert.deepEqual(chunk.imports, []);
});

test('a second file out of the bundler is an error naming the bundle and the files', async () => {
  const emitting = entry('export const a = 1;', {
    buildStart(this: { emitFile(f: object): void }) {
      this.emitFile({ type: 'asset', fileName: 'extra.txt', source: 'x' });
    },
  });
  await assert.rejects(bundleOneModule('triage.js', emitting), /triage\.js: expected one chunk, got .*extra\.txt/);
});
