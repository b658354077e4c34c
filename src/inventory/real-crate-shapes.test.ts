// Shapes of public crates that broke the inventory, reduced to std-only fixtures (src/fixtures/inventory-trees/): each
// line's `// site:` mark says what must be found there (the folder's README), and nothing is found elsewhere.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FoundSite } from '../model/inventory.ts';
import { findSites } from './inventory.ts';
import { packageName, readCrate } from './read-crate.ts';

const TREES = fileURLToPath(new URL('../fixtures/inventory-trees/', import.meta.url));

interface Mark {
  wraps?: 'Result' | 'Option' | 'either';
  fn?: string;
  via?: { fn: string; resolved: boolean };
}

function parseMark(text: string): Mark {
  const via = /^via (\w+)( unresolved)?$/.exec(text);
  if (via) return { via: { fn: via[1]!, resolved: via[2] === undefined } };
  const m = /^(Result|Option|either)(?: in (\S+))?$/.exec(text);
  assert.ok(m, `a mark reads "Result|Option|either [in FN]" or "via NAME [unresolved]": ${text}`);
  return { wraps: m[1] as Mark['wraps'], ...(m[2] ? { fn: m[2] } : {}) };
}

const isResult = (s: FoundSite) => s.message.startsWith('called `Result::') || s.message.endsWith(': {error}');

async function sitesOf(tree: string) {
  const dir = join(TREES, tree);
  const read = readCrate(dir);
  if ('error' in read) throw new Error(read.error);
  return { files: read.files, sites: await findSites(read.files, packageName(dir)) };
}

for (const tree of readdirSync(TREES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)) {
  test(`${tree}: every marked line holds what its mark says, and no other line holds a site`, async () => {
    const { files, sites } = await sitesOf(tree);
    const marked = new Set<string>();
    for (const f of files) {
      f.text.split('\n').forEach((line, i) => {
        const at = line.indexOf('// site: ');
        if (at < 0) return;
        const where = `${f.file}:${i + 1}`;
        marked.add(where);
        const mark = parseMark(line.slice(at + '// site: '.length).trim());
        const here = sites.filter((s) => s.file === f.file && s.line === i + 1);
        assert.ok(here.length > 0, `${where}: a site`);
        for (const s of here) {
          if (mark.via) assert.deepEqual(s.via, mark.via, `${where}: reported through ${mark.via.fn}`);
          if (mark.fn) assert.equal(s.fn, mark.fn, `${where}: the function as a backtrace names it`);
          if (mark.wraps === 'either') {
            assert.ok(
              s.alternative !== undefined && isResult({ ...s, message: s.alternative }) && !isResult(s),
              `${where}: both messages`,
            );
          } else if (mark.wraps) {
            assert.equal(s.alternative, undefined, `${where}: one message (${s.decided})`);
            assert.equal(isResult(s) ? 'Result' : 'Option', mark.wraps, `${where}: ${s.message} (${s.decided})`);
          }
          assert.ok(mark.via || s.decided, `${where}: the site says how Option or Result was decided`);
        }
      });
    }
    assert.deepEqual(
      sites.map((s) => `${s.file}:${s.line}`).filter((w) => !marked.has(w)),
      [],
      'sites on unmarked lines',
    );
  });
}

test('track-caller: a call stands for every site its #[track_caller] function reaches, through cycles, each once', async () => {
  const { sites } = await sitesOf('track-caller');
  const messages = (fn: string) =>
    sites
      .filter((s) => s.via?.fn === fn)
      .map((s) => s.message)
      .sort();
  // insert → insert_at → insert_idx (its assert) → insert again: the cycle ends, the assert is reported once.
  assert.deepEqual(messages('insert'), ['timer duration exceeds maximum duration']);
  // reset → reset_at → remove_key (its expect and its index) and insert_idx, and back to reset.
  assert.deepEqual(messages('reset'), [
    'index out of bounds: the len is {len} but the index is {index}',
    'invalid key',
    'timer duration exceeds maximum duration',
  ]);
});
