/**
 * The search model's head carried by the search page itself, in a `<script type="application/json">` that never
 * runs (the page's policy allows no inline script; the page's own script reads its text). Every search reads the
 * head first: fetched, it is one more request on the way to the verdict, the last to arrive (a cold navigation to
 * `search/?q=` came to done about 50 ms sooner with it in the page on this machine). Past `INLINE_HEAD_BYTES` the
 * page stays small and preloads `search-model/head.json` instead.
 */
import type { SearchHead } from '../model/search-split-schema.ts';

/** The id of the element that carries the head; the search page's script reads it. */
export const HEAD_ELEMENT_ID = 'search-model-head';

/** Up to this much JSON (the real reference's head with its shards: 176 KiB, 13 KiB compressed) the page carries it. */
export const INLINE_HEAD_BYTES = 512 * 1024;

/**
 * The head as the text of a `<script type="application/json">`, or undefined when it is too large to carry.
 * Every `<` is written `\u003c`, which JSON reads as the same character: no `</script>` or `<!--` in a string of the
 * model can end the element or change how the HTML parser reads it.
 */
export function inlineHeadText(head: SearchHead): string | undefined {
  const json = JSON.stringify(head);
  return json.length <= INLINE_HEAD_BYTES ? json.replaceAll('<', '\\u003c') : undefined;
}
