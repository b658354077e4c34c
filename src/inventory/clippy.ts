/**
 * Clippy's restriction lints for panics, as a second opinion on the inventory: every place Clippy reports must be
 * a site of the inventory. Clippy's span covers the whole expression (a chain from its receiver), rustc's panic
 * location only the method name or macro, so a diagnostic is covered by a site of a matching kind on one of its lines.
 */
import type { SiteKind } from '../model/inventory.ts';

export const CLIPPY_LINTS = {
  'clippy::unwrap_used': ['unwrap', 'unwrap_err'],
  'clippy::expect_used': ['expect', 'expect_err'],
  'clippy::panic': ['panic'],
  'clippy::unreachable': ['unreachable'],
  'clippy::todo': ['todo'],
  'clippy::unimplemented': ['unimplemented'],
  'clippy::indexing_slicing': ['index', 'slice'],
} as const satisfies Record<string, readonly SiteKind[]>;

export type ClippyLint = keyof typeof CLIPPY_LINTS;

/** The arguments that turn the lints on: `cargo clippy --all-targets --message-format=json -- <these>`. */
export const CLIPPY_ARGS = Object.keys(CLIPPY_LINTS).flatMap((l) => ['-W', l]);

export interface ClippyDiagnostic {
  lint: ClippyLint;
  file: string;
  lineStart: number;
  lineEnd: number;
  column: number;
}

/** The diagnostics of our lints in `cargo clippy --message-format=json` output (one JSON object a line). */
export function clippyDiagnostics(output: string): ClippyDiagnostic[] {
  const out = new Map<string, ClippyDiagnostic>();
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    const m = JSON.parse(line) as {
      reason?: string;
      message?: {
        code?: { code?: string } | null;
        spans?: {
          is_primary: boolean;
          file_name: string;
          line_start: number;
          line_end: number;
          column_start: number;
        }[];
      };
    };
    const lint = m.message?.code?.code;
    if (m.reason !== 'compiler-message' || lint === undefined || !Object.hasOwn(CLIPPY_LINTS, lint)) continue;
    const span = m.message?.spans?.find((s) => s.is_primary);
    if (!span) continue;
    const d: ClippyDiagnostic = {
      lint: lint as ClippyLint,
      file: span.file_name,
      lineStart: span.line_start,
      lineEnd: span.line_end,
      column: span.column_start,
    };
    out.set(JSON.stringify(d), d);
  }
  return [...out.values()];
}

/** The diagnostics no site of the inventory accounts for. */
export function uncovered(
  diags: readonly ClippyDiagnostic[],
  sites: readonly { file: string; line: number; kind: SiteKind }[],
): ClippyDiagnostic[] {
  const byFile = new Map<string, { line: number; kind: SiteKind }[]>();
  for (const s of sites) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
  return diags.filter((d) => {
    const kinds: readonly SiteKind[] = CLIPPY_LINTS[d.lint];
    return !(byFile.get(d.file) ?? []).some(
      (s) => s.line >= d.lineStart && s.line <= d.lineEnd && kinds.includes(s.kind),
    );
  });
}
