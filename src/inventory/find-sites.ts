/**
 * Finds every panic-capable site of a crate in its tree-sitter syntax trees, at the place rustc's panic location
 * points to (checked against real panics of rustc 1.95, see src/fixtures/inventory-panics/):
 *
 * - `.unwrap()`/`.expect(…)`/`.unwrap_err()`/`.expect_err(…)`: the method name, on its own line in a chain;
 * - `panic!`, `assert!`… and a crate's own `macro_rules!` that panics: the start of the outermost macro call,
 *   whatever line its arguments are on (a macro's body has no location of its own);
 * - indexing: the whole expression for the built-in index of an array or slice by an integer (`a[i]`), the `[`
 *   for an `Index` impl (`Vec`, `HashMap`, `str`, ranges);
 * - a call of the crate's own `#[track_caller]` function stands for the sites inside it;
 * - columns count characters, not bytes.
 *
 * Types are not known from syntax: whether `.unwrap()` is on an Option or a Result, and whether `x[i]` is an
 * array, comes from the crate's own declarations (return types, `let`/parameter/field types) and std's method
 * names; when nothing says, an Option and a Vec are assumed.
 */
import type { Node, Parser, Tree } from 'web-tree-sitter';
import type { FoundSite, SiteKind } from '../model/inventory.ts';

export type { FoundSite };
import { argName, type FormatArgs, formatTemplate, stringLiteralValue } from './format-string.ts';
import { prettyExpr } from './pretty.ts';
import { recordLockGuards } from './lock-guards.ts';

/** A site inside a macro's body or a `#[track_caller]` function: it is reported where that is called. */
interface InnerSite {
  kind: SiteKind;
  message: string;
  release: boolean;
}

type Wraps = 'Option' | 'Result';

