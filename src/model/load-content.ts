/**
 * Reads and validates a content folder outside Astro (for `npm run build`'s first step, the CLIs and the tests),
 * with the same schemas Astro's collections use. Errors name the file, its line, the field and what is wrong.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Document, LineCounter, parseDocument } from 'yaml';
import type { z } from 'astro/zod';
import { checklistStepSchema, reproduceSchema } from './checklist.ts';
import { crossCheck } from './cross-check.ts';
import { frameGroupSchema } from './frame.ts';
import { CONTENT_FILES, type Model, SOURCE_CHECK_FILE } from './model.ts';
import { sourceCheckSchema } from './source-check.ts';
import { numericalLayerSchema } from './numerical-layer.ts';
import { panicPathSchema } from './panic-path.ts';
import { safePathSchema } from './safe-path.ts';

export interface ContentError {
  file: string;
  line: number | undefined;
  field: string;
  message: string;
}

/** One YAML document of the content: a panic path's frontmatter or a whole data file. */
export interface SourceDoc {
  file: string;
  text: string;
  doc: Document;
  lines: LineCounter;
  /** Where the YAML starts in the file: the frontmatter of an .mdx file starts after its opening `---`. */
  offset: number;
  /** For a data file holding a list: the index of this entry's item. */
  item?: number;
}

export interface LoadedContent {
  model: Model;
  errors: ContentError[];
  /** The document of each entry, by kind and index: for error positions and for rewriting line numbers in place. */
  sources: { [K in keyof Model]: SourceDoc[] };
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '');
}

/** The 1-based line in the file of the value at `path`, or of the closest parent that exists. */
export function lineOf(src: SourceDoc, path: readonly PropertyKey[]): number | undefined {
  const full = src.item === undefined ? [...path] : [src.item, ...path];
  for (let n = full.length; n >= 0; n--) {
    const node = n === 0 ? src.doc.contents : src.doc.getIn(full.slice(0, n) as unknown[], true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return src.lines.linePos(range[0]).line + src.text.slice(0, src.offset).split('\n').length - 1;
  }
  return undefined;
}

function parseYaml(file: string, text: string, offset: number, end: number, errors: ContentError[]): SourceDoc | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text.slice(offset, end), { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      errors.push({ file, line: (e.linePos?.[0]?.line ?? 1) + text.slice(0, offset).split('\n').length - 1, field: '(YAML)', message: e.message.split('\n')[0]! });
    }
    return undefined;
  }
  return { file, text, doc, lines, offset };
}

function pushZodIssues(src: SourceDoc, error: z.ZodError, errors: ContentError[]): void {
  for (const issue of error.issues) {
    const path = issue.path as PropertyKey[];
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      message = `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; check the spelling against the schema in src/model/`;
    } else if (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined) {
      message = message.startsWith('is required') ? message : `is required (${message})`;
    }
    errors.push({ file: src.file, line: lineOf(src, path), field: fieldName(path) || '(entry)', message });
  }
}

export function loadContent(contentDir: string, root: string = process.cwd()): LoadedContent {
  const errors: ContentError[] = [];
  const model: Model = { panics: [], frameGroups: [], safePaths: [], layers: [], checklist: [], reproduce: [] };
  const sources: LoadedContent['sources'] = { panics: [], frameGroups: [], safePaths: [], layers: [], checklist: [], reproduce: [] };
  const display = (abs: string) => relative(root, abs) || abs;
  const invalidIds = new Set<string>();

  const panicDir = join(contentDir, CONTENT_FILES.panics);
  let panicFiles: string[] = [];
  try {
    panicFiles = readdirSync(panicDir).filter((f) => f.endsWith('.mdx')).sort();
  } catch {
    errors.push({ file: display(panicDir), line: undefined, field: '(folder)', message: 'is missing: panic paths live in content/panics/<id>.mdx' });
  }
  for (const name of panicFiles) {
    const abs = join(panicDir, name);
    const file = display(abs);
    const text = readFileSync(abs, 'utf8');
    const fm = FRONTMATTER.exec(text);
    if (!fm) {
      errors.push({ file, line: 1, field: '(frontmatter)', message: 'is missing: the file must start with a `---` YAML block holding the panic path' });
      continue;
    }
    const start = text.indexOf('\n') + 1;
    const src = parseYaml(file, text, start, start + fm[1]!.length, errors);
    if (!src) continue;
    const raw = src.doc.toJS() as { id?: unknown } | null;
    const parsed = panicPathSchema.safeParse(raw);
    if (!parsed.success) {
      pushZodIssues(src, parsed.error, errors);
      if (typeof raw?.id === 'string') invalidIds.add(raw.id);
    }
    else {
      model.panics.push(parsed.data);
      sources.panics.push(src);
    }
  }

  const lists = [
    ['frameGroups', frameGroupSchema],
    ['safePaths', safePathSchema],
    ['layers', numericalLayerSchema],
    ['checklist', checklistStepSchema],
    ['reproduce', reproduceSchema],
  ] as const;
  for (const [kind, schema] of lists) {
    const abs = join(contentDir, CONTENT_FILES[kind]);
    const file = display(abs);
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch {
      errors.push({ file, line: undefined, field: '(file)', message: 'is missing' });
      continue;
    }
    const src = parseYaml(file, text, 0, text.length, errors);
    if (!src) continue;
    const items = src.doc.toJS() as unknown;
    if (!Array.isArray(items)) {
      errors.push({ file, line: 1, field: '(file)', message: 'must be a YAML list of entries' });
      continue;
    }
    items.forEach((item, index) => {
      const itemSrc = { ...src, item: index };
      const parsed = schema.safeParse(item);
      if (!parsed.success) pushZodIssues(itemSrc, parsed.error, errors);
      else {
        (model[kind] as unknown[]).push(parsed.data);
        sources[kind].push(itemSrc);
      }
    });
  }

  checkSourceRecord(join(contentDir, SOURCE_CHECK_FILE), display, errors);

  for (const issue of crossCheck(model, invalidIds)) {
    const src = sources[issue.kind][issue.index]!;
    errors.push({ file: src.file, line: lineOf(src, issue.path), field: fieldName(issue.path), message: issue.message });
  }
  return { model, errors, sources };
}

/** The optional record of the last source check must have the shape the build reads. */
function checkSourceRecord(abs: string, display: (abs: string) => string, errors: ContentError[]): void {
  if (!existsSync(abs)) return;
  const file = display(abs);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(abs, 'utf8'));
  } catch (e) {
    errors.push({ file, line: undefined, field: '(file)', message: `is not valid JSON (${(e as Error).message}); rerun \`npm run check-sources -- --repo PATH --record\`` });
    return;
  }
  const parsed = sourceCheckSchema.safeParse(data);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) errors.push({ file, line: undefined, field: fieldName(issue.path), message: issue.message });
}

/** `content/panics/x.mdx:14: \`locations[0].line\` must be a positive integer …`: one line per problem, like a compiler. */
export const formatError = (e: ContentError): string =>
  `${e.file}${e.line !== undefined ? `:${e.line}` : ''}: error: \`${e.field}\` ${e.message}`;
