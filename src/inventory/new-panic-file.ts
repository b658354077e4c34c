/**
 * A ready-to-copy `content/panics/<id>.mdx` for an undocumented site: the frontmatter filled in from the site and,
 * when there is one, the pasted panic (its message as `shown`, its application frames as the call chain). Fields
 * only a person can write are marked `TODO:`. Pure, no Node or DOM: the search page builds it in the browser.
 * Strings are written as JSON strings, which YAML reads as double-quoted scalars.
 */
import type { InventorySite } from '../model/inventory.ts';
import { siteMessages } from '../model/site-messages.ts';
import { compileTemplate, matchTemplate } from '../model/template.ts';

export interface PastedPanic {
  message: string;
  /** Known frame symbols of the paste, outermost first (`market_maker::main`, `EventLoop::run`, …). */
  callChain?: readonly string[];
}

const q = (s: string): string => JSON.stringify(s);

/** std's own messages say nothing about which path panicked: the location must tell. */
const GENERIC = [
  /^called `(Option|Result)::unwrap(_err)?\(\)` on/,
  /^index out of bounds: /,
  /^range (start|end) index /,
  /^no entry found for key$/,
  /^Out of bounds access$/,
  /byte index \{index\} is out of bounds/,
];

/** `EventLoop::handle_trade::{{closure}}` + unwrap → `handle-trade-unwrap`. */
export function suggestedId(site: InventorySite): string {
  const fn =
    site.fn
      .split('::')
      .filter((p) => p !== '{{closure}}' && p !== '')
      .at(-1) ?? 'module';
  const words = `${fn}-${site.kind}`
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
  return words
    .replace(/^-+|-+$/g, '')
    .replace(/-+/g, '-')
    .slice(0, 60);
}

export function newPanicFile(site: InventorySite, pasted?: PastedPanic): string {
  const startup = /(^|::)main$/.test(site.fn);
  // A site that cannot tell Option from Result lists both messages; the pasted panic says which one it printed.
  const templates = siteMessages(site);
  const message = templates.find((t) => pasted && matchTemplate(compileTemplate(t), pasted.message)) ?? site.message;
  const generic = GENERIC.some((r) => r.test(message));
  const prefix = compileTemplate(message).literalPrefix || message;
  const where = `${site.file}:${site.line}`;
  const lines = [
    '---',
    `id: ${suggestedId(site)}`,
    `title: ${q(`TODO: a short name (${site.kind} in ${site.fn || 'module code'})`)}`,
    `phase: ${startup ? 'startup' : 'runtime'}`,
    `severity: ${!site.release ? 'Debug-only' : startup ? 'Startup' : 'Runtime'}`,
    `summary: ${q(`TODO: one sentence on what went wrong when ${where} panics.`)}`,
    'triage:',
    `  - message: ${q(prefix)}`,
    ...(generic ? [`    context: ${q(site.fn || site.file)}`] : []),
    `    rootCause: ${q('TODO: the root cause in a few words')}`,
    `    fix: ${q('TODO: what to do first')}`,
    'messages:',
    ...templates.flatMap((t) => [
      `  - template: ${q(t)}`,
      `    shown: ${q(t === message && pasted ? pasted.message.split('\n')[0]! : t)}`,
      ...(generic ? ['    generic: true'] : []),
    ]),
    `cause: ${q(`\`${site.code}\` in \`${site.fn || site.file}\` panicked (${site.kind}). TODO: why it can.`)}`,
    'triggers: []',
    `fix: ${q('TODO: how to fix or avoid it.')}`,
    'locations:',
    `  - file: ${q(site.file)}`,
    `    line: ${site.line}`,
    `    code: ${q(site.code)}`,
    '    role: panic',
    `    release: ${site.release}`,
    `    message: ${q(message)}`,
    `callChain: ${pasted?.callChain && pasted.callChain.length > 0 ? `\n${pasted.callChain.map((s) => `  - ${q(s)}`).join('\n')}` : '[]'}`,
    'related: []',
    '---',
    '',
    `TODO: notes for the engineer on call. Found by \`npm run inventory\` at \`${where}:${site.column}\`.`,
    '',
  ];
  return lines.join('\n');
}
