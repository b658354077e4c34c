/**
 * Message templates: the text a panic prints with `{name}` where a value varies.
 * Matching folds runs of white space, so a message re-wrapped by a log shipper still matches.
 *
 * Matching is a glob match over literal segments (prefix, suffix, then each middle literal at its leftmost
 * place), not a regular expression: a lazy `(.+?)` per placeholder backtracks polynomially on hostile pastes,
 * this stays linear in the message for each literal.
 */
export const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export const foldSpace = (s: string): string => s.replace(/\s+/g, ' ').trim();

export interface CompiledTemplate {
  template: string;
  names: string[];
  /** The literal text around the placeholders: `names.length + 1` segments, the first and last possibly empty. */
  literals: string[];
  /** The literal text before the first placeholder: what an engineer remembers and types. */
  literalPrefix: string;
}

export function compileTemplate(template: string): CompiledTemplate {
  const names: string[] = [];
  const literals: string[] = [];
  const folded = foldSpace(template);
  let last = 0;
  for (const m of folded.matchAll(PLACEHOLDER)) {
    literals.push(folded.slice(last, m.index));
    names.push(m[1]!);
    last = m.index + m[0].length;
  }
  literals.push(folded.slice(last));
  return { template, names, literals, literalPrefix: literals[0]!.trim() };
}

/** The values of the placeholders if `message` is an instance of the template, else null. Values are never empty. */
export function matchTemplate(compiled: CompiledTemplate, message: string): Record<string, string> | null {
  return matchFolded(compiled, foldSpace(message));
}

/** `matchTemplate` for a message already folded: a search folds the paste once, not once per template. */
export function matchFolded(compiled: CompiledTemplate, text: string): Record<string, string> | null {
  const { literals, names } = compiled;
  const first = literals[0]!;
  const lastLiteral = literals[literals.length - 1]!;
  if (names.length === 0) return text === first ? {} : null;
  if (!text.startsWith(first) || !text.endsWith(lastLiteral)) return null;
  const end = text.length - lastLiteral.length;
  const values: string[] = [];
  let at = first.length;
  for (let i = 1; i < literals.length - 1; i++) {
    const literal = literals[i]!;
    // A value is at least one character, so the next literal starts after it.
    const found = text.indexOf(literal, at + 1);
    if (found < 0 || found + literal.length > end) return null;
    values.push(text.slice(at, found));
    at = found + literal.length;
  }
  if (end - at < 1) return null;
  values.push(text.slice(at, end));
  return Object.fromEntries(names.map((name, i) => [name, values[i]!]));
}

/** Placeholders rendered as in the reference's own examples, for display: `{value}` → `…`. */
export const templateDisplay = (template: string): string => template.replace(PLACEHOLDER, '{$1}');
