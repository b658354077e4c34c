/**
 * Macro arguments read as tokens, where they are no Rust expressions (a DSL, patterns, a `macro_rules!` body whose
 * code only exists once expanded): `.unwrap( … )`-like method calls and `name!( … )` macro calls in every nested
 * token tree.
 */
import type { Node } from 'web-tree-sitter';
import type { SiteKind } from '../model/inventory.ts';
import { formatTemplate, stringLiteralValue } from './format-string.ts';
import { type InnerSite, innerSiteKey } from './inner-site.ts';
import { isPassThrough, stdWraps } from './option-or-result.ts';
import {
  expectText,
  formatArgsAt,
  MACRO_KINDS,
  METHOD_KINDS,
  methodMessage,
  panicMacroMessage,
} from './std-messages.ts';

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

/** The panic sites of a `macro_rules!` body, by tokens, each once. */
export function macroBodySites(def: Node): InnerSite[] {
  const out = new Map<string, InnerSite>();
  const push = (s: InnerSite) => {
    if (!out.has(innerSiteKey(s))) out.set(innerSiteKey(s), s);
  };
  for (const rule of def.namedChildren) {
    if (rule.type !== 'macro_rule') continue;
    const body = rule.childForFieldName('right');
    if (!body) continue;
    for (const call of tokenCalls(body)) {
      if (call.kind === 'method') {
        const lit = call.args.namedChildren.find((c) => c.type === 'string_literal' || c.type === 'raw_string_literal');
        push(tokenMethodSite(METHOD_KINDS[call.name.text]!, expectText(lit), true, call.after));
        continue;
      }
      const mk = MACRO_KINDS[call.name.text];
      if (mk) push({ kind: mk, message: macroTokenMessage(mk, call.args), release: !mk.startsWith('debug_') });
    }
  }
  return [...out.values()];
}

/** A panicking macro's message inside a macro body, from its tokens: `$name` arguments become `{name}`. */
function macroTokenMessage(kind: SiteKind, tt: Node): string {
  const args: string[] = [];
  let current = '';
  const kids = tt.children.slice(1, -1);
  for (const k of kids) {
    if (k.type === ',') {
      args.push(current);
      current = '';
    } else current += k.text;
  }
  if (current.trim() !== '') args.push(current);
  const skip = formatArgsAt(kind);
  const fmt = args[skip];
  const lit = fmt === undefined ? undefined : stringLiteralValue(fmt.trim());
  const positional = args.slice(skip + 1).map((a) => a.trim());
  const custom =
    lit === undefined
      ? fmt === undefined
        ? undefined
        : '{message}'
      : formatTemplate(lit, { positional, named: new Map() });
  return panicMacroMessage(kind, custom, '{condition}');
}
