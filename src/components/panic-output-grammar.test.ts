// The Shiki grammar of panic output is built from the panic reader's patterns, and highlights what the reader reads:
// the location the parser takes from a panic is one location token, each frame number is a frame token.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createHighlighter } from 'shiki';
import { PLACEHOLDER } from '../model/template.ts';
import { formatSourcePos } from '../model/anchor.ts';
import * as grammar from '../panic-text/grammar.ts';
import { parsePaste } from '../panic-text/parse-paste.ts';
import { CODE_THEMES } from './code-themes.ts';
import { PANIC_TOKENS, panicOutputGrammar, textMateMatch } from './panic-output-grammar.ts';

const readerPatterns: unknown[] = [...Object.values(grammar), PLACEHOLDER];

test("every pattern of the Shiki grammar is one of the panic reader's, as TextMate writes it", () => {
  for (const [name, re] of PANIC_TOKENS) {
    assert.ok(readerPatterns.includes(re), `${name}: /${re.source}/ is not the reader's`);
  }
  const matches = panicOutputGrammar.patterns!.map((p) => p.match);
  for (const [, re] of PANIC_TOKENS) assert.ok(matches.includes(textMateMatch(re)), re.source);
  assert.equal(textMateMatch(/a/i), '(?i)a');
  assert.throws(() => textMateMatch(/a/u), /flags TextMate cannot express: u/);
});

test('the highlighted panic has its head, location and frames where the parser finds them', async () => {
  const text = readFileSync(new URL('../fixtures/panics/pending-fill.debug.bt1.txt', import.meta.url), 'utf8').trim();
  const [panic] = parsePaste(text).panics;
  assert.ok(panic?.location && panic.frames.length > 5);
  const highlighter = await createHighlighter({ langs: [panicOutputGrammar], themes: [CODE_THEMES.light] });
  try {
    const lines = highlighter.codeToTokensBase(text, {
      // A grammar registered as an object is not in Shiki's type of bundled language names.
      lang: panicOutputGrammar.name as 'text',
      theme: CODE_THEMES.light,
      includeExplanation: true,
    });
    const scoped = (scope: string) =>
      lines
        .flat()
        .flatMap((t) => t.explanation ?? [])
        .filter((e) => e.scopes.some((s) => s.scopeName === scope));
    assert.ok(scoped('keyword.control.panic').some((e) => e.content.includes('panicked at')));
    assert.ok(scoped('string.quoted.thread').some((e) => e.content.includes(`'${panic.thread}'`)));
    assert.ok(scoped('entity.name.function.location').some((e) => e.content === formatSourcePos(panic.location!)));
    const frameNumbers = scoped('constant.numeric.frame').map((e) => Number(e.content.trim().replace(/:$/, '')));
    assert.deepEqual(
      frameNumbers,
      panic.frames.map((f) => f.index),
    );
    assert.ok(scoped('comment.line.note').length > 0);
  } finally {
    highlighter.dispose();
  }
});
