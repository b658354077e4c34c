/**
 * The match keys of a panic path: what a paste can hold evidence of (the names of the files it is located in, its
 * message templates, its panic frame, its code lines, the other symbols of its call chain), and the keys a template
 * is looked up by. Pure and small: the build's splitter (shards.ts) files panic paths under these keys, and the
 * search reads a paste's evidence against them (paste-evidence.ts), so that both agree on what a key is.
 */
import { fileName } from '../model/anchor.ts';
import { compileTemplate, foldSpace } from '../model/template.ts';

/**
 * The model's candidates a search shows at most. With hundreds of panic paths a generic message (`called
 * `Option::unwrap()` on a `None` value`) fits hundreds of them; listing them all cost 100 ms of DOM per keystroke
 * at N=1,000 and helps no one: past the first few, Pagefind's pages are the better hints.
 */
export const MAX_RANKED = 10;

/** What the match keys are read from: a panic path of the search model, or anything shaped like one. */
export interface Keyed {
  locations: readonly { file: string; code: string }[];
  messages: readonly { template: string; generic: boolean }[];
  callChain: readonly { symbol: string }[];
}

/** The names of the files a panic path is located in (`handlers.rs`), once each, in order. */
export const fileKeys = (p: Keyed): string[] => [...new Set(p.locations.map((l) => fileName(l.file)))];
/** Its panic frame: the last symbol of its call chain, where it panics. */
export const panicFrameKeys = (p: Keyed): string[] => p.callChain.slice(-1).map((f) => f.symbol);
/** The other symbols of its call chain: a typed name is evidence, a backtrace passing through them is not. */
export const symbolKeys = (p: Keyed): string[] => p.callChain.slice(0, -1).map((f) => f.symbol);
export const codeKeys = (p: Keyed): string[] => p.locations.map((l) => l.code);

/** The last `::` segment of a panic frame's symbol: frames of a paste are looked up by it. */
export const lastSegment = (symbol: string): string => symbol.replace(/::\*$/, '').split('::').at(-1) ?? '';

const MESSAGE_KEY = 6;
/** The first characters of a message, which templates starting so are looked up by. */
export const messageStart = (message: string): string => message.slice(0, MESSAGE_KEY);

export const SCAN_KEY = 6;

/** The form text and templates are compared in when a template is looked for anywhere in a text. */
export const canonical = (s: string): string => foldSpace(s.replace(/`/g, '').toLowerCase());

export interface CanonicalTemplate {
  literals: string[];
  /** The longest literal leads: it is the most selective key, and it is what survives a partial paste. */
  anchor: number;
}

export function compileCanonical(template: string): CanonicalTemplate {
  const { literals } = compileTemplate(canonical(template));
  let anchor = 0;
  literals.forEach((l, i) => {
    if (l.trim().length > literals[anchor]!.trim().length) anchor = i;
  });
  return { literals, anchor };
}

export const leadOf = ({ literals, anchor }: CanonicalTemplate): string => literals[anchor]!.trimStart();

/** The first characters of a template's leading literal, which the scanner looks for; '' when too short to key. */
export const scanKeyOf = (c: CanonicalTemplate): string => {
  const lead = leadOf(c);
  return lead.length < SCAN_KEY ? '' : lead.slice(0, SCAN_KEY);
};

/** What a message is indexed by before it is compiled: the start of its literal text, and the scanner's key. */
export interface MessageKeys {
  /** The first characters of its literal text before any placeholder; '' when too short to key. */
  start: string;
  scan: string;
}

export const messageKeys = (template: string): MessageKeys => {
  const first = compileTemplate(template).literals[0]!;
  return { start: first.length >= MESSAGE_KEY ? messageStart(first) : '', scan: scanKeyOf(compileCanonical(template)) };
};
