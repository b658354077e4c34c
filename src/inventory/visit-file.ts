/**
 * The tree visitor: the panic sites of one parsed file, at the place rustc's panic location points to. Sites inside
 * a `#[track_caller]` function go to the call graph; calls of such functions wait until every file is visited
 * (`pending`), then stand for what they reach.
 */
import type { Node, Parser, Tree } from 'web-tree-sitter';
import type { FoundSite, SiteKind } from '../model/inventory.ts';
import type { CrateFacts } from './crate-facts.ts';
import { containerOf, type Container, DeclaredTypes } from './declared-types.ts';
import type { InnerSite } from './inner-site.ts';
import { LineIndex } from './line-index.ts';
import { expandMacro } from './macro-expand.ts';
import { tokenArgs, tokenCalls, tokenMethodSite } from './macro-tokens.ts';
import { MessageValues } from './message-values.ts';
import { decideWraps } from './option-or-result.ts';
import { MACRO_KINDS, macroMessage, METHOD_KINDS, methodMessage, RANGE_END, RANGE_START } from './std-messages.ts';
import {
  argNodes,
  attributesOf,
  calledFunction,
  calledName,
  isDebugOnly,
  isTestAttr,
  LEAVES,
  TRACK_CALLER,
  typeName,
} from './syntax.ts';
import type { TrackCallerGraph } from './track-caller.ts';

export interface Ctx {
  fn: string;
  /** `Type` or `<Type as Trait>` of the enclosing impl. */
  owner: string | undefined;
  testOnly: boolean;
  release: boolean;
  /** Set inside a `#[track_caller]` function: its sites are reported at its callers. */
  trackCaller: string | undefined;
  /** The offset of the enclosing function, for its local types. */
  scope: number;
}

/** A call of a `#[track_caller]` function outside any: it reports what the function reaches. */
export interface PendingCall {
  name: string;
  offset: number;
  ctx: Ctx;
}

const MAX_MACRO_DEPTH = 8;
const MAX_FN = 400;

export class FileScan {
  readonly sites: FoundSite[] = [];
  readonly pending: PendingCall[] = [];
  /** The file's lines: the lock guards read positions back into offsets with it. */
  readonly lines: LineIndex;
  /** The declared types of the file's names, read in the first pass. */
  readonly types: DeclaredTypes;
  /** The messages the file's names hold, read in the first pass. */
  readonly values: MessageValues;
  #macroDepth = 0;

  readonly file: string;
  readonly #parser: Parser;
  readonly #facts: CrateFacts;
  readonly #graph: TrackCallerGraph;
  /** Whether the whole file is test-only code: known once every file's `mod` items are read. */
  #testFile = false;
  /** In a binary's root file, the binary's crate name: a backtrace names its functions `info::spot_meta_example`. */
  readonly #bin: string | undefined;

  constructor(
    file: string,
    text: string,
    parser: Parser,
    facts: CrateFacts,
    graph: TrackCallerGraph,
    opts: { bin: string | undefined },
  ) {
    this.file = file;
    this.#parser = parser;
    this.#facts = facts;
    this.#graph = graph;
    this.#bin = opts.bin;
    this.lines = new LineIndex(text);
    this.types = new DeclaredTypes(facts.fields);
    this.values = new MessageValues(facts.strings);
  }

