/**
 * Reads and validates a content folder outside Astro (for `npm run build`'s first step, the CLIs and the tests),
 * with the same schemas Astro's collections use. Errors name the file, its line, the field and what is wrong.
 * Content is untrusted input: links out of the folder, special files, oversized files and fields, bytes that are not
 * UTF-8, YAML alias bombs and MDX bodies that would run code or load from elsewhere are all refused by name
 * (content-files.ts, text.ts, mdx-body.ts) before Astro reads anything.
 */
import { type Dirent, existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Document, isAlias, LineCounter, parseDocument, visit } from 'yaml';
import type { z } from 'astro/zod';
import { checklistStepSchema, reproduceSchema } from './checklist.ts';
import { crossCheck } from './cross-check.ts';
import { frameGroupSchema } from './frame.ts';
import { type FileProblem, readContentText, treeProblems } from './content-files.ts';
import { bodyIssues } from './mdx-body.ts';
import { CONTENT_FILES, FIX_JOURNAL_FILE, type Model, SOURCE_CHECK_FILE } from './model.ts';
import { sourceCheckSchema } from './source-check.ts';
import { MAX_RECORD_BYTES } from './text.ts';
import { HISTORY_FILE, historySchema } from './history.ts';
import { INVENTORY_FILE } from './inventory.ts';
import { inventoryFileProblemsAt } from './inventory-digest.ts';
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
  return path.reduce<string>(
    (s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)),
    '',
  );
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

function parseYaml(
  file: string,
  text: string,
  offset: number,
  end: number,
  errors: ContentError[],
): SourceDoc | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text.slice(offset, end), { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      errors.push({
        file,
        line: (e.linePos?.[0]?.line ?? 1) + text.slice(0, offset).split('\n').length - 1,
        field: '(YAML)',
        message: e.message.split('\n')[0]!,
      });
    }
    return undefined;
  }
  return { file, text, doc, lines, offset };
}

/**
 * The document as plain data, or undefined with an error. Aliases are expanded here, so a YAML alias bomb (a
 * "billion laughs" of nested `*refs`, a few hundred bytes that expand to gigabytes) is refused at its first alias
 * instead of exhausting the build's memory: the yaml package stops after `maxAliasCount` expansions.
 */
