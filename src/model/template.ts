/**
 * Message templates: the text a panic prints with `{name}` where a value varies.
 * Matching folds runs of white space, so a message re-wrapped by a log shipper still matches.
 */
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export const foldSpace = (s: string): string => s.replace(/\s+/g, ' ').trim();

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface CompiledTemplate {
  template: string;
  names: string[];
  /** Matches a whole message. */
  exact: RegExp;
  /** The literal text before the first placeholder: what an engineer remembers and types. */
  literalPrefix: string;
}

export function compileTemplate(template: string): CompiledTemplate {
  const names: string[] = [];
  let source = '';
  let last = 0;
  const folded = foldSpace(template);
  for (const m of folded.matchAll(PLACEHOLDER)) {
    source += escapeRegExp(folded.slice(last, m.index));
    // Lazy and bounded by the anchors: a value never needs to backtrack across other placeholders' text.
    source += '(.+?)';
    names.push(m[1]!);
    last = m.index + m[0].length;
  }
  source += escapeRegExp(folded.slice(last));
  const firstPlaceholder = folded.search(PLACEHOLDER);
  return {
    template,
    names,
    exact: new RegExp(`^${source}$`, 's'),
    literalPrefix: (firstPlaceholder < 0 ? folded : folded.slice(0, firstPlaceholder)).trim(),
  };
}

/** The values of the placeholders if `message` is an instance of the template, else null. */
export function matchTemplate(compiled: CompiledTemplate, message: string): Record<string, string> | null {
  const m = compiled.exact.exec(foldSpace(message));
  if (!m) return null;
  return Object.fromEntries(compiled.names.map((name, i) => [name, m[i + 1]!]));
}

/** Placeholders rendered as in the reference's own examples, for display: `{value}` → `…`. */
export const templateDisplay = (template: string): string => template.replace(PLACEHOLDER, '{$1}');
