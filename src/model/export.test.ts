// The export is typed by its zod schema; here the values buildExport makes are validated by it at run time too,
// for the real content and for the test content with a sixth panic path.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { writeSixthPathContent } from '../test-support/sixth-path.ts';
import { buildExport } from './export.ts';
import { exportJsonSchema, panicExportSchema } from './export-schema.ts';
import { formatError, loadContent } from './load-content.ts';
import { realModel } from '../test-support/real-model.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const six = join(mkdtempSync(join(tmpdir(), 'content-six-')), 'content');
writeSixthPathContent(six, join(root, 'content'));
after(() => rmSync(join(six, '..'), { recursive: true, force: true }));

for (const [label, dir] of [
  ['the real content', join(root, 'content')],
  ['the content with a sixth panic path', six],
] as const) {
  test(`the export of ${label} validates against its schema, one entry per panic path of the model`, () => {
    const { model, errors } = loadContent(dir, root);
    assert.deepEqual(errors.map(formatError), []);
    const exp = buildExport(model, 'https://runbooks.example/docs/panics/');
    const parsed = panicExportSchema.safeParse(JSON.parse(JSON.stringify(exp)));
    assert.deepEqual(parsed.success ? [] : parsed.error.issues, []);
    assert.deepEqual(
      exp.panics.map((p) => p.id),
      model.panics.map((p) => p.id),
    );
    assert.equal(exp.panics.flatMap((p) => p.locations).length, model.panics.flatMap((p) => p.locations).length);
  });
}

test('the schema is strict: a field it does not list, or a wrong type, fails', () => {
  const exp = JSON.parse(JSON.stringify(buildExport(realModel(), 'https://runbooks.example/')));
  exp.panics[0].locations[0].extra = 1;
  exp.panics[1].severity = 'Urgent';
  exp.version = 2;
  const parsed = panicExportSchema.safeParse(exp);
  assert.equal(parsed.success, false);
  const paths = parsed.error!.issues.map((i) => i.path.join('.')).sort();
  assert.deepEqual(paths, ['panics.0.locations.0', 'panics.1.severity', 'version']);
});

test('the published JSON Schema is the zod schema: each object closed, shared shapes defined once', () => {
  const schema = exportJsonSchema() as {
    $schema: string;
    additionalProperties: boolean;
    required: string[];
    $defs: Record<string, { additionalProperties: boolean }>;
  };
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.equal(schema.additionalProperties, false);
  assert.deepEqual(schema.required, Object.keys(panicExportSchema.shape));
  for (const name of ['Location', 'Frame', 'PanicPath'])
    assert.equal(schema.$defs[name]?.additionalProperties, false, name);
});
