// Like the Rust error index compiling its examples: every message template, panic site and call chain of the
// model is checked against the stderr of real panics (rustc 1.95), so the reference cannot claim what the binary does not print.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { writeSixthPathContent } from '../test-support/sixth-path.ts';
import { parsePaste } from '../panic-text/parse-paste.ts';
import { pathAgreement } from './source-path.ts';
import { symbolTail } from '../panic-text/frames.ts';
import { coversLine } from './anchor.ts';
import { loadContent } from './load-content.ts';
import { compileTemplate, matchTemplate } from './template.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const REAL_OUTPUTS = join(root, 'src/fixtures/panics');

// The real content with its outputs; and the test content with a sixth panic path, whose outputs are added to them
// (src/fixtures/sixth-path/): a new panic path is checked by its outputs and their manifest alone.
const sixContent = join(mkdtempSync(join(tmpdir(), 'content-six-')), 'content');
writeSixthPathContent(sixContent, join(root, 'content'));
after(() => rmSync(join(sixContent, '..'), { recursive: true, force: true }));
const SETS = [
  { label: '', content: join(root, 'content'), outputs: [REAL_OUTPUTS] },
  {
    label: 'content with a sixth panic path: ',
    content: sixContent,
    outputs: [REAL_OUTPUTS, join(root, 'src/fixtures/sixth-path/outputs')],
  },
];

for (const set of SETS) {
  const { model } = loadContent(set.content, root);

  /** Which panic path each captured scenario belongs to: each folder's own manifest (src/fixtures/README.md). */
  const scenarios = Object.assign(
    {},
    ...set.outputs.map((dir) => JSON.parse(readFileSync(join(dir, 'scenarios.json'), 'utf8'))),
  ) as Record<string, string>;

  const files = set.outputs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((name) => ({ dir, name })),
  );
  const usedTemplates = new Set<string>();

  for (const { dir, name } of files) {
    const [scenario, build, mode] = name.replace(/\.txt$/, '').split('.');
    const id = scenarios[scenario!];
    test(`${set.label}${name}: the panic printed is a panic site and message of ${id}`, () => {
      assert.ok(id, `no panic path is known for scenario ${scenario}`);
      const entry = model.panics.find((p) => p.id === id)!;
      const parsed = parsePaste(readFileSync(join(dir, name), 'utf8'));
      const modelled = parsed.panics.filter((panic) =>
        entry.locations.some(
          (l) =>
            panic.location && pathAgreement(panic.location.file, l.file) === 2 && coversLine(l, panic.location.line),
        ),
      );
      assert.equal(modelled.length, 1, 'exactly one panic of the output is at a location of the entry');
      const panic = modelled[0]!;
      const site = entry.locations.find(
        (l) => pathAgreement(panic.location!.file, l.file) === 2 && coversLine(l, panic.location!.line),
      )!;
      assert.equal(site.role, 'panic', `${site.file}:${site.line} is a panic site`);
      assert.ok(site.message, 'the panic site names its message template');
      assert.ok(
        matchTemplate(compileTemplate(site.message), panic.message),
        `"${panic.message}" is an instance of "${site.message}"`,
      );
      usedTemplates.add(`${id}\u0000${site.message}`);
      if (build === 'release')
        assert.equal(site.release, true, 'a panic captured from a release build is marked as firing in release');
      assert.equal(panic.secondary, entry.secondary, 'secondary in the model is what the output shows');
      if (mode !== 'bt0') {
        // The callers of the call chain are a subsequence of the real backtrace (a release build inlines some away,
        // so there only the innermost frames are compared), and the highest application frame is a known frame of the
        // panic site's file: the chain's own last frame, or its neighbour (line 88 is in kappa_for_spread).
        const symbols = [...panic.frames].reverse().map((f) => f.symbol);
        const callers = build === 'release' ? [] : entry.callChain.slice(0, -1);
        let at = 0;
        for (const want of callers) {
          const found = symbols.findIndex((s, i) => i >= at && symbolTail(s, want.split('::').length) === want);
          assert.ok(found >= 0, `call chain frame ${want} is in the backtrace, in order`);
          at = found + 1;
        }
        const highest = panic.highestAppFrame;
        assert.ok(highest, 'the backtrace has an application frame');
        const known = model.frameGroups
          .flatMap((g) => g.frames)
          .find((f) => symbolTail(highest.symbol, f.symbol.split('::').length) === f.symbol);
        assert.ok(known, `the highest application frame ${highest.symbol} is in frames.yaml`);
        assert.equal(known.file, site.file, `${known.symbol} is in the panic site's file`);
        if (panic.location!.line === entry.locations[0]!.line)
          assert.equal(known.symbol, entry.callChain.at(-1), "the first panic site is in the chain's last frame");
      }
    });
  }

  test(`${set.label}every message template of the model is printed by some real panic`, () => {
    const all = model.panics.flatMap((p) => p.messages.map((m) => `${p.id}\u0000${m.template}`));
    assert.deepEqual(
      all.filter((t) => !usedTemplates.has(t)).map((t) => t.replace('\u0000', ': ')),
      [],
    );
  });

  test(`${set.label}every panic path has at least one real output`, () => {
    assert.deepEqual(
      model.panics.map((p) => p.id).filter((id) => !Object.values(scenarios).includes(id)),
      [],
    );
  });

  test(`${set.label}every scenario of the manifests names a panic path of the model and has an output`, () => {
    const ids = new Set(model.panics.map((p) => p.id));
    assert.deepEqual(
      Object.entries(scenarios).filter(([, id]) => !ids.has(id)),
      [],
      'scenarios of unknown panic paths',
    );
    const captured = new Set(files.map((f) => f.name.split('.')[0]));
    assert.deepEqual(
      Object.keys(scenarios).filter((s) => !captured.has(s)),
      [],
      'scenarios without an output',
    );
  });
}
