// A shared link carries no values of the crash and still lands on the same verdict, for every real panic.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { toSearchModel } from '../model/search-model.ts';
import { messageTemplate } from './parameterize.ts';
import { shareQuery } from './share.ts';
import { createTriage } from './verdict.ts';
import { realModel } from '../test-support/real-model.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const triage = createTriage(toSearchModel(realModel()).panics);
const dir = join(root, 'src/fixtures/panics');

for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
  test(`the shared query of ${name} lands on the same verdict and drops the thread id`, () => {
    const paste = readFileSync(join(dir, name), 'utf8');
    const t = triage(paste);
    assert.ok(t.lead);
    const q = shareQuery(t.lead);
    assert.ok(q.length < 400, q);
    assert.doesNotMatch(q, /\(\d+\)|thread '/);
    assert.equal(triage(q).lead?.known?.id, t.lead.known?.id, q);
  });
}

test('values become placeholders', () => {
  assert.equal(
    messageTemplate('kappa must be > 0, got -0.25 at 0x7ffd "abc"\nnext line'),
    'kappa must be > {n}, got {n} at {hex} "{s}"',
  );
});