function toData(src: SourceDoc, errors: ContentError[]): { data: unknown } | undefined {
  try {
    return { data: src.doc.toJS({ maxAliasCount: 100 }) };
  } catch (e) {
    let at: number | undefined;
    visit(src.doc, {
      Alias(_, node) {
        if (isAlias(node) && node.range) at = node.range[0];
        return visit.BREAK;
      },
    });
    const line =
      at === undefined ? undefined : src.lines.linePos(at).line + src.text.slice(0, src.offset).split('\n').length - 1;
    const message = String((e as Error).message ?? e);
    errors.push(
      /alias/i.test(message)
        ? {
            file: src.file,
            line,
            field: '(YAML)',
            message: `uses aliases (*name) that expand to too much data (${message.toLowerCase()}); write the values out instead of nesting aliases`,
          }
        : {
            file: src.file,
            line: undefined,
            field: '(YAML)',
            message: `cannot be read as data (${message}); is it nested too deeply?`,
          },
    );
    return undefined;
  }
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

export interface LoadOptions {
  /**
   * The site's `public/` folder, copied into the build as it is: checked for symlinks that lead out of it (Vite
   * would copy the file they point to into the site).
   */
  publicDir?: string;
}

export function loadContent(
  contentDir: string,
  root: string = process.cwd(),
  options: LoadOptions = {},
): LoadedContent {
  const errors: ContentError[] = [];
  const model: Model = { panics: [], frameGroups: [], safePaths: [], layers: [], checklist: [], reproduce: [] };
  const sources: LoadedContent['sources'] = {
    panics: [],
    frameGroups: [],
    safePaths: [],
    layers: [],
    checklist: [],
    reproduce: [],
  };
  const display = (abs: string) => relative(root, abs) || abs;
  const invalidIds = new Set<string>();
  const report = (p: FileProblem) =>
    errors.push({ file: display(p.path), line: p.line, field: p.field, message: p.message });

  // A half-applied --fix: building from it would publish some files old and some new.
  if (existsSync(join(contentDir, FIX_JOURNAL_FILE))) {
    errors.push({
      file: display(join(contentDir, FIX_JOURNAL_FILE)),
      line: undefined,
      field: '(file)',
      message:
        'is left by a `check-sources --fix` that was stopped part-way: the folder may hold old and new files; ' +
        'run `npm run check-sources -- --repo PATH` once, it finishes (or undoes) the fix before anything else',
    });
  }
  // Links out of the folders and special files first: a file named here is not read at all.
  const refused = new Set<string>();
  for (const dir of options.publicDir ? [contentDir, options.publicDir] : [contentDir]) {
    for (const p of treeProblems(dir, `${relative(root, dir) || '.'}/`)) {
      refused.add(p.path);
      report(p);
    }
  }
  /** The text of a content file, or undefined once its problem is reported (`missing` says what a missing file means). */
  const readText = (abs: string, missing?: string, maxBytes?: number): string | undefined => {
    if (refused.has(abs)) return undefined;
    const read = readContentText(abs, maxBytes);
    if ('text' in read) return read.text;
    if ('problem' in read) report(read.problem);
    else if (missing) errors.push({ file: display(abs), line: undefined, field: '(file)', message: missing });
    return undefined;
  };

  const panicDir = join(contentDir, CONTENT_FILES.panics);
  let panicFiles: Dirent[] = [];
  try {
    panicFiles = readdirSync(panicDir, { withFileTypes: true })
      .filter((f) => f.name.endsWith('.mdx'))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  } catch {
    errors.push({
      file: display(panicDir),
      line: undefined,
      field: '(folder)',
      message: 'is missing: panic paths live in content/panics/<id>.mdx',
    });
  }
  for (const entry of panicFiles) {
    const abs = join(panicDir, entry.name);
    const file = display(abs);
    if (entry.isDirectory()) {
      errors.push({
        file,
        line: undefined,
        field: '(file)',
        message: `is a folder; a panic path is one file, ${CONTENT_FILES.panics}/<id>.mdx: rename or remove the folder`,
      });
      continue;
    }
    // Until the file can be read, its id is taken from its name: links to it are not reported as well.
    invalidIds.add(entry.name.slice(0, -'.mdx'.length));
    const text = readText(abs);
    if (text === undefined) continue;
    const fm = FRONTMATTER.exec(text);
    if (!fm) {
      errors.push({
        file,
        line: 1,
        field: '(frontmatter)',
        message: 'is missing: the file must start with a `---` YAML block holding the panic path',
      });
      continue;
    }
    for (const issue of bodyIssues(text, fm[0].length))
      errors.push({ file, line: issue.line, field: 'body', message: issue.message });
    const start = text.indexOf('\n') + 1;
    const src = parseYaml(file, text, start, start + fm[1]!.length, errors);
    if (!src) continue;
    const data = toData(src, errors);
    if (!data) continue;
    invalidIds.delete(entry.name.slice(0, -'.mdx'.length));
    const raw = data.data as { id?: unknown } | null;
    const parsed = panicPathSchema.safeParse(raw);
    if (!parsed.success) {
      pushZodIssues(src, parsed.error, errors);
      if (typeof raw?.id === 'string') invalidIds.add(raw.id);
    } else {
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
    const text = readText(abs, 'is missing');
    if (text === undefined) continue;
    const src = parseYaml(file, text, 0, text.length, errors);
    if (!src) continue;
    const data = toData(src, errors);
    if (!data) continue;
    const items = data.data;
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

  const recordPath = join(contentDir, SOURCE_CHECK_FILE);
  const record = readText(recordPath, undefined, MAX_RECORD_BYTES);
  if (record !== undefined) checkSourceRecord(display(recordPath), record, errors);
  const historyPath = join(contentDir, HISTORY_FILE);
  const history = readText(historyPath, undefined, MAX_RECORD_BYTES);
  if (history !== undefined)
    checkSourceRecord(display(historyPath), history, errors, historySchema, '--history --record');
  const inventoryPath = join(contentDir, INVENTORY_FILE);
  // Read apart from the hand-written files: it is generated, and a large crate's inventory outgrows their size limit.
  const checkedCommit = record === undefined ? undefined : (tryJsonObject(record)?.commit as string | null | undefined);
  for (const p of inventoryFileProblemsAt(inventoryPath, checkedCommit))
    errors.push({ file: display(inventoryPath), line: undefined, ...p });

  for (const issue of crossCheck(model, invalidIds)) {
    const src = sources[issue.kind][issue.index]!;
    errors.push({
      file: src.file,
      line: lineOf(src, issue.path),
      field: fieldName(issue.path),
      message: issue.message,
    });
  }
  return { model, errors, sources };
}

/** The optional records of `check-sources` (the last check, the history) must have the shape the build reads. */
function checkSourceRecord(
  file: string,
  text: string,
  errors: ContentError[],
  schema: z.ZodType = sourceCheckSchema,
  options = '--record',
): void {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    errors.push({
      file,
      line: undefined,
      field: '(file)',
      message: `is not valid JSON (${(e as Error).message}); rerun \`npm run check-sources -- --repo PATH ${options}\``,
    });
    return;
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return;
  for (const issue of parsed.error.issues)
    errors.push({ file, line: undefined, field: fieldName(issue.path), message: issue.message });
}

const tryJsonObject = (text: string): Record<string, unknown> | undefined => {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** `content/panics/x.mdx:14: \`locations[0].line\` must be a positive integer …`: one line per problem, like a compiler. */
export const formatError = (e: ContentError): string =>
  `${e.file}${e.line !== undefined ? `:${e.line}` : ''}: error: \`${e.field}\` ${e.message}`;
