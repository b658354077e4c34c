/**
 * The content's inline markup, kept to what the reference uses: `code`, **strong** and *emphasis*.
 * Parsed into segments so that components render text as text and nothing in content becomes HTML.
 */
export type Segment = { kind: 'text' | 'code' | 'strong' | 'em'; text: string };

const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*/g;

export function inlineSegments(source: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of source.matchAll(INLINE)) {
    if (m.index > last) out.push({ kind: 'text', text: source.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'code', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'strong', text: m[2] });
    else out.push({ kind: 'em', text: m[3]! });
    last = m.index + m[0].length;
  }
  if (last < source.length) out.push({ kind: 'text', text: source.slice(last) });
  return out;
}

/** The text without markup, for search records, titles and the JSON export. */
export const plainText = (source: string): string =>
  inlineSegments(source)
    .map((s) => s.text)
    .join('');
