/**
 * The lock guards alive at each site of a file, as tree-sitter sees their scope: `let g = x.lock().unwrap();` (also
 * `.read()`, `.write()`, `.expect(…)`, `?`, or the `LockResult` kept whole) holds `x` from the end of that statement
 * to the end of its block, unless `drop(g)` comes first in the same block. A panic while a guard is alive poisons the
 * lock: the next `.lock().unwrap()` of it, on any thread, panics with PoisonError.
 *
 * Temporaries (`x.lock().unwrap().field`) die with their statement and are not guards here; `let _ = x.lock()` drops
 * at once. Each block's guards are read once, and a site walks its ancestors up to its function: linear in the file.
 */
import type { Node } from 'web-tree-sitter';
import type { LockGuard } from '../model/lock-guard.ts';
import type { LineIndex } from './line-index.ts';

const LOCK_METHODS = new Set(['lock', 'read', 'write', 'try_lock', 'try_read', 'try_write']);
/** What wraps the `LockResult` without ending the guard's life. */
const UNWRAPS = new Set(['unwrap', 'expect', 'unwrap_or_else']);

interface BlockGuard extends LockGuard {
  name: string;
  /** Alive from here (the end of its `let`)… */
  from: number;
  /** …to here: the `drop(name)` of the block, or the block's end. */
  to: number;
}

interface Site {
  line: number;
  column: number;
  guards?: LockGuard[] | undefined;
}

/** `x.lock()` under its unwraps: the lock's receiver and the method's name node, or undefined. */
function lockCall(value: Node | null): { lock: string; at: Node } | undefined {
  let v = value;
  for (let depth = 0; v && depth < 8; depth++) {
    if (v.type === 'try_expression') {
      v = v.namedChildren[0] ?? null;
      continue;
    }
    if (v.type !== 'call_expression') return undefined;
    const f = v.childForFieldName('function');
    if (f?.type !== 'field_expression') return undefined;
    const name = f.childForFieldName('field');
    const receiver = f.childForFieldName('value');
    if (!name || !receiver) return undefined;
    const args = v.childForFieldName('arguments');
    if (LOCK_METHODS.has(name.text) && (args?.namedChildCount ?? 0) === 0)
      return { lock: receiver.text.replace(/\s+/g, ''), at: name };
    if (!UNWRAPS.has(name.text)) return undefined;
    v = receiver;
  }
  return undefined;
}

/** The name a `let` binds, or undefined for `_` and destructuring patterns. */
function boundName(pattern: Node | null): string | undefined {
  const p = pattern?.type === 'mut_pattern' ? pattern.namedChildren[0] : pattern;
  return p?.type === 'identifier' ? p.text : undefined;
}

/** `drop(name)` / `std::mem::drop(name)` as a statement: the name dropped. */
function droppedName(statement: Node): string | undefined {
  const call = statement.type === 'expression_statement' ? statement.namedChildren[0] : statement;
  if (call?.type !== 'call_expression') return undefined;
  const f = call.childForFieldName('function')?.text ?? '';
  if (f !== 'drop' && !f.endsWith('::drop')) return undefined;
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  return args.length === 1 && args[0]!.type === 'identifier' ? args[0]!.text : undefined;
}

/** The guards a block's own statements take, in order (their `from` grows). */
function guardsOfBlock(block: Node, position: (offset: number) => { line: number; column: number }): BlockGuard[] {
  const out: BlockGuard[] = [];
  // The guard a name holds now: a new binding of the name shadows the old guard, which lives on unnamed.
  const byName = new Map<string, BlockGuard>();
  for (const statement of block.namedChildren) {
    if (statement.type === 'let_declaration') {
      const name = boundName(statement.childForFieldName('pattern'));
      const call = name === undefined ? undefined : lockCall(statement.childForFieldName('value'));
      if (name === undefined) continue;
      if (!call) {
        byName.delete(name);
        continue;
      }
      const g = {
        name,
        lock: call.lock,
        ...position(call.at.startIndex),
        from: statement.endIndex,
        to: block.endIndex,
      };
      out.push(g);
      byName.set(name, g);
      continue;
    }
    const dropped = droppedName(statement);
    const g = dropped === undefined ? undefined : byName.get(dropped);
    if (g) {
      g.to = statement.startIndex;
      byName.delete(dropped!);
    }
  }
  return out;
}

/** How far a site looks: enclosing blocks, and guards of one block before it (hostile code stays linear). */
const MAX_ANCESTORS = 256;
const MAX_GUARD_SCAN = 32;
const MAX_GUARDS = 8;

/** The index of the last guard alive from at or before `offset`, or -1. */
function lastFrom(guards: BlockGuard[], offset: number): number {
  let lo = 0;
  let hi = guards.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (guards[mid]!.from <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** A block (its guards) or a function (where a site stops looking) open at the point the walk has reached. */
interface Open {
  end: number;
  guards: BlockGuard[] | undefined;
}

/**
 * Sets `guards` on each site of one file from its syntax tree (`root`: the file's `source_file`). A site that holds
 * no guard gets none: the recorded inventory stays one short line per site. One walk of the tree in order, with the
 * blocks and functions open at each point on a stack (tree-sitter finds a node's parent by descending from the
 * root, so walking up from each site would cost the depth of the tree per step). `lines` is the file's index the sites
 * were placed with.
 */
export function recordLockGuards(root: Node, sites: Site[], lines: LineIndex): void {
  const pending = sites
    .map((site) => ({ site, offset: lines.offsetOf(site.line, site.column) }))
    .sort((a, b) => a.offset - b.offset);
  let next = 0;
  const open: Open[] = [];
  const resolveBefore = (limit: number) => {
    for (; next < pending.length && pending[next]!.offset < limit; next++) {
      const { site, offset } = pending[next]!;
      const found: LockGuard[] = [];
      for (
        let k = open.length - 1, depth = 0;
        k >= 0 && depth < MAX_ANCESTORS && found.length < MAX_GUARDS;
        k--, depth++
      ) {
        const o = open[k]!;
        if (o.end <= offset) continue;
        if (!o.guards) break; // the enclosing function: its callers' guards are not in this syntax
        // The guards taken before the site, nearest first.
        let i = lastFrom(o.guards, offset);
        for (let scanned = 0; i >= 0 && scanned < MAX_GUARD_SCAN && found.length < MAX_GUARDS; i--, scanned++) {
          const g = o.guards[i]!;
          if (offset < g.to) found.push({ lock: g.lock, line: g.line, column: g.column });
        }
      }
      if (found.length > 0) site.guards = found.sort((a, b) => a.line - b.line || a.column - b.column);
    }
  };
  const cursor = root.walk();
  try {
    for (;;) {
      const start = cursor.startIndex;
      resolveBefore(start + 1);
      while (open.length > 0 && open.at(-1)!.end <= start) open.pop();
      const type = cursor.nodeType;
      if (type === 'block')
        open.push({
          end: cursor.endIndex,
          guards: guardsOfBlock(cursor.currentNode, (offset) => lines.lineColumn(offset)),
        });
      else if (type === 'function_item') open.push({ end: cursor.endIndex, guards: undefined });
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return;
    }
  } finally {
    resolveBefore(Infinity);
    cursor.delete();
  }
}
