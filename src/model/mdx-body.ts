/**
 * What the MDX body of a panic path (its Notes section) may hold: Markdown and plain prose HTML, nothing that runs
 * or loads. MDX compiles a body into a JavaScript module that runs at build time and ships with the page, so an
 * `import` can read any file of the build machine into the page (`import x from '/etc/passwd?raw'`), a `{…}`
 * expression runs code during the build, and `<script>`, `on*=` attributes or `javascript:` links run in every
 * reader's browser. The body is parsed with the same MDX parser Astro compiles it with (Sätteri, through
 * @astrojs/mdx), and the tree is checked node by node: never a regular expression over MDX.
 */
import { mdxToMdast } from 'satteri';

export interface BodyIssue {
  /** The 1-based line in the file (the parser is given the whole file, frontmatter included). */
  line: number | undefined;
  message: string;
}

/**
 * Elements a prose section may use. Anything else is refused by name: `script`, `style`, `iframe`, `object`,
 * `embed`, `link`, `meta`, `base` (it would move every relative URL of the page), forms, media that load from
 * elsewhere, `svg`/`math` (which carry their own scripting), and capitalised components (there are no imports to
 * define them).
 */
export const PROSE_ELEMENTS: ReadonlySet<string> = new Set([
  'a',
  'abbr',
  'aside',
  'b',
  'bdi',
  'bdo',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'section',
  'small',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'u',
  'ul',
  'var',
  'wbr',
]);

/**
 * The data-* attributes a prose element may carry: those nothing on the page acts on. `data-pagefind-ignore` only
 * keeps the element's text out of the full-text index (a long example log that would match every search).
 */
export const INERT_DATA_ATTRIBUTES: ReadonlySet<string> = new Set(['data-pagefind-ignore']);
const INERT_LIST = [...INERT_DATA_ATTRIBUTES].map((a) => `\`${a}\``).join(', ');

/**
 * `data-x`, and the spellings a JSX renderer may turn into one (`dataX`, `data_x`): `data` alone is the URL of an
 * `<object>`, checked as a loaded URL.
 */
const isDataAttribute = (lower: string): boolean => lower.startsWith('data') && lower !== 'data';

/** Attributes holding a URL that is followed when clicked. */
const LINK_ATTRIBUTES = new Set(['href', 'cite', 'action', 'formaction', 'xlink:href', 'longdesc', 'usemap', 'ping']);
/** Attributes holding a URL the browser loads with the page: they must stay on the site's origin. */
const LOAD_ATTRIBUTES = new Set(['src', 'srcset', 'poster', 'data', 'background', 'lowsrc', 'dynsrc']);
const LINK_SCHEMES = new Set(['http', 'https', 'mailto']);

const PROSE =
  'the Notes section is prose: Markdown and plain HTML, with no import, export, {expressions}, scripts or event handlers';

/**
 * A URL's scheme the way a browser reads it: leading and trailing spaces and control characters dropped, tabs and
 * newlines removed anywhere (`java\tscript:` is `javascript:`), lower-cased. `undefined` for a relative URL.
 */
export function urlScheme(url: string): string | undefined {
  let s = '';
  for (const ch of url.trim()) {
    const c = ch.codePointAt(0)!;
    if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (s === '' && c <= 0x20) continue;
    s += ch;
    if (ch === ':' || ch === '/' || ch === '?' || ch === '#') break;
  }
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):$/.exec(s);
  return m ? m[1]!.toLowerCase() : undefined;
}

/** Why a followed URL (link, `href`) is refused, or undefined. */
function linkProblem(url: string): string | undefined {
  const scheme = urlScheme(url);
  if (scheme === undefined || LINK_SCHEMES.has(scheme)) return undefined;
  return `a ${scheme}: URL (${clip(url)}); links may be relative, http:, https: or mailto:`;
}

/** Why a loaded URL (image, `src`) is refused, or undefined: the site never loads anything from another origin. */
function loadProblem(url: string): string | undefined {
  const scheme = urlScheme(url);
  const trimmed = url.trim();
  if (scheme === undefined && !trimmed.startsWith('//') && !trimmed.startsWith('\\\\') && !trimmed.startsWith('/\\'))
    return undefined;
  if (scheme === 'data' && /^data:image\/(png|gif|jpeg|webp|avif);/i.test(trimmed)) return undefined;
  return `${clip(url)}, which loads from outside the site; the site loads nothing from another origin: put the file under public/ and use a relative path`;
}

const clip = (s: string, max = 60): string => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
};

/** `true` when a `{…}` holds nothing but comments (`{/* note *\/}` is how MDX writes a comment). */
function onlyComments(code: string): boolean {
  let i = 0;
  while (i < code.length) {
    const ch = code[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
    } else if (code.startsWith('/*', i)) {
      const end = code.indexOf('*/', i + 2);
      if (end < 0) return false;
      i = end + 2;
    } else if (code.startsWith('//', i)) {
      const end = code.indexOf('\n', i);
      i = end < 0 ? code.length : end + 1;
    } else {
      return false;
    }
  }
  return true;
}

interface MdxNode {
  type: string;
  name?: string | null;
  value?: unknown;
  url?: string;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: MdxNode[];
  position?: { start: { line: number } };
}

