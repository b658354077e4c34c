/**
 * Whether `.unwrap()`/`.expect()` is on an Option or a Result, from what the syntax tree shows: the crate's own
 * functions' return types (type aliases of the crate included), `?` applied to the same call elsewhere, the declared
 * type of a name, and the shapes of std and the ecosystem. Each decision keeps its reason; where nothing tells,
 * the answer is `either`, and the site lists both messages.
 */
import type { Node } from 'web-tree-sitter';
import type { Wraps } from './std-messages.ts';
import { calledFunction, lastSegment } from './syntax.ts';

export type Decided = Wraps | 'either';

export interface Decision {
  wraps: Decided;
  reason: string;
}

/** What the crate declares that tells Option from Result. */
export interface WrapFacts {
  /** Crate function name → what its return type is; `either` when functions of that name disagree. */
  returns: Map<string, Decided>;
  /** Function name → what `?` on a call of it stood for: the return type of the function holding the `?`. */
  tried: Map<string, Decided>;
  /** The crate's type aliases of an Option or a Result (`type Fallible<T> = Result<T, E>`). */
  aliases: Map<string, Wraps>;
}

export const emptyWrapFacts = (): WrapFacts => ({ returns: new Map(), tried: new Map(), aliases: new Map() });

const words = (s: string) => new Set(s.split(' '));

const STD_OPTION = words(
  'pop_front pop_back pop first last get get_mut next next_back peek front back max min max_by min_by max_by_key ' +
    'min_by_key find find_map position rposition nth last_mut first_mut checked_add checked_sub checked_mul ' +
    'checked_div checked_rem checked_pow strip_prefix strip_suffix split_once rsplit_once parent file_name file_stem ' +
    'extension to_str remove take reduce ok err chars filter as_deref get_key_value first_key_value last_key_value ' +
    'pop_first pop_last partial_cmp to_digit from_digit upgrade downcast_ref downcast_mut checked_neg checked_abs ' +
    'last_key_value nth_back',
);
const STD_RESULT = words(
  'lock read write try_lock try_read try_write parse try_into try_from join send recv recv_timeout try_recv from_str ' +
    'from_slice from_value from_reader open create read_to_string read_to_end write_all flush metadata var ' +
    'duration_since binary_search spawn read_line bind connect accept canonicalize read_dir remove_file ' +
    'create_dir_all try_clone map_err ok_or ok_or_else from_utf8 sync_all set_len validate try_send send_timeout ' +
    'elapsed local_addr peer_addr set_nonblocking write_fmt from_str_radix',
);
/** Combinators that keep the wrapper: the receiver decides. */
const PASS_THROUGH = words('map and_then or_else as_ref as_mut cloned copied inspect or xor');
/** Awaited, these are async channels and streams, which end with `None`, not an error. */
const AWAIT_OPTION = words('recv next try_next message');

const MAX_DEPTH = 20;

