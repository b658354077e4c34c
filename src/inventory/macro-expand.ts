/**
 * A crate's own `macro_rules!`, read from their tokens, and expanded at each call with the call's arguments: a body
 * that forwards its input to `panic!` (`ensure!(cond, $($arg)+)`, `$fmt:literal $(, $args)*`) prints the caller's
 * format string, also through another macro of the crate (`check!` → `bail!` → `panic!`).
 */
import type { Node } from 'web-tree-sitter';
import type { SiteKind } from '../model/inventory.ts';
import { type InnerSite, innerSiteKey } from './inner-site.ts';
import { messageOfArgs, tokenArgs, tokenCalls, tokenMethodSite } from './macro-tokens.ts';
import { expectText, MACRO_KINDS, METHOD_KINDS, panicMacroMessage } from './std-messages.ts';

/** What one call in a macro's body does when the macro is called. */
export type MacroEntry =
  /**
   * A site that prints the same whatever the call's arguments, of a rule taking `arity` arguments (undefined: any
   * number, the matcher repeats).
   */
  | { site: InnerSite; arity?: number | undefined }
  /** A panicking macro of std given the call's own arguments, from its top-level argument `from` on. */
  | { forward: SiteKind; from: number }
  /**
   * Another macro of the crate, given the call's arguments from `from` on, or arguments of its own (`args`, in a
   * rule taking `arity` arguments).
   */
  | { macro: string; from: number; args?: undefined }
  | { macro: string; from?: undefined; args: string[]; arity: number | undefined };

/** How deep a macro expanding a macro is followed, and how many entries one call expands at most. */
const MAX_EXPANSION_DEPTH = 8;
const MAX_EXPANDED = 256;

/** The first token a repetition repeats: `$($arg:tt)+` → `$arg:tt`. */
function repeatedHead(rep: Node): Node | undefined {
  const kids = rep.children;
  const open = kids.findIndex((c) => c.type === '(');
  return open < 0 ? undefined : kids[open + 1];
}

/**
 * Metavariable → the top-level argument of a call it begins: the matcher's bindings outside repetitions, and the
 * repetitions that begin an argument (`$($arg:tt)+`), counted by the matcher's top-level commas.
 */
function argumentStarts(matcher: Node): Map<string, number> {
  const out = new Map<string, number>();
  let arg = 0;
  let fresh = true;
  const kids = matcher.children;
  for (let i = 1; i < kids.length - 1; i++) {
    const c = kids[i]!;
    if (c.type === ',') {
      arg++;
      fresh = true;
      continue;
    }
    if (fresh) {
      const binding = c.type === 'token_repetition_pattern' ? repeatedHead(c) : c;
      if (binding?.type === 'token_binding_pattern') {
        const name = binding.namedChildren[0]?.text;
        if (name !== undefined) out.set(name, arg);
      }
    }
    fresh = false;
  }
  return out;
}

/** How many top-level arguments a matcher takes; undefined when it repeats (`$(…)*`) and so takes any number. */
function arityOf(matcher: Node): number | undefined {
  const kids = matcher.children.slice(1, -1);
  if (kids.some((c) => c.type === 'token_repetition_pattern')) return undefined;
  return kids.length === 0 ? 0 : kids.filter((c) => c.type === ',').length + 1;
}

/**
 * The argument of the call a macro's body call forwards from, when its arguments are the matcher's metavariables
 * only (no literal of the body's own): `panic!($($arg)+)`, `panic!($fmt $(, $args)*)`.
 */
function forwardedFrom(args: Node, starts: ReadonlyMap<string, number>): number | undefined {
  const inner = args.children.slice(1, -1);
  for (const t of inner) {
    if (t.type !== ',' && t.type !== 'metavariable' && t.type !== 'token_repetition') return undefined;
  }
  const first = inner[0];
  const head = first?.type === 'token_repetition' ? repeatedHead(first) : first;
  return head?.type === 'metavariable' ? starts.get(head.text) : undefined;
}

/** What each call in a `macro_rules!` body does, by tokens; sites that print the same are listed once a rule. */
export function macroEntries(def: Node): MacroEntry[] {
  const sites = new Map<string, MacroEntry>();
  const calls: MacroEntry[] = [];
  for (const rule of def.namedChildren) {
    if (rule.type !== 'macro_rule') continue;
    const body = rule.childForFieldName('right');
    const matcher = rule.childForFieldName('left');
    if (!body) continue;
    const starts = matcher ? argumentStarts(matcher) : new Map<string, number>();
    const arity = matcher ? arityOf(matcher) : undefined;
    const push = (site: InnerSite) => {
      const key = `${arity}\u0000${innerSiteKey(site)}`;
      if (!sites.has(key)) sites.set(key, { site, arity });
    };
    for (const call of tokenCalls(body)) {
      if (call.kind === 'method') {
        const lit = call.args.namedChildren.find((c) => c.type === 'string_literal' || c.type === 'raw_string_literal');
        push(tokenMethodSite(METHOD_KINDS[call.name.text]!, expectText(lit), true, call.after));
        continue;
      }
      const name = call.name.text;
      const mk = MACRO_KINDS[name];
      const from = forwardedFrom(call.args, starts);
      if (mk && from !== undefined) calls.push({ forward: mk, from });
      else if (mk) {
        const message = messageOfArgs(mk, tokenArgs(call.args));
        push({ kind: mk, message, release: !mk.startsWith('debug_') });
      } else
        calls.push(from === undefined ? { macro: name, args: tokenArgs(call.args), arity } : { macro: name, from });
    }
  }
  return [...sites.values(), ...calls];
}

/**
 * The sites a call of the crate's macro `name` stands for, with the call's top-level arguments as text (undefined
 * when they cannot be read). A rule that forwards an argument the call does not give, or takes another number of
 * arguments, is not the rule that matched.
 */
export function expandMacro(
  name: string,
  args: readonly string[] | undefined,
  macros: ReadonlyMap<string, readonly MacroEntry[]>,
): InnerSite[] {
  const out = new Map<string, InnerSite>();
  const add = (s: InnerSite) => {
    if (!out.has(innerSiteKey(s))) out.set(innerSiteKey(s), s);
  };
  const stack: [string, readonly string[] | undefined, number][] = [[name, args, 0]];
  let expanded = 0;
  while (stack.length > 0 && expanded < MAX_EXPANDED) {
    const [m, given, depth] = stack.pop()!;
    for (const e of macros.get(m) ?? []) {
      if (++expanded > MAX_EXPANDED) break;
      if ('site' in e) {
        if (given === undefined || e.arity === undefined || e.arity === given.length) add(e.site);
        continue;
      }
      if ('forward' in e) {
        if (given !== undefined && given.length <= e.from) continue;
        const message =
          given === undefined
            ? panicMacroMessage(e.forward, '{message}', '{condition}')
            : messageOfArgs(e.forward, given.slice(e.from));
        add({ kind: e.forward, message, release: !e.forward.startsWith('debug_') });
        continue;
      }
      if (depth >= MAX_EXPANSION_DEPTH) continue;
      if (e.from === undefined) {
        if (given === undefined || e.arity === undefined || e.arity === given.length)
          stack.push([e.macro, e.args, depth + 1]);
      } else if (given === undefined || given.length > e.from) stack.push([e.macro, given?.slice(e.from), depth + 1]);
    }
  }
  return [...out.values()];
}
