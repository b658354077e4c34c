/**
 * An expression as rustc prints it in `assertion failed: <expr>` (its pretty-printer, not the source text):
 * binary operators spaced, no space inside brackets, `, ` between arguments. Covers the expressions assertions
 * hold; anything else keeps its source text with white space folded.
 */
import type { Node } from 'web-tree-sitter';

const named = (n: Node): Node[] =>
  n.namedChildren.filter((c) => c.type !== 'line_comment' && c.type !== 'block_comment');

/** Past this depth the source text is kept as it is: a hostile expression must not exhaust the stack. */
const MAX_DEPTH = 64;

export function prettyExpr(n: Node, depth = 0): string {
  if (depth > MAX_DEPTH) return n.text.replace(/\s+/g, ' ');
  const p = (c: Node) => prettyExpr(c, depth + 1);
  switch (n.type) {
    case 'binary_expression': {
      const op = n.childForFieldName('operator')?.text ?? n.children[1]?.text ?? '?';
      return `${p(n.childForFieldName('left')!)} ${op} ${p(n.childForFieldName('right')!)}`;
    }
    case 'unary_expression': {
      const op = n.children[0]!.text;
      return `${op}${p(named(n)[0]!)}`;
    }
    case 'reference_expression': {
      const mut = n.children.some((c) => c.type === 'mutable_specifier');
      return `&${mut ? 'mut ' : ''}${p(n.childForFieldName('value')!)}`;
    }
    case 'parenthesized_expression':
      return `(${named(n).map(p).join('')})`;
    case 'call_expression':
      return `${p(n.childForFieldName('function')!)}(${named(n.childForFieldName('arguments')!).map(p).join(', ')})`;
    case 'field_expression':
      return `${p(n.childForFieldName('value')!)}.${n.childForFieldName('field')!.text}`;
    case 'generic_function':
      return `${p(n.childForFieldName('function')!)}::${n.childForFieldName('type_arguments')!.text.replace(/\s+/g, '')}`;
    case 'index_expression': {
      const [a, b] = named(n);
      return `${p(a!)}[${p(b!)}]`;
    }
    case 'try_expression':
      return `${p(named(n)[0]!)}?`;
    case 'type_cast_expression':
      return `${p(n.childForFieldName('value')!)} as ${n.childForFieldName('type')!.text}`;
    case 'range_expression': {
      const parts = n.children.map((c) => (c.isNamed ? p(c) : c.text));
      return parts.join('');
    }
    case 'array_expression':
      return `[${named(n).map(p).join(', ')}]`;
    case 'tuple_expression':
      return `(${named(n).map(p).join(', ')}${named(n).length === 1 ? ',' : ''})`;
    case 'macro_invocation':
      return `${n.childForFieldName('macro')!.text}!${foldTokens(n.namedChildren.find((c) => c.type === 'token_tree'))}`;
    default:
      return n.text.replace(/\s+/g, ' ');
  }
}

/** A macro's token tree as rustc prints tokens: `(a, b)`. */
function foldTokens(tt: Node | undefined): string {
  if (!tt) return '';
  return tt.text
    .replace(/\s+/g, ' ')
    .replace(/\( /g, '(')
    .replace(/ \)/g, ')')
    .replace(/\s*,\s*/g, ', ');
}