/** What a type says: `Option<…>`, `io::Result<…>`, an alias of the crate; undefined for any other type. */
export function wrapsOfType(type: string | undefined, aliases: ReadonlyMap<string, Wraps>): Wraps | undefined {
  if (type === undefined) return undefined;
  const t = type.replace(/\s+/g, '').replace(/^&(mut)?('[a-z_]+)?/, '');
  const head = lastSegment(t.split('<', 1)[0]!);
  if (head === 'Option') return 'Option';
  if (head === 'Result') return 'Result';
  return aliases.get(head);
}

/** What std's method of that name returns, when it is an Option or a Result. */
export const stdWraps = (name: string): Wraps | undefined =>
  STD_RESULT.has(name) ? 'Result' : STD_OPTION.has(name) ? 'Option' : undefined;

/** Whether a combinator of that name keeps the wrapper of its receiver (`map`, `copied`…). */
export const isPassThrough = (name: string): boolean => PASS_THROUGH.has(name);

/** Two readings of one name: the same, or `either`. */
export const merge = (a: Decided | undefined, b: Decided): Decided => (a === undefined || a === b ? b : 'either');

function byName(name: string, facts: WrapFacts, kind: 'method' | 'function'): Decision | undefined {
  const own = facts.returns.get(name);
  const std = stdWraps(name);
  if (own !== undefined && std !== undefined && own !== std) {
    return { wraps: 'either', reason: `not known: the crate's ${name} returns ${own}, std's ${std}` };
  }
  if (own === 'either')
    return { wraps: 'either', reason: `not known: the crate's functions named ${name} return Option and Result` };
  if (own !== undefined) return { wraps: own, reason: `the crate's fn ${name} returns ${own}` };
  const tried = facts.tried.get(name);
  if (tried !== undefined && tried !== 'either')
    return { wraps: tried, reason: `\`${name}(…)?\` in a fn returning ${tried}` };
  if (std !== undefined) return { wraps: std, reason: `std's ${kind} ${name} returns ${std}` };
  return undefined;
}

/**
 * The decision for the receiver of `.unwrap()`. `typeOf` gives a name's declared type (a local, a parameter, a
 * field). A chain of pass-through combinators is followed at most `MAX_DEPTH` calls deep.
 */
export function decideWraps(recv: Node | null, facts: WrapFacts, typeOf: (name: Node) => string | undefined): Decision {
  let n = recv;
  for (let depth = 0; n && depth < MAX_DEPTH; depth++) {
    switch (n.type) {
      case 'parenthesized_expression':
        n = n.namedChildren[0] ?? null;
        continue;
      case 'identifier':
      case 'field_expression': {
        const type = typeOf(n);
        const wraps = wrapsOfType(type, facts.aliases);
        if (wraps) return { wraps, reason: `the declared type of ${n.text.slice(0, 60)} is ${type!.slice(0, 60)}` };
        return { wraps: 'either', reason: `not known: no declared type of ${n.text.slice(0, 60)}` };
      }
      case 'await_expression': {
        const inner = n.namedChildren[0] ?? null;
        const name = inner?.type === 'call_expression' ? calledFunction(inner) : null;
        const called =
          name?.type === 'field_expression'
            ? name.childForFieldName('field')?.text
            : name
              ? lastSegment(name.text)
              : undefined;
        if (called !== undefined) {
          const own = facts.returns.get(called);
          if (own !== undefined && own !== 'either')
            return { wraps: own, reason: `the crate's fn ${called} returns ${own}` };
          const tried = facts.tried.get(called);
          if (tried !== undefined && tried !== 'either')
            return { wraps: tried, reason: `\`${called}(…).await?\` in a fn returning ${tried}` };
          if (AWAIT_OPTION.has(called))
            return { wraps: 'Option', reason: `\`.${called}().await\` of a channel or stream returns Option` };
        }
        return { wraps: 'Result', reason: "`.await` on a call: a client's or task's future returns Result" };
      }
      case 'call_expression': {
        const f = calledFunction(n);
        if (!f) return { wraps: 'either', reason: 'not known: a call of an expression' };
        if (f.type === 'field_expression') {
          const m = f.childForFieldName('field')?.text ?? '';
          if (PASS_THROUGH.has(m) && !facts.returns.has(m)) {
            n = f.childForFieldName('value');
            continue;
          }
          return (
            byName(m, facts, 'method') ?? {
              wraps: 'either',
              reason: `not known: ${m} is no fn of the crate nor a known std method`,
            }
          );
        }
        const path = f.text;
        const name = lastSegment(path);
        if (name === 'Some') return { wraps: 'Option', reason: 'Some(…)' };
        if (name === 'Ok' || name === 'Err') return { wraps: 'Result', reason: `${name}(…)` };
        if (/^serde_[a-z]+::from_/.test(path)) return { wraps: 'Result', reason: `${path} returns Result` };
        return (
          byName(name, facts, 'function') ?? {
            wraps: 'either',
            reason: `not known: ${name.slice(0, 60)} is no fn of the crate nor a known std one`,
          }
        );
      }
      case 'try_expression':
        return { wraps: 'either', reason: 'not known: the value inside a `?`' };
      default:
        return { wraps: 'either', reason: `not known: a ${n.type.replace(/_/g, ' ')}` };
    }
  }
  return { wraps: 'either', reason: 'not known: a chain too long to follow' };
}
