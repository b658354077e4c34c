/**
 * Undo what a chat tool, an editor or a terminal did to the characters: a byte order mark, CRLF, ANSI colours, curly
 * quotes, invisible joiners, chat tools' link markup around `name.rs:N`, HTML entities.
 */
import type { Stage } from './stage.ts';

export const ANSI = /\x1b\[[0-9;?]{0,32}[ -/]{0,4}[@-~]/g;

// Chat tools and word processors: curly quotes for straight ones, invisible joiners, non-breaking spaces.
const TYPOGRAPHY: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u200b': '',
  '\u200c': '',
  '\u200d': '',
  '\u2060': '',
};
const TYPOGRAPHY_RE = /[\u2018\u2019\u201a\u201c\u201d\u00a0\u202f\u200b\u200c\u200d\u2060]/g;
// `[handlers.rs:242](http://handlers.rs:242/)`: chat tools turn every `name.rs:N` into a link to a host `name.rs`.
const MARKDOWN_LINK = /\[([^[\]\n]{1,300})\]\((?:https?:\/\/|mailto:)[^()\s]{0,500}\)/g;
// Slack's own link markup, `<http://spread_oracle.rs:88|spread_oracle.rs:88>`, as its exports and API give it.
const SLACK_LINK = /<(?:https?:\/\/|mailto:)[^<>|\s]{0,500}\|([^<>\n]{1,300})>/g;
// A paste copied out of HTML source (a chat export, a web log viewer): `&gt;`, `&#47;` for `/`.
const ENTITY = /&(?:(lt|gt|amp|quot|apos|nbsp)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };
const decodeEntity = (m: string, name?: string, dec?: string, hex?: string): string => {
  if (name) return NAMED_ENTITIES[name] ?? m;
  const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
};

export function cleanCharacters(input: string): string {
  return (
    input
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n')
      // Runs of empty lines say no more than two of them do; a megabyte of them would cost every pass a megabyte.
      .replace(/\n{4,}/g, '\n\n\n')
      .replace(ANSI, '')
      .replace(TYPOGRAPHY_RE, (c) => TYPOGRAPHY[c] ?? c)
      .replace(MARKDOWN_LINK, '$1')
      .replace(SLACK_LINK, '$1')
      .replace(ENTITY, decodeEntity)
  );
}

export const characters: Stage = { name: 'characters', run: (lines) => cleanCharacters(lines.join('\n')).split('\n') };
