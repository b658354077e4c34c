/**
 * The message an `.expect(…)` argument prints when it is no literal: a `const`/`static` string of the crate (by
 * name, by path or imported), a `&format!(…)`, or a local bound to one earlier in the function (`let msg =
 * format!(…)`). Names are read in the crate's first pass; a name bound to different messages tells nothing.
 */
import type { Node } from 'web-tree-sitter';
import { stringLiteralValue } from './format-string.ts';
import { formatOfArgs, tokenArgs } from './macro-tokens.ts';
import { lastSegment } from './syntax.ts';

/** The placeholder of a message the tree does not tell. */
export const UNKNOWN_MSG = '{msg}';

/** How many wrappers (`&`, `&*`, parentheses, `.as_str()`, `[..]`) around the message are looked through. */
const MAX_UNWRAP = 8;

/** Methods that give a string's own text back: the message is the receiver's. */
const SAME_TEXT_METHODS = new Set(['as_str', 'as_ref', 'borrow', 'deref', 'to_string', 'to_owned', 'clone']);

/** One reading per name: a second, different one makes the name unknown (null). */
const bind = (map: Map<string, string | null>, key: string, value: string | null): void => {
  map.set(key, map.has(key) && map.get(key) !== value ? null : value);
};

/** The message a value prints, when it is a string literal or a `format!` of one. */
function valueMessage(value: Node | null): string | undefined {
  if (!value) return undefined;
  if (value.type === 'string_literal' || value.type === 'raw_string_literal') return stringLiteralValue(value.text);
  if (value.type === 'macro_invocation' && lastSegment(value.childForFieldName('macro')?.text ?? '') === 'format') {
    const tt = value.namedChildren.find((c) => c.type === 'token_tree');
    return tt ? formatOfArgs(tokenArgs(tt)) : undefined;
  }
  return undefined;
}

export class MessageValues {
  /** `scope:name` → the message a local holds. */
  readonly #locals = new Map<string, string | null>();
  readonly #consts: Map<string, string | null>;

  /** `consts` is shared by every file of the crate. */
  constructor(consts: Map<string, string | null>) {
    this.#consts = consts;
  }

  /** Reads a binding, if `n` is one; `scope` is the offset of the function it is in. */
  see(n: Node, scope: number): void {
    if (n.type === 'const_item' || n.type === 'static_item') {
      const name = n.childForFieldName('name')?.text;
      const message = valueMessage(n.childForFieldName('value'));
      if (name !== undefined && message !== undefined) bind(this.#consts, name, message);
      return;
    }
    if (n.type !== 'let_declaration') return;
    const pattern = n.childForFieldName('pattern');
    const name = pattern?.type === 'mut_pattern' ? pattern.namedChildren[0] : pattern;
    // Any other value bound to the name (a shadowing `let`) makes it unknown.
    if (name?.type === 'identifier')
      bind(this.#locals, `${scope}:${name.text}`, valueMessage(n.childForFieldName('value')) ?? null);
  }

  /** The message `.expect(arg)` prints, in the function at offset `scope`. */
  expectMessage(arg: Node | undefined, scope: number): string {
    let n: Node | null | undefined = arg;
    for (let i = 0; n && i < MAX_UNWRAP; i++) {
      switch (n.type) {
        case 'reference_expression':
        case 'unary_expression':
        case 'parenthesized_expression':
          n = n.namedChildren.at(-1);
          continue;
        case 'identifier': {
          const local = this.#locals.get(`${scope}:${n.text}`);
          if (local !== undefined) return local ?? UNKNOWN_MSG;
          return this.#consts.get(n.text) ?? UNKNOWN_MSG;
        }
        case 'scoped_identifier':
          return this.#consts.get(lastSegment(n.text)) ?? UNKNOWN_MSG;
        case 'call_expression': {
          // `msg.as_str()` and its kin print what `msg` holds.
          const callee = n.childForFieldName('function');
          const field = callee?.type === 'field_expression' ? callee.childForFieldName('field')?.text : undefined;
          if (field && SAME_TEXT_METHODS.has(field) && n.childForFieldName('arguments')?.namedChildren.length === 0) {
            n = callee!.childForFieldName('value');
            continue;
          }
          return valueMessage(n) ?? UNKNOWN_MSG;
        }
        case 'index_expression':
          // `&msg[..]`: the whole string.
          if (n.namedChildren[1]?.text === '..') {
            n = n.namedChildren[0];
            continue;
          }
          return UNKNOWN_MSG;
        default:
          return valueMessage(n) ?? UNKNOWN_MSG;
      }
    }
    return UNKNOWN_MSG;
  }
}
