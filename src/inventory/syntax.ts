/** Small readings of tree-sitter's Rust nodes that every part of the inventory shares. */
import type { Node } from 'web-tree-sitter';

export const lastSegment = (text: string): string => {
  const at = text.lastIndexOf('::');
  return at < 0 ? text : text.slice(at + 2);
};

/** `Foo<T>` → `Foo`, `crate::x::Foo` → `Foo`, `&mut Foo` → `Foo`; a loop, for hostile nesting. */
export function typeName(node: Node | null): string {
  let n = node;
  for (;;) {
    if (!n) return '?';
    if (n.type === 'generic_type' || n.type === 'reference_type') n = n.childForFieldName('type');
    else if (n.type === 'scoped_type_identifier') return n.childForFieldName('name')?.text ?? n.text;
    else return n.text;
  }
}

/** The attributes written before an item, white space removed: `#[track_caller]`, `#[cfg(test)]`. */
export function attributesOf(node: Node): string[] {
  const out: string[] = [];
  for (let s = node.previousSibling; s; s = s.previousSibling) {
    if (s.type === 'attribute_item') out.push(s.text.replace(/\s+/g, ''));
    else if (s.type !== 'line_comment' && s.type !== 'block_comment') break;
  }
  return out;
}

export const isTestAttr = (a: string): boolean =>
  a === '#[test]' || a === '#[cfg(test)]' || /^#\[[a-z_]+::test/.test(a) || a.startsWith('#[cfg(all(test');
export const isDebugOnly = (a: string): boolean => a === '#[cfg(debug_assertions)]';
export const TRACK_CALLER = '#[track_caller]';

/** The nodes of an argument list or token tree, comments left out. */
export const argNodes = (args: Node | null): Node[] =>
  args ? args.namedChildren.filter((n) => n.type !== 'line_comment' && n.type !== 'block_comment') : [];

/** The function a call names: `f`, `a::f`, `x.f` (its field node), generic arguments left out. */
export function calledFunction(call: Node): Node | null {
  let f = call.childForFieldName('function');
  if (f?.type === 'generic_function') f = f.childForFieldName('function');
  return f;
}

/** The name a call resolves by: the method of `x.f(…)`, the last segment of `a::b::f(…)`, else undefined. */
export function calledName(call: Node): { name: string; node: Node } | undefined {
  const f = calledFunction(call);
  if (!f) return undefined;
  if (f.type === 'field_expression') {
    const field = f.childForFieldName('field');
    return field ? { name: field.text, node: field } : undefined;
  }
  if (f.type === 'identifier' || f.type === 'scoped_identifier') return { name: lastSegment(f.text), node: f };
  return undefined;
}

/**
 * Node types that hold nothing the inventory reads (names, literals, comments): a walk does not ask for their
 * children, each a call into the parser's WebAssembly.
 */
export const LEAVES: ReadonlySet<string> = new Set(
  'identifier field_identifier type_identifier primitive_type integer_literal float_literal boolean_literal ' +
    'char_literal ' +
    'string_literal raw_string_literal line_comment block_comment self mutable_specifier shorthand_field_identifier ' +
    'metavariable crate super escape_sequence string_content'.split(' '),
);
