/**
 * Plans `--fix`: new line numbers for locations that only moved, as edits of the exact characters of the
 * `line:` (and `endLine:`) values in the content files. The YAML is never re-serialised, so everything else in
 * the files — comments, quoting, flow style, the MDX body — stays byte for byte. Pure: no fs, no process.
 */
import type { Document } from 'yaml';
import { fileName, formatLines } from '../model/anchor.ts';
import type { SourceDoc } from '../model/load-content.ts';
import type { Result, Target } from './check.ts';

export interface Edit {
  /** Character offsets in the file's text. */
  start: number;
  end: number;
  text: string;
}

export interface FileFix {
  /** The content file, as `loadContent` names it (relative to its root). */
  file: string;
  /** The file's text before the edits. */
  before: string;
  edits: Edit[];
  /** `spread_oracle.rs 43 → 51`, one per location. */
  changes: string[];
  /** The locations whose lines this fix changes, as they were. */
  moved: Target[];
}

export type Sources = Record<Target['kind'], readonly SourceDoc[]>;

/** The character range of a scalar's value in the file, and its text there. */
function valueRange(src: SourceDoc, path: readonly (string | number)[]): { start: number; end: number } | undefined {
  const full = src.item === undefined ? [...path] : [src.item, ...path];
  const node = (src.doc as Document).getIn(full, true) as { range?: [number, number, number] } | undefined;
  if (!node?.range) return undefined;
  return { start: src.offset + node.range[0], end: src.offset + node.range[1] };
}

/**
 * Edits for every `moved` result (targets and results are parallel arrays, as `checkTargets` returns them).
 * Never touches `gone`, `ambiguous` or anything else. `problems` lists moved locations that could not be edited
 * safely (the value in the file is not the plain number the model read).
 */
export function planFixes(
  targets: readonly Target[],
  results: readonly Result[],
  sources: Sources,
): { fixes: FileFix[]; problems: string[] } {
  const byFile = new Map<string, FileFix>();
  const problems: string[] = [];
  results.forEach((r, i) => {
    const t = targets[i]!;
    if (r.status !== 'moved' || r.foundAt?.length !== 1 || t.line === undefined) return;
    const src = sources[t.kind][t.index];
    if (!src) return void problems.push(`${r.entry}: no source document for this location`);
    const delta = r.foundAt[0]! - t.line;
    const fields: [string, number][] = [['line', t.line]];
    if (t.endLine !== undefined) fields.push(['endLine', t.endLine]);
    const edits: Edit[] = [];
    for (const [field, value] of fields) {
      const range = valueRange(src, [...t.path, field]);
      if (!range || src.text.slice(range.start, range.end) !== String(value)) {
        problems.push(
          `${src.file}: ${r.entry} ${fileName(t.file)}: \`${field}\` is not written as the plain number ${value}; not changed`,
        );
        return;
      }
      edits.push({ ...range, text: String(value + delta) });
    }
    let fix = byFile.get(src.file);
    if (!fix) byFile.set(src.file, (fix = { file: src.file, before: src.text, edits: [], changes: [], moved: [] }));
    fix.edits.push(...edits);
    fix.moved.push(t);
    fix.changes.push(
      `${fileName(t.file)} ${formatLines(t)} → ${formatLines({ ...t, line: t.line + delta, endLine: t.endLine === undefined ? undefined : t.endLine + delta })}`,
    );
  });
  return { fixes: [...byFile.values()], problems };
}

/** Applies edits from the end of the text backwards, so that earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.end > sorted[i - 1]!.start) throw new Error(`overlapping edits at ${sorted[i]!.start}`);
  }
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/**
 * Places in a fixed file's text that still name an old line (`spread_oracle.rs:46` in the MDX body or a
 * description): `--fix` only edits `line:`/`endLine:` values, so these are for a person to reread.
 */
export function staleMentions(fix: FileFix): { line: number; mention: string }[] {
  const out: { line: number; mention: string }[] = [];
  const seen = new Set<string>();
  for (const t of fix.moved) {
    if (t.line === undefined) continue;
    const mention = `${fileName(t.file)}:${t.line}`;
    if (seen.has(mention)) continue;
    seen.add(mention);
    const re = new RegExp(`${RegExp.escape(mention)}(?![0-9])`, 'g');
    for (const m of fix.before.matchAll(re))
      out.push({ line: fix.before.slice(0, m.index).split('\n').length, mention });
  }
  return out.sort((a, b) => a.line - b.line);
}
