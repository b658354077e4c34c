/**
 * Macro arguments read as tokens, where they are no Rust expressions (a DSL, patterns, a `macro_rules!` body whose
 * code only exists once expanded): `.unwrap( … )`-like method calls and `name!( … )` macro calls in every nested
 * token tree.
 */
import type { Node } from 'web-tree-sitter';
import type { SiteKind } from '../model/inventory.ts';
import { type FormatArgs, formatTemplate, stringLiteralValue } from './format-string.ts';
import type { InnerSite } from './inner-site.ts';
import { isPassThrough, stdWraps } from './option-or-result.ts';
import { formatArgsAt, METHOD_KINDS, methodMessage, panicMacroMessage } from './std-messages.ts';

export interface TokenCall {
  kind: 'method' | 'macro';
  name: Node;
  args: Node;
  /** For a method: the name of the method called just before it in a chain (`x.first().expect(…)` → `first`). */
  after?: string | undefined;
}

/**
 * The method a chain called before the `.` at `dot` (`x.first().copied().expect(…)` → `first`), over combinators
 * that keep the wrapper; a few steps back at most.
 */
function methodBefore(kids: readonly Node[], dot: number): string | undefined {
  for (let at = dot, steps = 0; steps < 8; steps++) {
    if (kids[at - 1]?.type !== 'token_tree' || kids[at - 2]?.type !== 'identifier') return undefined;
    const name = kids[at - 2]!.text;
    if (!isPassThrough(name) || kids[at - 3]?.type !== '.') return name;
    at -= 3;
  }
  return undefined;
}

/** The calls in a token tree, each with its name and its argument tokens, in every nested tree. */
export function* tokenCalls(root: Node): Generator<TokenCall> {
  const trees: Node[] = [root];
  while (trees.length > 0) {
    const kids = trees.pop()!.children;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i]!;
      if (k.type === 'token_tree') trees.push(k);
      if (k.type !== 'identifier') continue;
      const next = kids[i + 1];
      if (METHOD_KINDS[k.text] && kids[i - 1]?.type === '.' && next?.type === 'token_tree') {
        yield { kind: 'method', name: k, args: next, after: methodBefore(kids, i - 1) };
      } else if (next?.type === '!' && kids[i + 2]?.type === 'token_tree')
        yield { kind: 'macro', name: k, args: kids[i + 2]! };
    }
  }
}

/**
 * What a method site among tokens prints: only std's method called just before it can tell an Option from a
 * Result there, else both; the `_err` methods only a Result has.
 */
export function tokenMethodSite(kind: SiteKind, msg: string, release: boolean, after?: string): InnerSite {
  if (kind === 'unwrap_err' || kind === 'expect_err')
    return { kind, message: methodMessage(kind, 'Result', msg), release };
  const std = after === undefined ? undefined : stdWraps(after);
  if (std)
    return { kind, message: methodMessage(kind, std, msg), decided: `std's method ${after} returns ${std}`, release };
  return {
    kind,
    message: methodMessage(kind, 'Option', msg),
    alternative: methodMessage(kind, 'Result', msg),
    decided: 'not known: a macro argument, read as tokens',
    release,
  };
}

/** Past this many characters, an argument of many tokens keeps its first token and its last characters. */
const MAX_ARG_TEXT = 512;

/**
 * A token tree's top-level arguments, split at its commas, each the text of its tokens joined by spaces. One pass
 * over the tree's own tokens (a nested tree is one token): linear, and each argument's text is bounded.
 */
export function tokenArgs(tt: Node): string[] {
  const args: string[] = [];
  let current = '';
  let tokens = 0;
  const kids = tt.children;
  for (let i = 1; i < kids.length - 1; i++) {
    const k = kids[i]!;
    if (k.type === ',') {
      args.push(current);
      current = '';
      tokens = 0;
      continue;
    }
    // A lone token (a format string) stays whole; a longer argument only names a placeholder, by its last word,
    // so its text is cut before it is joined (a nested tree may hold the rest of the file).
    const text = k.text;
    if (tokens === 0) current = text;
    else {
      const head = current.length > MAX_ARG_TEXT ? current.slice(-MAX_ARG_TEXT) : current;
      current = `${head} ${text.length > MAX_ARG_TEXT ? text.slice(-MAX_ARG_TEXT) : text}`;
    }
    tokens++;
  }
  if (current.trim() !== '') args.push(current);
  return args;
}

/** Format arguments given as text: `name = value` is named, anything else positional. */
function formatArgsOfText(args: readonly string[]): FormatArgs {
  const positional: string[] = [];
  const named = new Map<string, string>();
  for (const a of args) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)/.exec(a);
    if (m) named.set(m[1]!, a.slice(m[0].length).trim());
    else positional.push(a.trim());
  }
  return { positional, named };
}

/** The template of format arguments given as text (`"…{}…"`, `x`), undefined when the first is no literal. */
export function formatOfArgs(args: readonly string[]): string | undefined {
  const fmt = args[0];
  const lit = fmt === undefined ? undefined : stringLiteralValue(fmt.trim());
  return lit === undefined ? undefined : formatTemplate(lit, formatArgsOfText(args.slice(1)));
}

/** What a panicking macro prints with arguments given as text (a macro body's tokens, a crate macro's call). */
export function messageOfArgs(kind: SiteKind, args: readonly string[]): string {
  const skip = formatArgsAt(kind);
  const custom = args[skip] === undefined ? undefined : (formatOfArgs(args.slice(skip)) ?? '{message}');
  return panicMacroMessage(kind, custom, '{condition}');
}
