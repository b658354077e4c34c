/**
 * Where the site is served: `BASE_PATH` (the sub-path every link, script and asset starts with) and `SITE_URL` (the
 * origin of absolute links: `panics.json`, OpenSearch). Both come from the environment and go into every page, so
 * they are validated like content: `BASE_PATH=//evil.example/` would make every script load from another host.
 */
import { z } from 'astro/zod';
import type { ContentError } from './load-content.ts';

export const DEFAULT_BASE_PATH = '/';
export const DEFAULT_SITE_URL = 'http://localhost:4321';

/** One path segment: RFC 3986's unreserved characters, nothing a browser or server would decode or reinterpret. */
const SEGMENT = /^[A-Za-z0-9._~-]+$/;

export const basePathSchema = z
  .string()
  .max(200, { error: (i) => `must be at most 200 characters, got ${String(i.input).length}` })
  .superRefine((base, ctx) => {
    const fail = (why: string) =>
      ctx.addIssue({ code: 'custom', message: `${why} (like "/" or "/docs/panics/"), got ${JSON.stringify(base)}` });
    if (!base.startsWith('/') || !base.endsWith('/')) return fail('must start and end with "/"');
    if (base === '/') return;
    if (base.includes('//'))
      return fail('must not hold "//": a base starting with "//" is another host, and every script would load from it');
    for (const segment of base.slice(1, -1).split('/')) {
      if (segment === '.' || segment === '..') return fail(`must not hold a "${segment}" segment`);
      if (!SEGMENT.test(segment)) return fail('must hold only letters, digits, "-", ".", "_" and "~" between its "/"');
    }
  });

export const siteUrlSchema = z.string().transform((text, ctx) => {
  const fail = (why: string) => {
    ctx.addIssue({
      code: 'custom',
      message: `${why} (an origin like "https://runbooks.example"), got ${JSON.stringify(text)}`,
    });
    return z.NEVER;
  };
  if (text !== text.trim() || /[\s\\]/.test(text)) return fail('must not hold spaces or backslashes');
  const url = URL.parse(text);
  if (!url) return fail('must be an absolute URL');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail('must start with http:// or https://');
  if (!/^https?:\/\/[^/]/i.test(text)) return fail('must be written as http(s)://host');
  if (url.username !== '' || url.password !== '') return fail('must not hold a user name or password');
  if (url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#'))
    return fail('must not hold a query or a fragment');
  if (url.pathname !== '/') return fail('must be an origin without a path: put the sub-path in BASE_PATH');
  return url.origin;
});

const PLACEHOLDER = /\{([^{}]*)\}/g;
const SOURCE_PLACEHOLDERS = ['commit', 'path', 'line'];

/** `https://github.com/ORG/hl-mm/blob/{commit}/{path}#L{line}`: an http(s) URL naming at least the file. */
export const sourceUrlSchema = z.string().superRefine((template, ctx) => {
  const fail = (why: string) =>
    ctx.addIssue({
      code: 'custom',
      message: `${why} (like "https://github.com/ORG/hl-mm/blob/{commit}/{path}#L{line}"), got ${JSON.stringify(template)}`,
    });
  const unknown = [...template.matchAll(PLACEHOLDER)]
    .map((m) => m[1]!)
    .filter((name) => !SOURCE_PLACEHOLDERS.includes(name));
  if (unknown.length > 0)
    return fail(`must use only the placeholders {commit}, {path} and {line}, not {${unknown[0]}}`);
  if (!template.includes('{path}')) return fail('must hold {path}, where the file goes');
  const url = URL.parse(template.replaceAll('{commit}', 'c').replaceAll('{path}', 'p').replaceAll('{line}', '1'));
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username !== '' || url.password !== '')
    return fail('must be an http(s) URL without a user name or password');
});

export const siteConfigSchema = z.strictObject({
  base: basePathSchema,
  site: siteUrlSchema,
  sourceUrl: sourceUrlSchema.optional(),
});
export type SiteConfigInput = z.input<typeof siteConfigSchema>;
export type SiteConfig = z.output<typeof siteConfigSchema>;

/**
 * The site's base and origin from `BASE_PATH` and `SITE_URL` (unset or empty: `/` and http://localhost:4321),
 * or one error per bad variable, named like a content error: `environment: error: \`BASE_PATH\` must …`.
 */
export function siteConfigFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): { config: SiteConfig; errors: [] } | { config: undefined; errors: ContentError[] } {
  const vars = { base: 'BASE_PATH', site: 'SITE_URL', sourceUrl: 'SOURCE_URL' } as const;
  const parsed = siteConfigSchema.safeParse({
    base: env.BASE_PATH || DEFAULT_BASE_PATH,
    site: env.SITE_URL || DEFAULT_SITE_URL,
    ...(env.SOURCE_URL ? { sourceUrl: env.SOURCE_URL } : {}),
  });
  if (parsed.success) return { config: parsed.data, errors: [] };
  return {
    config: undefined,
    errors: parsed.error.issues.map((issue) => ({
      file: 'environment',
      line: undefined,
      field: vars[issue.path[0] as keyof typeof vars],
      message: issue.message,
    })),
  };
}
