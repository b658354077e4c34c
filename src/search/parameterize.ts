/**
 * A panic message without the values that differ from one crash to the next: quoted strings, UUIDs, addresses and
 * hashes, numbers. What a shared link carries (share.ts) and what groups an unknown panic in a log (logs/signature.ts).
 */
const MAX_CHARS = 300;

// Applied in this order, each a bounded pattern over at most MAX_CHARS characters.
const VALUES: [RegExp, string][] = [
  [/"(?:[^"\\\n]|\\.){0,200}"/g, '"{s}"'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '{uuid}'],
  [/\b0x[0-9a-f]{1,32}\b/gi, '{hex}'],
  // A long run of hex digits with both letters and digits (an id, a hash); digits alone are a number.
  [/\b(?=[0-9a-f]{0,64}\d)(?=[0-9a-f]{0,64}[a-f])[0-9a-f]{12,64}\b/gi, '{hex}'],
  [/(?:[-+]|\b)\d{1,40}(?:\.\d{1,40})?(?:e[-+]?\d{1,4})?\b/gi, '{n}'],
  [/(?:-|\b)(?:NaN|inf)\b/g, '{n}'],
];

/** The message's first line (what follows it in a log may be the log's next lines), its values replaced. */
export function messageTemplate(message: string): string {
  const first = message.trimStart().split('\n', 1)[0]!.slice(0, MAX_CHARS).trimEnd();
  return VALUES.reduce((s, [re, by]) => s.replace(re, by), first);
}