/** Problems of one attribute of a JSX element, as the end of a sentence starting "`<a>` has …". */
function attributeProblems(attr: { type: string; name?: string; value?: unknown }): string[] {
  if (attr.type !== 'mdxJsxAttribute') return ['an attribute expression ({…}), which runs code at build time'];
  const name = attr.name ?? '';
  const lower = name.toLowerCase();
  if (lower.startsWith('on')) return [`an event handler \`${name}\`, which runs a script in the reader's browser`];
  if (lower === 'srcdoc') return ['a `srcdoc` attribute, which holds a whole document'];
  if (lower === 'style') return ["a `style` attribute; the look of the page belongs to the site's CSS"];
  // An id or name in the prose could take over an anchor of the page (`#spread_oracle-L43` is a contract) or an
  // element the page's script looks up (DOM clobbering); headings get their ids from their text.
  if (lower === 'id' || lower === 'name')
    return [
      `an \`${name}\` attribute; ids belong to the page's anchors and scripts (headings get theirs from their text)`,
    ];
  // The site's scripts act on data-* attributes (`data-copy` fills the clipboard, `data-moved-to` navigates): in
  // the prose one would steer the page. Only attributes nothing reads to act on are let through.
  if (isDataAttribute(lower) && !INERT_DATA_ATTRIBUTES.has(lower)) {
    return [
      `a \`${name}\` attribute; data-* attributes are the site's script hooks, and the prose may carry only ${INERT_LIST}`,
    ];
  }
  if (attr.value !== null && attr.value !== undefined && typeof attr.value !== 'string') {
    return [
      `an expression as the value of \`${name}\` (${name}={…}), which runs code at build time; write a quoted value`,
    ];
  }
  const value = typeof attr.value === 'string' ? attr.value : '';
  if (LINK_ATTRIBUTES.has(lower)) {
    const p = linkProblem(value);
    if (p) return [`\`${name}\` with ${p}`];
  }
  if (LOAD_ATTRIBUTES.has(lower)) {
    const urls = lower === 'srcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [value];
    for (const u of urls) {
      const p = loadProblem(u);
      if (p) return [`\`${name}\` set to ${p}`];
    }
  }
  return [];
}

/**
 * The largest body, in bytes (the real ones are under 2 KiB). The MDX parser takes time quadratic in how deeply
 * elements or block quotes nest (16,000 nested `<div>`s take 0.7 s, 4× that nesting 16×), and Astro parses the
 * body with it too: the cap keeps the worst case of both to a few tens of milliseconds.
 */
export const MAX_BODY_BYTES = 32 * 1024;

/**
 * Every problem of an MDX file's body. The whole file is given, frontmatter included, so that lines are the file's;
 * `bodyStart` is where the body starts (after the frontmatter). A body that is not valid MDX gives one issue at the
 * parser's line.
 */
export function bodyIssues(text: string, bodyStart = 0): BodyIssue[] {
  const bytes = Buffer.byteLength(text.slice(bodyStart));
  if (bytes > MAX_BODY_BYTES) {
    const line = text.slice(0, bodyStart).split('\n').length;
    return [
      {
        line,
        message: `is ${(bytes / 1024).toFixed(1)} KiB; the Notes section may be at most ${MAX_BODY_BYTES / 1024} KiB (the real ones are under 2 KiB): move long material to its own page`,
      },
    ];
  }
  return mdxIssues(text);
}

/** The check itself, without the size cap (exported for the linear-time test). */
export function mdxIssues(text: string): BodyIssue[] {
  let tree: MdxNode;
  try {
    tree = mdxToMdast(text, { features: { gfm: true } }) as MdxNode;
  } catch (e) {
    const message = String((e as Error).message ?? e);
    const at = /^(\d+):(\d+): /.exec(message);
    return [
      {
        line: at ? Number(at[1]) : undefined,
        message: `is not valid MDX: ${at ? message.slice(at[0].length) : message}`,
      },
    ];
  }
  const issues: BodyIssue[] = [];
  // An explicit stack, not recursion: a hostile body can nest thousands of levels deep.
  const stack: MdxNode[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const line = node.position?.start.line;
    const add = (message: string) => issues.push({ line, message });
    switch (node.type) {
      case 'mdxjsEsm': {
        const code = String(node.value ?? '');
        const first = clip(code.split('\n')[0] ?? '');
        add(
          /^\s*import\b/.test(code)
            ? `must not import modules (${first}): an import runs at build time and can read any file of the build machine into the page; ${PROSE}`
            : `must not export (${first}): an export is code that runs at build time; ${PROSE}`,
        );
        break;
      }
      case 'mdxFlowExpression':
      case 'mdxTextExpression': {
        const code = String(node.value ?? '');
        if (!onlyComments(code))
          add(
            `must not hold a JavaScript expression ({${clip(code, 40)}}), which runs at build time; write a literal brace as \\{; ${PROSE}`,
          );
        break;
      }
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        const name = node.name;
        if (name !== null && name !== undefined && !PROSE_ELEMENTS.has(name)) {
          add(
            /^[a-z][a-z0-9]*$/.test(name)
              ? `must not hold a <${name}> element; ${PROSE} (allowed elements: ${[...PROSE_ELEMENTS].join(', ')})`
              : `must not use the component <${name}>: components need an import, and ${PROSE}`,
          );
        }
        for (const attr of node.attributes ?? []) {
          for (const p of attributeProblems(attr)) add(`must not give <${name ?? ''}> ${p}; ${PROSE}`);
        }
        break;
      }
      case 'link':
      case 'definition': {
        const p = linkProblem(node.url ?? '');
        if (p) add(`must not link to ${p}`);
        break;
      }
      case 'image': {
        const p = loadProblem(node.url ?? '');
        if (p) add(`must not show an image from ${p}`);
        break;
      }
      case 'html':
        add(`must not hold raw HTML (${clip(String(node.value ?? ''))}); ${PROSE}`);
        break;
    }
    if (node.children) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