const METHOD_KINDS: Record<string, SiteKind> = { unwrap: 'unwrap', expect: 'expect', unwrap_err: 'unwrap_err', expect_err: 'expect_err' };
const MACRO_KINDS: Record<string, SiteKind> = {
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

const OPTION_METHODS = new Set(
  'pop_front pop_back pop first last get get_mut next next_back peek front back max min max_by min_by max_by_key min_by_key find find_map position rposition nth last_mut first_mut checked_add checked_sub checked_mul checked_div checked_rem checked_pow strip_prefix strip_suffix split_once rsplit_once parent file_name file_stem extension to_str remove take reduce ok err chars filter as_deref get_key_value first_key_value last_key_value pop_first pop_last'.split(' '),
);
const RESULT_METHODS = new Set(
  'lock read write try_lock try_read try_write parse try_into try_from join send recv recv_timeout try_recv from_str open create read_to_string read_to_end write_all flush metadata var duration_since binary_search spawn read_line bind connect accept canonicalize read_dir remove_file create_dir_all try_clone map_err ok_or ok_or_else from_utf8 sync_all set_len validate'.split(' '),
);
/** Combinators that keep the wrapper: the receiver's kind decides. */
const PASS_THROUGH = new Set('map and_then or_else as_ref as_mut cloned copied inspect or xor'.split(' '));

/** What the whole crate declares that the sites of one file depend on. */
export interface CrateFacts {
  /** `macro_rules!` name → the sites of its body. */
  macros: Map<string, InnerSite[]>;
  /** `#[track_caller]` function name → the sites inside it (filled while scanning). */
  trackCaller: Map<string, InnerSite[]>;
  /** Function name → what it returns, when it is an Option or a Result. */
  returns: Map<string, Wraps>;
  /** Struct field, static and const name → declared type, crate-wide (a field is read in other files than its struct). */
  fields: Map<string, string>;
}

export const emptyFacts = (): CrateFacts => ({ macros: new Map(), trackCaller: new Map(), returns: new Map(), fields: new Map() });

interface Ctx {
  fn: string;
  /** `Type` or `<Type as Trait>` of the enclosing impl. */
  owner: string | undefined;
  testOnly: boolean;
  release: boolean;
  /** Set inside a `#[track_caller]` function: its sites are reported at its callers. */
  trackCaller: string | undefined;
  /** A top-level `fn main` of a binary is named `<bin>::main` in backtraces. */
  bin: string | undefined;
  /** The offset of the enclosing function, for its local types. */
  scope: number;
}

interface PendingCall {
  name: string;
  offset: number;
  ctx: Ctx;
}

/** Text positions → rustc's 1-based line and character column. */
class LineIndex {
  readonly starts: number[] = [0];
  readonly text: string;
  constructor(text: string) {
    this.text = text;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  position(offset: number): { line: number; column: number; code: string } {
    const l = this.lineOf(offset);
    const start = this.starts[l]!;
    const end = l + 1 < this.starts.length ? this.starts[l + 1]! - 1 : this.text.length;
    let column = 1;
    for (let i = start; i < offset; i++) {
      const c = this.text.charCodeAt(i);
      // A surrogate pair is one character.
      if (!(c >= 0xdc00 && c <= 0xdfff)) column++;
    }
    return { line: l + 1, column, code: this.text.slice(start, end).replace(/\r$/, '').trim() };
  }
}

const lastSegment = (text: string): string => {
  const at = text.lastIndexOf('::');
  return at < 0 ? text : text.slice(at + 2);
};

/** `Foo<T>` → `Foo`, `crate::x::Foo` → `Foo`, `&mut Foo` → `Foo`. */
function typeName(node: Node | null): string {
  if (!node) return '?';
  if (node.type === 'generic_type') return typeName(node.childForFieldName('type'));
  if (node.type === 'scoped_type_identifier') return node.childForFieldName('name')?.text ?? node.text;
  if (node.type === 'reference_type') return typeName(node.childForFieldName('type'));
  return node.text;
}

function attributesOf(node: Node): string[] {
  const out: string[] = [];
  for (let s = node.previousSibling; s; s = s.previousSibling) {
    if (s.type === 'attribute_item') out.push(s.text.replace(/\s+/g, ''));
    else if (s.type !== 'line_comment' && s.type !== 'block_comment') break;
  }
  return out;
}

const isTestAttr = (a: string): boolean => a === '#[test]' || a === '#[cfg(test)]' || /^#\[[a-z_]+::test/.test(a) || a.startsWith('#[cfg(all(test');
const isDebugOnly = (a: string): boolean => a === '#[cfg(debug_assertions)]';

/** The type class that decides how indexing panics. */
type Container = 'array' | 'vec' | 'map' | 'deque' | 'str';

function containerOf(type: string | undefined): Container | undefined {
  if (type === undefined) return undefined;
  const t = type.replace(/\s+/g, '').replace(/^&(mut)?('[a-z_]+)?/, '');
  if (t.startsWith('[')) return 'array';
  if (t === 'str' || t === 'String' || t === 'Cow<str>') return 'str';
  if (/^(std::collections::)?(HashMap|BTreeMap|IndexMap)\b/.test(t)) return 'map';
  if (/^(std::collections::)?VecDeque\b/.test(t)) return 'deque';
  return 'vec';
}

const wrapsOfType = (type: string | undefined): Wraps | undefined => {
  if (type === undefined) return undefined;
  const t = type.replace(/\s+/g, '').replace(/^&(mut)?/, '');
  if (/^(std::option::)?Option</.test(t)) return 'Option';
  if (/(^|::)Result\b/.test(t)) return 'Result';
  return undefined;
};

const MAX_MACRO_DEPTH = 8;
const RANGE_END = 'range end index {index} out of range for slice of length {len}';
const RANGE_START = 'range start index {index} out of range for slice of length {len}';

/** The args of a macro call, as the nodes of a call's argument list. */
const argNodes = (args: Node | null): Node[] => (args ? args.namedChildren.filter((n) => n.type !== 'line_comment' && n.type !== 'block_comment') : []);

/** Format-string arguments, given as nodes of a parsed argument list. */
function formatArgsOf(nodes: readonly Node[]): FormatArgs {
  const positional: string[] = [];
  const named = new Map<string, string>();
  for (const n of nodes) {
    if (n.type === 'assignment_expression') named.set(n.childForFieldName('left')?.text ?? '', n.childForFieldName('right')?.text ?? '');
    else positional.push(exprName(n));
  }
  return { positional, named };
}

/** A placeholder name for an argument: its last identifier (`fill.oid` → `oid`, `self.kappa()` → `kappa`). */
function exprName(node: Node): string {
  let n = node;
  for (;;) {
    if (n.type === 'identifier') return n.text;
    if (n.type === 'field_expression') return n.childForFieldName('field')?.text ?? n.text;
    if (n.type === 'scoped_identifier') return n.childForFieldName('name')?.text ?? n.text;
    const inner = n.type === 'call_expression' ? n.childForFieldName('function') : n.type === 'reference_expression' || n.type === 'unary_expression' ? n.namedChildren.at(-1) : null;
    if (!inner) return argName(n.text, 'value');
    n = inner;
  }
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

/** The message std prints for a panicking macro with these arguments. */
function macroMessage(kind: SiteKind, nodes: readonly Node[]): string {
  const base = kind.replace(/^debug_/, '');
  const custom = (rest: readonly Node[]) => formatMessage(rest);
  switch (base) {
    case 'panic':
      return custom(nodes) ?? 'explicit panic';
    case 'unreachable': {
      const m = custom(nodes);
      return m === undefined ? 'internal error: entered unreachable code' : `internal error: entered unreachable code: ${m}`;
    }
    case 'todo': {
      const m = custom(nodes);
      return m === undefined ? 'not yet implemented' : `not yet implemented: ${m}`;
    }
    case 'unimplemented': {
      const m = custom(nodes);
      return m === undefined ? 'not implemented' : `not implemented: ${m}`;
    }
    case 'assert': {
      const m = custom(nodes.slice(1));
      return m ?? `assertion failed: ${nodes[0] ? prettyExpr(nodes[0]) : '{condition}'}`;
    }
    default: {
      const op = base === 'assert_eq' ? '==' : '!=';
      const m = custom(nodes.slice(2));
      return `assertion \`left ${op} right\` failed${m === undefined ? '' : `: ${m}`}\n  left: {left}\n right: {right}`;
    }
  }
}

/** The message std prints for `.unwrap()` and friends on this kind of value. */
function methodMessage(kind: SiteKind, wraps: Wraps, arg: Node | undefined): string {
  const msg = arg === undefined ? '{msg}' : arg.type === 'string_literal' || arg.type === 'raw_string_literal' ? (stringLiteralValue(arg.text) ?? '{msg}') : '{msg}';
  switch (kind) {
    case 'unwrap':
      return wraps === 'Option' ? 'called `Option::unwrap()` on a `None` value' : 'called `Result::unwrap()` on an `Err` value: {error}';
    case 'expect':
      return wraps === 'Option' ? msg : `${msg}: {error}`;
    case 'unwrap_err':
      return 'called `Result::unwrap_err()` on an `Ok` value: {value}';
    default:
      return `${msg}: {value}`;
  }
}

/**
 * The sites of one parsed file. `types` maps names to their declared types in this file (a heuristic for
 * receivers and containers); sites inside `#[track_caller]` functions go to `facts.trackCaller`, calls of such
 * functions to `pending` (resolved once every file has been scanned).
 */
class FileScan {
  readonly sites: FoundSite[] = [];
  readonly pending: PendingCall[] = [];
  readonly lines: LineIndex;
  readonly locals = new Map<string, string>();
  macroDepth = 0;

  readonly file: string;
  readonly parser: Parser;
  readonly facts: CrateFacts;
  readonly testFile: boolean;
  readonly bin: string | undefined;

  constructor(file: string, text: string, parser: Parser, facts: CrateFacts, testFile: boolean, bin: string | undefined) {
    this.file = file;
    this.parser = parser;
    this.facts = facts;
    this.testFile = testFile;
    this.bin = bin;
    this.lines = new LineIndex(text);
  }

  add(offset: number, kind: SiteKind, message: string, ctx: Ctx, releaseToo = true): void {
    const release = ctx.release && releaseToo && !kind.startsWith('debug_');
    if (ctx.trackCaller !== undefined) {
      this.facts.trackCaller.get(ctx.trackCaller)?.push({ kind, message, release });
      return;
    }
    const { line, column, code } = this.lines.position(offset);
    this.sites.push({ file: this.file, line, column, kind, fn: ctx.fn, message, release, testOnly: ctx.testOnly || this.testFile, code });
  }

  /**
   * Records declared types: `let x: T`, parameters and obvious values per function (keyed by the function's
   * offset), struct fields, statics and consts for the whole file.
   */
  collectTypes(root: Node): void {
    const stack: [Node, number][] = [[root, -1]];
    while (stack.length > 0) {
      const [n, scope] = stack.pop()!;
      const t = n.type;
      if (t === 'let_declaration' || t === 'parameter' || t === 'field_declaration' || t === 'static_item' || t === 'const_item') {
        const name = n.childForFieldName(t === 'let_declaration' || t === 'parameter' ? 'pattern' : 'name');
        const type = n.childForFieldName('type');
        const value = t === 'let_declaration' ? n.childForFieldName('value') : null;
        const key = name?.type === 'mut_pattern' ? name.namedChildren[0]?.text : name?.text;
        let declared = type?.text;
        if (!declared && value?.type === 'array_expression') declared = '[_; _]';
        else if (!declared && value?.type === 'macro_invocation') {
          const m = value.childForFieldName('macro')?.text;
          declared = m === 'vec' ? 'Vec<_>' : m === 'format' ? 'String' : undefined;
        } else if (!declared && value?.type === 'call_expression') {
          const f = value.childForFieldName('function')?.text ?? '';
          const m = /^(String|HashMap|BTreeMap|VecDeque|Vec)::/.exec(f);
          declared = m ? m[1] : f === 'Some' ? 'Option<_>' : f === 'Ok' || f === 'Err' ? 'Result<_, _>' : undefined;
        }
        if (key !== undefined && declared !== undefined) {
          if (t === 'let_declaration' || t === 'parameter') this.locals.set(`${scope}:${key}`, declared);
          else this.facts.fields.set(key, declared);
        }
      }
      const inner = t === 'function_item' ? n.startIndex : scope;
      for (let i = n.namedChildCount - 1; i >= 0; i--) stack.push([n.namedChild(i)!, inner]);
    }
  }

  typeOf(name: Node, ctx: Ctx): string | undefined {
    if (name.type === 'identifier') return this.locals.get(`${ctx.scope}:${name.text}`) ?? this.facts.fields.get(name.text);
    if (name.type === 'field_expression') return this.facts.fields.get(name.childForFieldName('field')?.text ?? '');
    return undefined;
  }

  /** Whether `.unwrap()` on this receiver is on an Option or a Result. */
  wraps(recv: Node | null, ctx: Ctx, depth = 0): Wraps {
    if (!recv || depth > 20) return 'Option';
    switch (recv.type) {
      case 'parenthesized_expression':
        return this.wraps(recv.namedChildren[0] ?? null, ctx, depth + 1);
      case 'identifier':
      case 'field_expression':
        return wrapsOfType(this.typeOf(recv, ctx)) ?? 'Option';
      case 'call_expression': {
        let f = recv.childForFieldName('function');
        if (f?.type === 'generic_function') f = f.childForFieldName('function');
        if (!f) return 'Option';
        if (f.type === 'field_expression') {
          const m = f.childForFieldName('field')?.text ?? '';
          const own = this.facts.returns.get(m);
          if (own) return own;
          if (PASS_THROUGH.has(m)) return this.wraps(f.childForFieldName('value'), ctx, depth + 1);
          if (RESULT_METHODS.has(m)) return 'Result';
          if (OPTION_METHODS.has(m)) return 'Option';
          return 'Option';
        }
        const name = lastSegment(f.text);
        if (name === 'Some') return 'Option';
        if (name === 'Ok' || name === 'Err') return 'Result';
        return this.facts.returns.get(name) ?? (RESULT_METHODS.has(name) ? 'Result' : 'Option');
      }
      default:
        return 'Option';
    }
  }

  /** The container an index expression reads, from the declared type of the indexed name. */
  container(recv: Node | null, ctx: Ctx): Container {
    if (!recv) return 'vec';
    if (recv.type === 'identifier' || recv.type === 'field_expression') return containerOf(this.typeOf(recv, ctx)) ?? 'vec';
    if (recv.type === 'array_expression') return 'array';
    if (recv.type === 'string_literal') return 'str';
    if (recv.type === 'index_expression') return 'vec';
    return 'vec';
  }

  visit(root: Node, rootCtx: Ctx, delta: number): void {
    // An explicit stack: generated code can nest deeper than the JS call stack allows.
    const stack: [Node, Ctx][] = [[root, rootCtx]];
    while (stack.length > 0) {
      const [node, ctx] = stack.pop()!;
      const next = this.enter(node, ctx, delta);
      if (next === null) continue;
      for (let i = node.childCount - 1; i >= 0; i--) {
        const c = node.child(i)!;
        if (c.isNamed) stack.push([c, next]);
      }
    }
  }

  /** Handles one node; returns the context for its children, or null to skip them. */
  enter(node: Node, ctx: Ctx, delta: number): Ctx | null {
    switch (node.type) {
      case 'line_comment':
      case 'block_comment':
      case 'string_literal':
      case 'raw_string_literal':
      case 'char_literal':
      case 'attribute_item':
      case 'inner_attribute_item':
      case 'use_declaration':
      case 'macro_definition':
        return null;
      case 'mod_item': {
        const attrs = attributesOf(node);
        return { ...ctx, testOnly: ctx.testOnly || attrs.some(isTestAttr), release: ctx.release && !attrs.some(isDebugOnly) };
      }
      case 'impl_item': {
        const type = typeName(node.childForFieldName('type'));
        const trait = node.childForFieldName('trait');
        const attrs = attributesOf(node);
        return { ...ctx, owner: trait ? `<${type} as ${typeName(trait)}>` : type, testOnly: ctx.testOnly || attrs.some(isTestAttr) };
      }
      case 'trait_item':
        return { ...ctx, owner: node.childForFieldName('name')?.text };
      case 'function_item': {
        const name = node.childForFieldName('name')?.text ?? '?';
        const attrs = attributesOf(node);
        let fn: string;
        if (ctx.fn !== '') fn = `${ctx.fn}::${name}`;
        else if (ctx.owner !== undefined) fn = `${ctx.owner}::${name}`;
        else if (name === 'main' && ctx.bin !== undefined) fn = `${ctx.bin}::main`;
        else fn = name;
        const trackCaller = attrs.includes('#[track_caller]') && ctx.fn === '' ? name : ctx.trackCaller;
        if (trackCaller !== undefined && !this.facts.trackCaller.has(trackCaller)) this.facts.trackCaller.set(trackCaller, []);
        return {
          ...ctx,
          fn,
          scope: node.startIndex + delta,
          owner: undefined,
          testOnly: ctx.testOnly || attrs.some(isTestAttr),
          release: ctx.release && !attrs.some(isDebugOnly),
          trackCaller,
        };
      }
      case 'closure_expression':
        return { ...ctx, fn: `${ctx.fn || '{{closure}}'}${ctx.fn ? '::{{closure}}' : ''}`, trackCaller: undefined };
      case 'call_expression':
        this.call(node, ctx, delta);
        return ctx;
      case 'macro_invocation':
        this.macro(node, ctx, delta);
        return null;
      case 'index_expression':
        this.index(node, ctx, delta);
        return ctx;
      default:
        return ctx;
    }
  }

  call(node: Node, ctx: Ctx, delta: number): void {
    let f = node.childForFieldName('function');
    if (f?.type === 'generic_function') f = f.childForFieldName('function');
    if (!f) return;
    if (f.type === 'field_expression') {
      const field = f.childForFieldName('field');
      const name = field?.text ?? '';
      const kind = METHOD_KINDS[name];
      if (kind && field) {
        const args = argNodes(node.childForFieldName('arguments'));
        const wraps = kind === 'unwrap_err' || kind === 'expect_err' ? 'Result' : this.wraps(f.childForFieldName('value'), ctx);
        this.add(field.startIndex + delta, kind, methodMessage(kind, wraps, args[0]), ctx);
      } else if (field && this.facts.trackCaller.has(name)) {
        this.pending.push({ name, offset: field.startIndex + delta, ctx });
      }
      return;
    }
    if (f.type === 'identifier' || f.type === 'scoped_identifier') {
      const name = lastSegment(f.text);
      if (this.facts.trackCaller.has(name)) this.pending.push({ name, offset: node.startIndex + delta, ctx });
    }
  }

  index(node: Node, ctx: Ctx, delta: number): void {
    const [recv, idx] = node.namedChildren.filter((n) => n.type !== 'line_comment' && n.type !== 'block_comment');
    if (!recv || !idx) return;
    const container = this.container(recv, ctx);
    const bracket = node.children.find((c) => c.type === '[');
    const range = idx.type === 'range_expression';
    if (range) {
      const parts = idx.namedChildren;
      if (parts.length === 0) return; // `[..]` never panics
      const fromOnly = idx.text.trimEnd().endsWith('..');
      const message =
        container === 'str'
          ? `${fromOnly ? 'start' : 'end'} byte index {index} is out of bounds of \`{s}\``
          : fromOnly
            ? RANGE_START
            : RANGE_END;
      this.add((bracket ?? node).startIndex + delta, 'slice', message, ctx);
      return;
    }
    const message =
      container === 'map' ? 'no entry found for key' : container === 'deque' ? 'Out of bounds access' : 'index out of bounds: the len is {len} but the index is {index}';
    // The built-in bounds check of arrays and slices points at the whole expression, an Index impl at the `[`.
    const at = container === 'array' ? node : (bracket ?? node);
    this.add(at.startIndex + delta, 'index', message, ctx);
  }

  macro(node: Node, ctx: Ctx, delta: number): void {
    const name = lastSegment(node.childForFieldName('macro')?.text ?? '');
    const tt = node.namedChildren.find((c) => c.type === 'token_tree');
    // Each nested macro call is parsed again; past a few levels its tokens are enough (hostile nesting stays linear).
    const parsed = tt && this.macroDepth < MAX_MACRO_DEPTH ? this.parseArgs(tt) : undefined;
    const kind = MACRO_KINDS[name];
    if (kind) this.add(node.startIndex + delta, kind, parsed ? macroMessage(kind, parsed.args) : `{message}`, ctx);
    const own = this.facts.macros.get(name);
    if (own) for (const s of own) this.add(node.startIndex + delta, s.kind, s.message, ctx, s.release);
    if (!tt) return;
    if (parsed) {
      this.macroDepth++;
      try {
        for (const a of parsed.args) this.visit(a, ctx, delta + parsed.shift);
      } finally {
        this.macroDepth--;
        parsed.tree.delete();
      }
    } else this.tokens(tt, ctx, delta);
  }

  /**
   * A macro's arguments parsed as Rust: as a call's argument list (`"fmt", a, b`), else as an array (`vec![x; n]`).
   * The sub-tree's offsets plus `shift` are offsets in the file.
   */
  parseArgs(tt: Node): { args: Node[]; tree: Tree; shift: number } | undefined {
    const inner = tt.text.slice(1, -1);
    for (const [open, close, pick] of [
      ['fn __w(){__m(', ');}', (fn: Node) => fn.descendantsOfType('arguments')[0] ?? null],
      ['fn __w(){[', '];}', (fn: Node) => fn.descendantsOfType('array_expression')[0] ?? null],
    ] as const) {
      const tree = this.parser.parse(open + inner + close);
      if (!tree) continue;
      if (!tree.rootNode.hasError) {
        const list = pick(tree.rootNode);
        if (list) return { args: argNodes(list), tree, shift: tt.startIndex + 1 - open.length };
      }
      tree.delete();
    }
    return undefined;
  }

  /** Arguments that are no Rust expressions (a DSL, patterns): `.unwrap()` tokens and nested macro calls. */
  tokens(root: Node, ctx: Ctx, delta: number): void {
    for (const call of tokenCalls(root)) {
      const at = call.name.startIndex + delta;
      if (call.kind === 'method') {
        const kind = METHOD_KINDS[call.name.text]!;
        this.add(at, kind, methodMessage(kind, kind.endsWith('_err') ? 'Result' : 'Option', undefined), ctx);
        continue;
      }
      const mk = MACRO_KINDS[call.name.text];
      if (mk) this.add(at, mk, '{message}', ctx);
      for (const s of this.facts.macros.get(call.name.text) ?? []) this.add(at, s.kind, s.message, ctx, s.release);
    }
  }
}

/**
 * The calls in a token tree, where the code is tokens, not a syntax tree: `.unwrap( … )`-like method calls and
 * `name!( … )` macro calls, each with its name and its argument tokens, in every nested tree.
 */
function* tokenCalls(root: Node): Generator<{ kind: 'method' | 'macro'; name: Node; args: Node }> {
  const trees: Node[] = [root];
  while (trees.length > 0) {
    const kids = trees.pop()!.children;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i]!;
      if (k.type === 'token_tree') trees.push(k);
      if (k.type !== 'identifier') continue;
      const next = kids[i + 1];
      if (METHOD_KINDS[k.text] && kids[i - 1]?.type === '.' && next?.type === 'token_tree') yield { kind: 'method', name: k, args: next };
      else if (next?.type === '!' && kids[i + 2]?.type === 'token_tree') yield { kind: 'macro', name: k, args: kids[i + 2]! };
    }
  }
}

/** The panic sites of a `macro_rules!` body, by tokens: its code only exists once expanded. */
export function macroBodySites(def: Node): InnerSite[] {
  const out: InnerSite[] = [];
  const seen = new Set<string>();
  const push = (s: InnerSite) => {
    const key = `${s.kind}\u0000${s.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(s);
    }
  };
  const walk = (root: Node) => {
    for (const call of tokenCalls(root)) {
      if (call.kind === 'method') {
        const method = METHOD_KINDS[call.name.text]!;
        const lit = call.args.namedChildren.find((c) => c.type === 'string_literal' || c.type === 'raw_string_literal');
        push({ kind: method, message: methodMessage(method, method.endsWith('_err') ? 'Result' : 'Option', lit), release: true });
        continue;
      }
      const mk = MACRO_KINDS[call.name.text];
      if (mk) push({ kind: mk, message: macroTokenMessage(mk, call.args), release: !mk.startsWith('debug_') });
    }
  };
  for (const rule of def.namedChildren) {
    if (rule.type !== 'macro_rule') continue;
    const body = rule.childForFieldName('right');
    if (body) walk(body);
  }
  return out;
}

/** A panicking macro's message inside a macro body, from its tokens: `$name` arguments become `{name}`. */
function macroTokenMessage(kind: SiteKind, tt: Node): string {
  const args: string[] = [];
  let current = '';
  let lit: string | undefined;
  const kids = tt.children.slice(1, -1);
  for (const k of kids) {
    if (k.type === ',') {
      args.push(current);
      current = '';
    } else current += k.text;
  }
  if (current.trim() !== '') args.push(current);
  const base = kind.replace(/^debug_/, '');
  const skip = base === 'assert' ? 1 : base === 'assert_eq' || base === 'assert_ne' ? 2 : 0;
  const fmt = args[skip];
  if (fmt !== undefined) lit = stringLiteralValue(fmt.trim());
  const custom = lit === undefined ? (fmt === undefined ? undefined : '{message}') : formatTemplate(lit, { positional: args.slice(skip + 1).map((a) => a.trim()), named: new Map() });
  switch (base) {
    case 'panic':
      return custom ?? 'explicit panic';
    case 'unreachable':
      return custom === undefined ? 'internal error: entered unreachable code' : `internal error: entered unreachable code: ${custom}`;
    case 'todo':
      return custom === undefined ? 'not yet implemented' : `not yet implemented: ${custom}`;
    case 'unimplemented':
      return custom === undefined ? 'not implemented' : `not implemented: ${custom}`;
    case 'assert':
      return custom ?? 'assertion failed: {condition}';
    default: {
      const op = base === 'assert_eq' ? '==' : '!=';
      return `assertion \`left ${op} right\` failed${custom === undefined ? '' : `: ${custom}`}\n  left: {left}\n right: {right}`;
    }
  }
}

export interface CrateFile {
  /** Path relative to the crate root, with `/`. */
  file: string;
  text: string;
}

const binName = (file: string, pkg: string): string | undefined => {
  const m = /^src\/bin\/([^/]+)\.rs$/.exec(file) ?? /^src\/bin\/([^/]+)\/main\.rs$/.exec(file);
  if (m) return m[1]!.replace(/-/g, '_');
  return file === 'src/main.rs' ? pkg.replace(/-/g, '_') : undefined;
};

export const isTestPath = (file: string): boolean => /^(tests|benches|examples)\//.test(file);

/** The files `mod name;` may live in, declared in `file` (`a/mod.rs` → `a/name.rs`, `a/b.rs` → `a/b/name.rs`). */
function moduleFiles(file: string, name: string): string[] {
  const dir = /(^|\/)(mod|lib|main)\.rs$/.test(file) ? file.slice(0, file.lastIndexOf('/') + 1) : `${file.slice(0, -3)}/`;
  return [`${dir}${name}.rs`, `${dir}${name}/mod.rs`];
}

/** Every panic site of a crate's files, sorted by file, line and column. */
export function scanCrate(parser: Parser, files: readonly CrateFile[], pkg = 'market_maker'): FoundSite[] {
  const facts = emptyFacts();
  const trees: { f: CrateFile; tree: Tree }[] = [];
  const testFiles = new Set<string>();
  // Pass 1: what the crate declares (own panicking macros, return types, #[track_caller] functions).
  for (const f of files) {
    const tree = parser.parse(f.text);
    if (!tree) continue;
    trees.push({ f, tree });
    const stack: Node[] = [tree.rootNode];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.type === 'macro_definition') {
        const name = n.childForFieldName('name')?.text;
        const sites = macroBodySites(n);
        if (name && sites.length > 0) facts.macros.set(name, sites);
        continue;
      }
      if (n.type === 'mod_item' && !n.childForFieldName('body') && attributesOf(n).some(isTestAttr)) {
        // `#[cfg(test)] mod tests;`: the module's own file is test-only code.
        for (const m of moduleFiles(f.file, n.childForFieldName('name')?.text ?? '')) testFiles.add(m);
      }
      if (n.type === 'inner_attribute_item' && n.text.replace(/\s+/g, '') === '#![cfg(test)]' && n.parent?.type === 'source_file') testFiles.add(f.file);
      if (n.type === 'function_item') {
        const name = n.childForFieldName('name')?.text;
        const wraps = wrapsOfType(n.childForFieldName('return_type')?.text);
        if (name && wraps) facts.returns.set(name, wraps);
        if (name && attributesOf(n).includes('#[track_caller]')) facts.trackCaller.set(name, []);
      }
      for (let i = n.namedChildCount - 1; i >= 0; i--) stack.push(n.namedChild(i)!);
    }
  }
  // Pass 2: the sites.
  const sites: FoundSite[] = [];
  const scans: FileScan[] = [];
  for (const { f, tree } of trees) {
    const scan = new FileScan(f.file, f.text, parser, facts, isTestPath(f.file) || testFiles.has(f.file), binName(f.file, pkg));
    scan.collectTypes(tree.rootNode);
    scans.push(scan);
  }
  trees.forEach(({ tree }, i) => {
    const scan = scans[i]!;
    scan.visit(tree.rootNode, { fn: '', owner: undefined, testOnly: false, release: true, trackCaller: undefined, bin: scan.bin, scope: -1 }, 0);
    recordLockGuards(tree.rootNode, scan.sites);
    tree.delete();
  });
  // Calls of #[track_caller] functions report the sites inside them.
  for (const scan of scans) {
    for (const p of scan.pending) for (const s of facts.trackCaller.get(p.name) ?? []) scan.add(p.offset, s.kind, s.message, p.ctx, s.release);
    sites.push(...scan.sites);
  }
  return sites.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0)));
}
