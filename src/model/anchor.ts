/**
 * The anchor scheme for source locations; runbooks link to these, so they never change for a given file and lines:
 * `<file name without .rs>-L<line>`, `-L<end>` for a range, `-plus` for an open range, `-throughout` for a whole file.
 * `spread_oracle.rs:43` → `#spread_oracle-L43`, `quote_engine.rs:276-279` → `#quote_engine-L276-L279`.
 */
export interface Lines {
  file: string;
  line?: number | undefined;
  endLine?: number | undefined;
  openEnded?: boolean | undefined;
  throughout?: boolean | undefined;
}

export const fileName = (file: string): string => file.split(/[\\/]/).at(-1) ?? file;

export function locationAnchor(loc: Lines): string {
  const stem = fileName(loc.file).replace(/\.rs$/, '');
  if (loc.line === undefined) return `${stem}-throughout`;
  return `${stem}-L${loc.line}${loc.endLine !== undefined ? `-L${loc.endLine}` : ''}${loc.openEnded ? '-plus' : ''}`;
}

/** `43`, `43-44`, `130+` or `throughout`, as the reference writes lines. */
export function formatLines(loc: Lines): string {
  if (loc.line === undefined) return 'throughout';
  return `${loc.line}${loc.endLine !== undefined ? `-${loc.endLine}` : ''}${loc.openEnded ? '+' : ''}`;
}

/** `spread_oracle.rs:43-44`: the short form the reference uses in prose and tables. */
export const shortLocation = (loc: Lines): string =>
  loc.line === undefined ? `${fileName(loc.file)} (throughout)` : `${fileName(loc.file)}:${formatLines(loc)}`;

/** Whether a line reported by a panic falls on this location. */
export function coversLine(loc: Lines, line: number): boolean {
  if (loc.line === undefined) return true;
  if (loc.openEnded) return line >= loc.line;
  return line >= loc.line && line <= (loc.endLine ?? loc.line);
}

/** Frames on /frames/ are anchored by symbol: `EventLoop::run` → `#frame-EventLoop-run`. */
export const frameAnchor = (symbol: string): string =>
  `frame-${symbol.replace(/[^A-Za-z0-9_]+/g, '-').replace(/^-|-$/g, '')}`;

/** `event_loop.rs:823`, `spread_oracle.rs:130+`, or the file name alone when the reference gives no line. */
export const frameLocation = (f: {
  file?: string | undefined;
  line?: number | undefined;
  openEnded?: boolean | undefined;
}): string | undefined =>
  f.file === undefined ? undefined : f.line === undefined ? fileName(f.file) : shortLocation({ ...f, file: f.file });

/**
 * The anchor of a site's row on /inventory/: the location anchor scheme prefixed with `site-`
 * (`handlers.rs:318` → `site-handlers-L318`). Sites on one line share it.
 */
export const siteAnchor = (site: { file: string; line: number }): string =>
  `site-${locationAnchor({ file: site.file, line: site.line })}`;

/** `src/x.rs:43:5` (the column when there is one): a position in a file, as Rust prints a panic's location. */
export const formatSourcePos = (p: { file: string; line: number; column?: number | undefined }): string =>
  `${p.file}:${p.line}${p.column !== undefined ? `:${p.column}` : ''}`;
