/**
 * Every match key of the search model, once each: what a paste's evidence is read against. Made from the panic paths
 * (the whole model: `/triage.js`, the log triage, the tests) or from the split model's head (the search page), which
 * lists the same keys: so a paste's evidence is the same whichever the search holds. Templates are compiled on first
 * use, not when the vocabulary is made: a search compares a paste with a few templates of thousands.
 */
import { type CompiledTemplate, compileTemplate, foldSpace } from '../model/template.ts';
import { codeKeys, type Keyed, lastSegment, messageKeys, panicFrameKeys, symbolKeys } from './match-keys.ts';
import { buildTemplateScanner, type TemplateScanner } from './template-scan.ts';

export interface VocabularyTemplate {
  template: string;
  /** Some panic path prints it as a generic message; some as its own. */
  generic: boolean;
  specific: boolean;
  start: string;
  compiled(): CompiledTemplate;
  /** Its literal text lower-cased, placeholders as spaces: what typed words are looked for in. */
  lowerLiterals(): string;
}

export interface Vocabulary {
  /** Message template → what is known of it. */
  templates: Map<string, VocabularyTemplate>;
  /** First characters of a template's literal start → the templates starting so. */
  byStart: Map<string, VocabularyTemplate[]>;
  /** Templates starting with a placeholder or a short literal: compared with every message. */
  anyStart: VocabularyTemplate[];
  /** Every template, found anywhere in a text (built on first use). */
  scanner(): TemplateScanner;
  /** Last segment of a panic frame's symbol → the panic frames ending so. */
  panicFrames: Map<string, string[]>;
  /** Every location code line, with its squashed form (lower case, no white space or `...`): typed words only. */
  code(): { code: string; squashed: string }[];
  /** Every symbol of every call chain: typed words only. */
  symbols: string[];
}

export interface VocabularyKeys {
  messages: Iterable<{ template: string; generic: boolean; start?: string; scan?: string }>;
  panicFrames: Iterable<string>;
  code: Iterable<string>;
  symbols: Iterable<string>;
}

export function buildVocabulary(keys: VocabularyKeys): Vocabulary {
  const templates = new Map<string, VocabularyTemplate & { scan?: string }>();
  for (const m of keys.messages) {
    const had = templates.get(m.template);
    if (had) {
      had.generic ||= m.generic;
      had.specific ||= !m.generic;
      continue;
    }
    let compiled: CompiledTemplate | undefined;
    let lower: string | undefined;
    const known =
      m.start !== undefined && m.scan !== undefined ? { start: m.start, scan: m.scan } : messageKeys(m.template);
    templates.set(m.template, {
      template: m.template,
      generic: m.generic,
      specific: !m.generic,
      start: known.start,
      scan: known.scan,
      compiled: () => (compiled ??= compileTemplate(m.template)),
      lowerLiterals: () =>
        (lower ??= foldSpace((compiled ??= compileTemplate(m.template)).literals.join(' ')).toLowerCase()),
    });
  }
  const byStart = new Map<string, VocabularyTemplate[]>();
  const anyStart: VocabularyTemplate[] = [];
  for (const t of templates.values()) {
    if (t.start === '') anyStart.push(t);
    else pushTo(byStart, t.start, t);
  }
  const panicFrames = new Map<string, string[]>();
  for (const symbol of new Set(keys.panicFrames)) pushTo(panicFrames, lastSegment(symbol), symbol);
  let scanner: TemplateScanner | undefined;
  let code: { code: string; squashed: string }[] | undefined;
  return {
    templates,
    byStart,
    anyStart,
    scanner: () =>
      (scanner ??= buildTemplateScanner(
        [...templates.values()].map(({ template, scan }) => ({
          template,
          ...(scan !== undefined ? { key: scan } : {}),
        })),
      )),
    panicFrames,
    code: () =>
      (code ??= [...new Set(keys.code)].map((c) => ({
        code: c,
        squashed: c
          .toLowerCase()
          .replace(/\s+/g, '')
          .replace(/\.\.\./g, ''),
      }))),
    symbols: [...new Set(keys.symbols)],
  };
}

/** The vocabulary of a list of panic paths: the whole model's, when they are all of them. */
export function vocabularyOf(panics: readonly Keyed[]): Vocabulary {
  return buildVocabulary({
    messages: panics.flatMap((p) => p.messages),
    panicFrames: panics.flatMap(panicFrameKeys),
    code: panics.flatMap(codeKeys),
    symbols: panics.flatMap((p) => [...symbolKeys(p), ...panicFrameKeys(p)]),
  });
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
