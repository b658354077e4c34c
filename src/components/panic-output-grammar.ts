import type { LanguageRegistration } from 'shiki';
import { PLACEHOLDER } from '../model/template.ts';
import {
  ADDRESS,
  AT,
  BACKTRACE_HEADER,
  FRAME_NUMBER,
  NOTE_LINE,
  PANICKED_WORDS,
  RUST_PATH,
  SOURCE_POS,
  THREAD,
} from '../panic-text/grammar.ts';

/**
 * The panic reader's patterns as a TextMate `match`: Oniguruma reads a JavaScript source as it is; only the `i` flag
 * has to become `(?i)`. TextMate matches line by line, so `m`, `g` and `y` say nothing here; `u`, `v` and `s` would
 * change what the source means and are refused.
 */
export function textMateMatch(re: RegExp): string {
  const unsupported = re.flags.replace(/[gmyid]/g, '');
  if (unsupported !== '') {
    throw new Error(`the pattern /${re.source}/ has flags TextMate cannot express: ${unsupported}`);
  }
  return re.flags.includes('i') ? `(?i)${re.source}` : re.source;
}

/** Scope and pattern of each token, the first that matches at a place winning. */
export const PANIC_TOKENS: readonly (readonly [string, RegExp])[] = [
  ['keyword.control.panic', PANICKED_WORDS],
  ['keyword.control.panic', BACKTRACE_HEADER],
  ['string.quoted.thread', THREAD],
  ['comment.line.note', NOTE_LINE],
  ['constant.numeric.frame', FRAME_NUMBER],
  ['constant.numeric.address', ADDRESS],
  ['keyword.other.at', AT],
  ['entity.name.function.location', SOURCE_POS],
  ['constant.other.placeholder', PLACEHOLDER],
  ['entity.name.type.path', RUST_PATH],
];

/**
 * A TextMate grammar for what a Rust panic prints (the panic line, its message, backtrace frames, `at` lines and
 * notes), built from the panic reader's own patterns, so that panic output is highlighted as the search reads it:
 * thread names, file:line:col, frame numbers, addresses, placeholders.
 */
export const panicOutputGrammar: LanguageRegistration = {
  name: 'rust-panic',
  scopeName: 'source.rust-panic',
  displayName: 'Rust panic output',
  repository: {},
  patterns: [
    ...PANIC_TOKENS.map(([name, re]) => ({ name, match: textMateMatch(re) })),
    // Not panic text: the arrow the reference's call chains are written with.
    { name: 'punctuation.arrow', match: '→' },
  ],
};
