/** Retired and renamed panic paths: the content that declares them loads; old URLs that lead nowhere do not. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { contentWithRetiredAndRenamed, RENAMED, RETIRED } from '../test-support/fixture-content.ts';
import { formatError, loadContent } from './load-content.ts';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(dirname(d), { recursive: true, force: true });
});
const content = () => {
  const d = contentWithRetiredAndRenamed();
  dirs.push(d);
  return d;
};
const edit = (dir: string, id: string, change: (text: string) => string) => {
  const file = join(dir, 'panics', `${id}.mdx`);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
};
const errorsOf = (dir: string) => loadContent(dir, dirname(dir)).errors.map(formatError);

test('a retired entry stays in the model with its release; a renamed one lists its former id', () => {
  const { model, errors } = loadContent(content());
  assert.deepEqual(errors, []);
  const retired = model.panics.find((p) => p.id === RETIRED.id)!;
  assert.equal(retired.retired?.release, RETIRED.release);
  assert.equal(retired.retired?.replacedBy, RETIRED.replacedBy);
  assert.deepEqual(model.panics.find((p) => p.id === RENAMED.id)!.redirects, [RENAMED.old]);
  assert.ok(model.panics.filter((p) => p.id !== RETIRED.id).every((p) => p.retired === undefined));
});

test('a former id that is a live id, or that two entries claim, is an error at its line', () => {
  const dir = content();
  edit(dir, RENAMED.id, (t) => t.replace(`  - ${RENAMED.old}\n`, `  - ${RENAMED.old}\n  - config-validation\n`));
  edit(dir, RETIRED.id, (t) => t.replace(/^retired:/m, `redirects:\n  - ${RENAMED.old}\nretired:`));
  const errors = errorsOf(dir);
  assert.equal(errors.length, 2, errors.join('\n'));
  assert.match(
    errors[0]!,
    /^content\/panics\/pending-fill-queue\.mdx:\d+: error: `redirects\[1\]` "config-validation" is the id of another panic path, so \/panics\/config-validation\/ cannot redirect here/,
  );
  assert.match(
    errors[1]!,
    /^content\/panics\/quote-cache-poisoning\.mdx:\d+: error: `redirects\[0\]` "fill-queue-empty" already redirects to "pending-fill-queue"/,
  );
  const text = readFileSync(join(dir, 'panics', `${RENAMED.id}.mdx`), 'utf8').split('\n');
  const line = Number(/\.mdx:(\d+):/.exec(errors[0]!)![1]);
  assert.equal(text[line - 1], '  - config-validation', 'the error points at the offending line');
});

test('replacedBy must name a panic path that exists (and says so when it names a former id)', () => {
  const dir = content();
  edit(dir, RETIRED.id, (t) => t.replace(`replacedBy: ${RETIRED.replacedBy}`, `replacedBy: ${RENAMED.old}`));
  const errors = errorsOf(dir);
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(
    errors[0]!,
    /`retired\.replacedBy` refers to a panic path "fill-queue-empty" that does not exist; it was renamed to "pending-fill-queue"$/,
  );
  edit(dir, RETIRED.id, (t) => t.replace(`replacedBy: ${RENAMED.old}`, 'replacedBy: No Such Id'));
  assert.match(errorsOf(dir).join('\n'), /`retired\.replacedBy` must be lowercase words joined by "-"/);
});
