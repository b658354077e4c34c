/**
 * Declared types of names, a heuristic for receivers and indexed containers: `let x: T`, parameters and obvious
 * values per function (keyed by the function's offset), struct fields, statics and consts crate-wide.
 */
import type { Node } from 'web-tree-sitter';

export class DeclaredTypes {
  readonly #locals = new Map<string, string>();
  readonly #fields: Map<string, string>;

  /** `fields` is shared by every file of the crate. */
  constructor(fields: Map<string, string>) {
    this.#fields = fields;
  }

  /**
   * Reads a declaration, if `n` is one; `scope` is the offset of the function it is in (the first pass over the
   * file calls it on every node, so that the tree is walked once for all the crate's facts).
   */
  see(n: Node, scope: number): void {
    const t = n.type;
    if (
      t !== 'let_declaration' &&
      t !== 'parameter' &&
      t !== 'field_declaration' &&
      t !== 'static_item' &&
      t !== 'const_item'
    )
      return;
    const local = t === 'let_declaration' || t === 'parameter';
    const name = n.childForFieldName(local ? 'pattern' : 'name');
    const key = name?.type === 'mut_pattern' ? name.namedChildren[0]?.text : name?.text;
    const declared =
      n.childForFieldName('type')?.text ??
      (t === 'let_declaration' ? valueType(n.childForFieldName('value')) : undefined);
    if (key === undefined || declared === undefined) return;
    if (local) this.#locals.set(`${scope}:${key}`, declared);
    else this.#fields.set(key, declared);
  }

  /** The declared type of a name or a field read in the function at offset `scope`. */
  typeOf(name: Node, scope: number): string | undefined {
    if (name.type === 'identifier') return this.#locals.get(`${scope}:${name.text}`) ?? this.#fields.get(name.text);
    if (name.type === 'field_expression') return this.#fields.get(name.childForFieldName('field')?.text ?? '');
    return undefined;
  }
}

/** The type a `let` without one gets from an obvious value: an array, `vec![]`, `String::new()`, `Some(…)`. */
function valueType(value: Node | null): string | undefined {
  if (value?.type === 'array_expression') return '[_; _]';
  if (value?.type === 'macro_invocation') {
    const m = value.childForFieldName('macro')?.text;
    return m === 'vec' ? 'Vec<_>' : m === 'format' ? 'String' : undefined;
  }
  if (value?.type === 'call_expression') {
    const f = value.childForFieldName('function')?.text ?? '';
    const m = /^(String|HashMap|BTreeMap|VecDeque|Vec)::/.exec(f);
    return m ? m[1] : f === 'Some' ? 'Option<_>' : f === 'Ok' || f === 'Err' ? 'Result<_, _>' : undefined;
  }
  return undefined;
}

/** The type class that decides how indexing panics. */
export type Container = 'array' | 'vec' | 'map' | 'deque' | 'str';

export function containerOf(type: string | undefined): Container | undefined {
  if (type === undefined) return undefined;
  const t = type.replace(/\s+/g, '').replace(/^&(mut)?('[a-z_]+)?/, '');
  if (t.startsWith('[')) return 'array';
  if (t === 'str' || t === 'String' || t === 'Cow<str>') return 'str';
  if (/^(std::collections::)?(HashMap|BTreeMap|IndexMap)\b/.test(t)) return 'map';
  if (/^(std::collections::)?VecDeque\b/.test(t)) return 'deque';
  return 'vec';
}
