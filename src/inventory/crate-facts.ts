/**
 * What the whole crate declares that the sites of one file depend on, read in a first pass over every file: its
 * `macro_rules!`, its string consts, its `#[track_caller]` functions and how many functions share each name, what its
 * functions return (type aliases included) and what `?` was applied to, and which files are test-only.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { DeclaredTypes } from './declared-types.ts';
import { type MacroEntry, macroEntries } from './macro-expand.ts';
import type { MessageValues } from './message-values.ts';
import { emptyWrapFacts, merge, type WrapFacts, wrapsOfType } from './option-or-result.ts';
import { attributesOf, calledName, isTestAttr, LEAVES, TRACK_CALLER } from './syntax.ts';

export interface CrateFacts extends WrapFacts {
  /** `macro_rules!` name → what the calls of its body do. */
  macros: Map<string, MacroEntry[]>;
  /** The names of the crate's `#[track_caller]` functions. */
  trackCaller: Set<string>;
  /** Function name → how many functions of the crate have it (a method call resolves by name only). */
  fnCount: Map<string, number>;
  /** Struct field, static and const name → declared type, crate-wide (a field is read in other files than its struct). */
  fields: Map<string, string>;
  /** `const`/`static` string name → its value, crate-wide; null when items of that name differ. */
  strings: Map<string, string | null>;
  /** Files that hold test-only code as a whole (`#[cfg(test)] mod tests;`, `#![cfg(test)]`). */
  testFiles: Set<string>;
}

export const emptyFacts = (): CrateFacts => ({
  ...emptyWrapFacts(),
  macros: new Map(),
  trackCaller: new Set(),
  fnCount: new Map(),
  fields: new Map(),
  strings: new Map(),
  testFiles: new Set(),
});

/** Types written as text, resolved once every file has been read (an alias may be declared after its use). */
export interface PendingTypes {
  returns: [name: string, type: string][];
  tried: [name: string, type: string][];
  aliases: [name: string, type: string][];
}

export const emptyPending = (): PendingTypes => ({ returns: [], tried: [], aliases: [] });

/** The files `mod name;` may live in, declared in `file` (`a/mod.rs` → `a/name.rs`, `a/b.rs` → `a/b/name.rs`). */
function moduleFiles(file: string, name: string): string[] {
  const dir = /(^|\/)(mod|lib|main)\.rs$/.test(file)
    ? file.slice(0, file.lastIndexOf('/') + 1)
    : `${file.slice(0, -3)}/`;
  return [`${dir}${name}.rs`, `${dir}${name}/mod.rs`];
}

/** `x.f(…)`, `f(…).await`: the function `?` was applied to, by name. */
function triedName(n: Node): string | undefined {
  let inner = n.namedChildren[0] ?? null;
  if (inner?.type === 'await_expression') inner = inner.namedChildren[0] ?? null;
  return inner?.type === 'call_expression' ? calledName(inner)?.name : undefined;
}

/**
 * Reads one file's declarations into `facts` and `pending`, the declared types of its names into `types` and the
 * messages its names hold into `values`: one walk of the tree.
 */
export function collectFacts(
  file: string,
  tree: Tree,
  facts: CrateFacts,
  pending: PendingTypes,
  names: { types: DeclaredTypes; values: MessageValues },
): void {
  const { types, values } = names;
  // Each node with the return type of the function its code is in (`undefined` in a closure or outside any), and
  // the offset of that function (the scope of its local names).
  // No variable holds the root: web-tree-sitter caches each node's children on it, so a held root would keep every
  // node of the walk alive (hundreds of megabytes on a generated file).
  const stack: [Node, string | undefined, number][] = [[tree.rootNode, undefined, -1]];
  while (stack.length > 0) {
    const [n, returns, scope] = stack.pop()!;
    types.see(n, scope);
    values.see(n, scope);
    let inner = returns;
    switch (n.type) {
      case 'macro_definition': {
        const name = n.childForFieldName('name')?.text;
        const entries = macroEntries(n);
        if (name && entries.length > 0) facts.macros.set(name, entries);
        continue;
      }
      case 'mod_item':
        if (!n.childForFieldName('body') && attributesOf(n).some(isTestAttr)) {
          for (const m of moduleFiles(file, n.childForFieldName('name')?.text ?? '')) facts.testFiles.add(m);
        }
        break;
      case 'inner_attribute_item':
        if (n.parent?.type === 'source_file' && n.text.replace(/\s+/g, '') === '#![cfg(test)]')
          facts.testFiles.add(file);
        continue;
      case 'function_item':
      case 'function_signature_item': {
        const name = n.childForFieldName('name')?.text;
        const type = n.childForFieldName('return_type')?.text;
        inner = type ?? '';
        if (!name) break;
        if (type !== undefined) pending.returns.push([name, type]);
        if (n.type === 'function_item') {
          facts.fnCount.set(name, (facts.fnCount.get(name) ?? 0) + 1);
          if (attributesOf(n).includes(TRACK_CALLER)) facts.trackCaller.add(name);
        }
        break;
      }
      case 'closure_expression':
        inner = undefined;
        break;
      case 'type_item': {
        const name = n.childForFieldName('name')?.text;
        const type = n.childForFieldName('type')?.text;
        if (name && type) pending.aliases.push([name, type]);
        continue;
      }
      case 'try_expression': {
        const name = triedName(n);
        if (name !== undefined && returns) pending.tried.push([name, returns]);
        break;
      }
    }
    if (LEAVES.has(n.type)) continue;
    const kids = n.namedChildren;
    const innerScope = n.type === 'function_item' ? n.startIndex : scope;
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, inner, innerScope]);
  }
}

/** Resolves the types every file's pass left as text: aliases first, then what functions return and `?` meant. */
export function resolveFacts(facts: CrateFacts, pending: PendingTypes): void {
  // An alias of an alias resolves in as many rounds as the chain is long; a few are plenty for real code.
  for (let round = 0; round < 4; round++) {
    for (const [name, type] of pending.aliases) {
      const w = wrapsOfType(type, facts.aliases);
      if (w && name !== 'Option' && name !== 'Result') facts.aliases.set(name, w);
    }
  }
  // A same-named function returning neither cannot be what `.unwrap()` is called on: only the wrappers count.
  for (const [name, type] of pending.returns) {
    const w = wrapsOfType(type, facts.aliases);
    if (w) facts.returns.set(name, merge(facts.returns.get(name), w));
  }
  for (const [name, type] of pending.tried) {
    const w = wrapsOfType(type, facts.aliases);
    if (w) facts.tried.set(name, merge(facts.tried.get(name), w));
  }
}
