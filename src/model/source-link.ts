/**
 * `SOURCE_URL`, e.g. `https://github.com/ORG/hl-mm/blob/{commit}/{path}#L{line}`: where a location's code can be read,
 * at the commit the reference was last checked against. Pure and schema-free: the search page's card uses it too.
 */
export interface SourceLinks {
  /** The template, validated by `sourceUrlSchema` (src/model/site-config.ts). */
  template: string;
  /** The recorded commit (content/source-check.json, else content/inventory.json); null when none was recorded. */
  commit: string | null;
}

/** The link to `file` at `line` (its first line for a range), or undefined when the template needs a commit that was never recorded. */
export function sourceLink(
  links: SourceLinks | null | undefined,
  loc: { file: string; line?: number | null | undefined },
): string | undefined {
  if (!links) return undefined;
  if (links.template.includes('{commit}') && !links.commit) return undefined;
  const path = loc.file.split('/').map(encodeURIComponent).join('/');
  return links.template
    .replaceAll('{commit}', links.commit ?? '')
    .replaceAll('{path}', path)
    .replaceAll('{line}', String(loc.line ?? 1));
}
