/** Compares a path from a panic (absolute, `./`, Windows) with a model path by their trailing segments. */
const SEGMENTS = new Map<string, string[]>();
export const pathSegments = (file: string): string[] => {
  let segs = SEGMENTS.get(file);
  if (segs === undefined) {
    // Matching a paste compares its paths with every model location: split each path once, not once per comparison.
    if (SEGMENTS.size > 20_000) SEGMENTS.clear();
    // `…/orchestrator/handlers.rs`, `.../src/x.rs`: the elided part says nothing about the folders it hides.
    segs = file
      .replace(/\\/g, '/')
      .split('/')
      .filter((s) => s !== '' && !/^(?:\.+|…+)$/.test(s));
    SEGMENTS.set(file, segs);
  }
  return segs;
};

/**
 * 2 when one path ends with the other and they share a folder (`orchestrator/event_loop.rs`), 1 when only a bare
 * file name was given (`event_loop.rs`), 0 when they differ: a same-named file in another folder is another file.
 */
export function pathAgreement(pasted: string, model: string): 0 | 1 | 2 {
  const a = pathSegments(pasted);
  const b = pathSegments(model);
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  for (let i = 1; i <= n; i++) if (a.at(-i) !== b.at(-i)) return 0;
  return n >= 2 ? 2 : 1;
}