  /** Every site of the tree. */
  visitFile(tree: Tree, testFile: boolean): void {
    this.#testFile = testFile;
    // No variable holds the root: web-tree-sitter caches each node's children on it, so a held root would keep
    // every node of the walk alive.
    this.#walk(
      [
        [
          tree.rootNode,
          { fn: '', owner: undefined, testOnly: false, release: true, trackCaller: undefined, scope: -1 },
        ],
      ],
      0,
    );
  }

  /** A site at `offset`, or in the `#[track_caller]` function the context is in. */
  add(offset: number, site: InnerSite & Pick<FoundSite, 'via'>, ctx: Ctx): void {
    const release = ctx.release && site.release && !site.kind.startsWith('debug_');
    if (ctx.trackCaller !== undefined) {
      const { via: _, ...inner } = site;
      this.#graph.addSite(ctx.trackCaller, { ...inner, release });
      return;
    }
    const { line, column, code } = this.lines.position(offset);
    const testOnly = ctx.testOnly || this.#testFile;
    this.sites.push({ file: this.file, line, column, ...site, fn: ctx.fn, release, testOnly, code });
  }

  /** Visits the nodes on `stack` and all below them, the last first. */
  #walk(stack: [Node, Ctx][], delta: number): void {
    // An explicit stack: generated code can nest deeper than the JS call stack allows.
    while (stack.length > 0) {
      const [node, ctx] = stack.pop()!;
      const next = this.#enter(node, ctx, delta);
      if (next === null || LEAVES.has(node.type)) continue;
      const kids = node.namedChildren;
      for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, next]);
    }
  }

  /** Handles one node; returns the context for its children, or null to skip them. */
  #enter(node: Node, ctx: Ctx, delta: number): Ctx | null {
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
        return {
          ...ctx,
          testOnly: ctx.testOnly || attrs.some(isTestAttr),
          release: ctx.release && !attrs.some(isDebugOnly),
        };
      }
      case 'impl_item': {
        const type = typeName(node.childForFieldName('type'));
        const trait = node.childForFieldName('trait');
        const attrs = attributesOf(node);
        return {
          ...ctx,
          owner: trait ? `<${type} as ${typeName(trait)}>` : type,
          testOnly: ctx.testOnly || attrs.some(isTestAttr),
        };
      }
      case 'trait_item':
        return { ...ctx, owner: node.childForFieldName('name')?.text };
      case 'function_item':
        return this.#function(node, ctx, delta);
      case 'closure_expression': {
        // Past a few hundred characters a deeper closure keeps its outer's name: each site holds its own copy of the
        // name, so hostile nesting would grow the output with the square of its depth.
        const fn = ctx.fn === '' ? '{{closure}}' : ctx.fn.length > MAX_FN ? ctx.fn : `${ctx.fn}::{{closure}}`;
        return { ...ctx, fn, trackCaller: undefined };
      }
      case 'call_expression':
        this.#call(node, ctx, delta);
        return ctx;
      case 'macro_invocation':
        this.#macro(node, ctx, delta);
        return null;
      case 'index_expression':
        this.#index(node, ctx, delta);
        return ctx;
      default:
        return ctx;
    }
  }

  #function(node: Node, ctx: Ctx, delta: number): Ctx {
    const name = node.childForFieldName('name')?.text ?? '?';
    const attrs = attributesOf(node);
    let fn: string;
    if (ctx.fn !== '') fn = `${ctx.fn}::${name}`;
    else if (ctx.owner !== undefined) fn = `${ctx.owner}::${name}`;
    else fn = name;
    // rustc names a binary's items after the binary (a trait impl's `<Type as Trait>` path aside).
    if (ctx.fn === '' && this.#bin !== undefined && !fn.startsWith('<')) fn = `${this.#bin}::${fn}`;
    return {
      ...ctx,
      fn,
      scope: node.startIndex + delta,
      owner: undefined,
      testOnly: ctx.testOnly || attrs.some(isTestAttr),
      release: ctx.release && !attrs.some(isDebugOnly),
      trackCaller: attrs.includes(TRACK_CALLER) ? name : undefined,
    };
  }

  #call(node: Node, ctx: Ctx, delta: number): void {
    const f = calledFunction(node);
    const called = calledName(node);
    if (!f || !called) return;
    const method = f.type === 'field_expression';
    const kind = method ? METHOD_KINDS[called.name] : undefined;
    if (kind) {
      const msg = this.values.expectMessage(argNodes(node.childForFieldName('arguments'))[0], ctx.scope);
      this.add(called.node.startIndex + delta, this.#methodSite(kind, f.childForFieldName('value'), msg, ctx), ctx);
      return;
    }
    if (!this.#facts.trackCaller.has(called.name)) return;
    if (ctx.trackCaller !== undefined) this.#graph.addCall(ctx.trackCaller, called.name);
    else this.pending.push({ name: called.name, offset: (method ? called.node : node).startIndex + delta, ctx });
  }

  /** `.unwrap()` and friends: the message of an Option or a Result, or of both when the tree does not tell. */
  #methodSite(kind: SiteKind, recv: Node | null, msg: string, ctx: Ctx): InnerSite {
    const release = true;
    if (kind === 'unwrap_err' || kind === 'expect_err')
      return { kind, message: methodMessage(kind, 'Result', msg), release };
    const d = decideWraps(recv, this.#facts, (n) => this.types.typeOf(n, ctx.scope));
    if (d.wraps === 'either') {
      return {
        kind,
        message: methodMessage(kind, 'Option', msg),
        alternative: methodMessage(kind, 'Result', msg),
        decided: d.reason,
        release,
      };
    }
    return { kind, message: methodMessage(kind, d.wraps, msg), decided: d.reason, release };
  }

  #index(node: Node, ctx: Ctx, delta: number): void {
    const [recv, idx] = argNodes(node);
    if (!recv || !idx) return;
    const container = this.#container(recv, ctx);
    const bracket = node.children.find((c) => c.type === '[');
    if (idx.type === 'range_expression') {
      if (idx.namedChildCount === 0) return; // `[..]` never panics
      const last = idx.child(idx.childCount - 1);
      const fromOnly = last?.type === '..';
      const message =
        container === 'str'
          ? `${fromOnly ? 'start' : 'end'} byte index {index} is out of bounds of \`{s}\``
          : fromOnly
            ? RANGE_START
            : RANGE_END;
      this.add((bracket ?? node).startIndex + delta, { kind: 'slice', message, release: true }, ctx);
      return;
    }
    const message =
      container === 'map'
        ? 'no entry found for key'
        : container === 'deque'
          ? 'Out of bounds access'
          : 'index out of bounds: the len is {len} but the index is {index}';
    // The built-in bounds check of arrays and slices points at the whole expression, an Index impl at the `[`.
    const at = container === 'array' ? node : (bracket ?? node);
    this.add(at.startIndex + delta, { kind: 'index', message, release: true }, ctx);
  }

  /** The container an index expression reads, from the declared type of the indexed name. */
  #container(recv: Node, ctx: Ctx): Container {
    if (recv.type === 'identifier' || recv.type === 'field_expression')
      return containerOf(this.types.typeOf(recv, ctx.scope)) ?? 'vec';
    if (recv.type === 'array_expression') return 'array';
    if (recv.type === 'string_literal') return 'str';
    return 'vec';
  }

  #macro(node: Node, ctx: Ctx, delta: number): void {
    const name = node.childForFieldName('macro')?.text ?? '';
    const short = name.slice(name.lastIndexOf(':') + 1);
    const tt = node.namedChildren.find((c) => c.type === 'token_tree');
    // Each nested macro call is parsed again; past a few levels its tokens are enough (hostile nesting stays linear).
    const parsed = tt && this.#macroDepth < MAX_MACRO_DEPTH ? this.#parseArgs(tt) : undefined;
    const kind = MACRO_KINDS[short];
    const at = node.startIndex + delta;
    if (kind)
      this.add(at, { kind, message: parsed ? macroMessage(kind, parsed.args) : `{message}`, release: true }, ctx);
    this.#crateMacro(short, tt, at, ctx);
    if (!tt) return;
    if (!parsed) {
      this.#tokens(tt, ctx, delta);
      return;
    }
    this.#macroDepth++;
    try {
      this.#walk(
        parsed.args.reverse().map((a) => [a, ctx]),
        delta + parsed.shift,
      );
    } finally {
      this.#macroDepth--;
      parsed.tree.delete();
    }
  }

  /** A call of the crate's own macro `name`: the sites of its body, expanded with the call's arguments. */
  #crateMacro(name: string, tt: Node | undefined, at: number, ctx: Ctx): void {
    if (!this.#facts.macros.has(name)) return;
    for (const s of expandMacro(name, tt ? tokenArgs(tt) : undefined, this.#facts.macros)) this.add(at, s, ctx);
  }

  /**
   * A macro's arguments parsed as Rust: as a call's argument list (`"fmt", a, b`), else as an array (`vec![x; n]`).
   * The sub-tree's offsets plus `shift` are offsets in the file.
   */
  #parseArgs(tt: Node): { args: Node[]; tree: Tree; shift: number } | undefined {
    const inner = tt.text.slice(1, -1);
    for (const [open, close, pick] of [
      ['fn __w(){__m(', ');}', (fn: Node) => fn.descendantsOfType('arguments')[0] ?? null],
      ['fn __w(){[', '];}', (fn: Node) => fn.descendantsOfType('array_expression')[0] ?? null],
    ] as const) {
      const tree = this.#parser.parse(open + inner + close);
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
  #tokens(root: Node, ctx: Ctx, delta: number): void {
    for (const call of tokenCalls(root)) {
      const at = call.name.startIndex + delta;
      if (call.kind === 'method') {
        this.add(at, tokenMethodSite(METHOD_KINDS[call.name.text]!, '{msg}', true, call.after), ctx);
        continue;
      }
      const mk = MACRO_KINDS[call.name.text];
      if (mk) this.add(at, { kind: mk, message: '{message}', release: true }, ctx);
      this.#crateMacro(call.name.text, call.args, at, ctx);
    }
  }
}
