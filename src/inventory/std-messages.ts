/** The messages std prints for each kind of panic site, as templates with `{placeholders}`. */
import type { Node } from 'web-tree-sitter';
import type { SiteKind } from '../model/inventory.ts';
import { argName, type FormatArgs, formatTemplate, stringLiteralValue } from './format-string.ts';
import { prettyExpr } from './pretty.ts';

export type Wraps = 'Option' | 'Result';

export const METHOD_KINDS: Record<string, SiteKind> = {
  unwrap: 'unwrap',
  expect: 'expect',
  unwrap_err: 'unwrap_err',
  expect_err: 'expect_err',
};
export const MACRO_KINDS: Record<string, SiteKind> = {
  panic: 'panic',
  unreachable: 'unreachable',
  todo: 'todo',
  unimplemented: 'unimplemented',
  assert: 'assert',
  assert_eq: 'assert_eq',
  assert_ne: 'assert_ne',
  debug_assert: 'debug_assert',
  debug_assert_eq: 'debug_assert_eq',
  debug_assert_ne: 'debug_assert_ne',
};

export const RANGE_END = 'range end index {index} out of range for slice of length {len}';
export const RANGE_START = 'range start index {index} out of range for slice of length {len}';

/** A placeholder name for an argument: its last identifier (`fill.oid` → `oid`, `self.kappa()` → `kappa`). */
function exprName(node: Node): string {
  let n = node;
  for (;;) {
    if (n.type === 'identifier') return n.text;
    if (n.type === 'field_expression') return n.childForFieldName('field')?.text ?? n.text;
    if (n.type === 'scoped_identifier') return n.childForFieldName('name')?.text ?? n.text;
    const inner =
      n.type === 'call_expression'
        ? n.childForFieldName('function')
        : n.type === 'reference_expression' || n.type === 'unary_expression'
          ? n.namedChildren.at(-1)
          : null;
    if (!inner) return argName(n.text, 'value');
    n = inner;
  }
}

/** Format-string arguments, given as nodes of a parsed argument list. */
function formatArgsOf(nodes: readonly Node[]): FormatArgs {
  const positional: string[] = [];
  const named = new Map<string, string>();
  for (const n of nodes) {
    if (n.type === 'assignment_expression') {
      named.set(n.childForFieldName('left')?.text ?? '', n.childForFieldName('right')?.text ?? '');
    } else positional.push(exprName(n));
  }
  return { positional, named };
}

/** The template of a format-style macro's arguments (`"…{}…", x`), or a placeholder when it is not a literal. */
function formatMessage(nodes: readonly Node[]): string | undefined {
  const first = nodes[0];
  if (!first) return undefined;
  if (first.type !== 'string_literal' && first.type !== 'raw_string_literal') return '{message}';
  const fmt = stringLiteralValue(first.text);
  if (fmt === undefined) return '{message}';
  return formatTemplate(fmt, formatArgsOf(nodes.slice(1)));
}

/** How many leading arguments of a panicking macro come before its format string. */
export const formatArgsAt = (kind: SiteKind): number => {
  const base = kind.replace(/^debug_/, '');
  return base === 'assert' ? 1 : base === 'assert_eq' || base === 'assert_ne' ? 2 : 0;
};

/**
 * What a panicking macro prints: `custom` is its format arguments' template (undefined when it has none),
 * `condition` what `assert!` prints of its condition.
 */
export function panicMacroMessage(kind: SiteKind, custom: string | undefined, condition: string): string {
  const base = kind.replace(/^debug_/, '');
  const after = (head: string) => (custom === undefined ? head : `${head}: ${custom}`);
  switch (base) {
    case 'panic':
      return custom ?? 'explicit panic';
    case 'unreachable':
      return after('internal error: entered unreachable code');
    case 'todo':
      return after('not yet implemented');
    case 'unimplemented':
      return after('not implemented');
    case 'assert':
      return custom ?? `assertion failed: ${condition}`;
    default: {
      const op = base === 'assert_eq' ? '==' : '!=';
      return `assertion \`left ${op} right\` failed${custom === undefined ? '' : `: ${custom}`}\n  left: {left}\n right: {right}`;
    }
  }
}

/** The message std prints for a panicking macro with these (parsed) arguments. */
export function macroMessage(kind: SiteKind, nodes: readonly Node[]): string {
  const skip = formatArgsAt(kind);
  const condition = nodes[0] ? prettyExpr(nodes[0]) : '{condition}';
  return panicMacroMessage(kind, formatMessage(nodes.slice(skip)), condition);
}

/** The `expect` message of a literal argument, else a placeholder. */
export function expectText(arg: Node | undefined): string {
  if (arg === undefined || (arg.type !== 'string_literal' && arg.type !== 'raw_string_literal')) return '{msg}';
  return stringLiteralValue(arg.text) ?? '{msg}';
}

/** The message std prints for `.unwrap()` and friends on this kind of value. */
export function methodMessage(kind: SiteKind, wraps: Wraps, msg: string): string {
  switch (kind) {
    case 'unwrap':
      return wraps === 'Option'
        ? 'called `Option::unwrap()` on a `None` value'
        : 'called `Result::unwrap()` on an `Err` value: {error}';
    case 'expect':
      return wraps === 'Option' ? msg : `${msg}: {error}`;
    case 'unwrap_err':
      return 'called `Result::unwrap_err()` on an `Ok` value: {value}';
    default:
      return `${msg}: {value}`;
  }
}
