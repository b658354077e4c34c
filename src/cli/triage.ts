/**
 * `npm run triage -- [FILE …]` (also `mm-panics triage`): which panics a log holds, how many, when, and where each
 * one's page is. Reads files or standard input as a stream (a 200 MB log, `kubectl logs -f`), finds every panic with
 * the site's own parser and matcher and prints one row per group.
 *
 * Exit codes: 0 no panic, 1 only documented panics, 3 at least one panic no page documents, 2 bad input (a missing
 * file, a directory, binary data, bad options or content), after the other inputs have been read.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { siteRoot } from '../model/export.ts';
import type { InventorySite } from '../model/inventory.ts';
import type { SearchModel } from '../model/search-model.ts';
import { PANIC_NEEDLES } from '../logs/blocks.ts';
import { type GroupedPanic, LogTriage, type PanicGroup } from '../logs/groups.ts';
import { inventoryLookup } from '../logs/inventory.ts';
import { LogInputError, openInput } from '../logs/input.ts';
import { LineReader } from '../logs/line-reader.ts';
import { collectorFor } from '../logs/read-log.ts';
import { parseCommandLine } from './args.ts';
import { directStdout, type TextSink } from './stdout.ts';

export const USAGE = `usage: mm-panics triage [--json] [--follow] [--site URL] [--base PATH] [--content DIR] [FILE …]

Finds the panics in logs (files, or standard input when no FILE or FILE is -), groups them by panic path, or by
location and message for panics no page documents, and prints one row per group with its page.

  --json          one JSON object per group (NDJSON)
  -f, --follow    print each group as soon as it first appears (for \`kubectl logs -f … | mm-panics triage -f\`);
                  FILEs are followed as \`tail -F\` does (rotation too) until Ctrl-C, then the table
  --site URL      origin of the page links (default: SITE_URL, else http://localhost:4321)
  --base PATH     base path of the site (default: BASE_PATH, else /)
  --content DIR   the reference's content folder (default: CONTENT_DIR, else the repository's content/)

exit codes: 0 no panic, 1 only documented panics, 3 at least one undocumented panic, 2 bad input`;

const MAX_UTF8_WARNINGS = 5;

/** A followed stream quiet this long closes the panic being read, so that it is printed. */
const IDLE_MS = 500;

export interface Io {
  stdout: TextSink;
  stderr: TextSink;
  stdin: NodeJS.ReadableStream;
}

/**
 * The process's own: standard output written to its descriptor (src/cli/stdout.ts), and standard input and error
 * taken when first used, so that a run that reads a file and warns of nothing builds none of Node's stdio streams.
 */
export const processIo = (): Io => ({
  stdout: directStdout(),
  get stderr() {
    return process.stderr;
  },
  get stdin() {
    return process.stdin;
  },
});

const cell = (s: string, width: number) => (s.length >= width ? s : s + ' '.repeat(width - s.length));
const when = (g: PanicGroup, which: 'first' | 'last') => g[which].time ?? `${g[which].source}:${g[which].line}`;
const role = (g: PanicGroup, all: Map<string, PanicGroup>) =>
  g.role === 'secondary'
    ? `secondary${g.causedBy && all.has(g.causedBy) ? ` of #${all.get(g.causedBy)!.number}` : ''}`
    : `original${g.poisons ? `, poisons ${g.poisons.map((p) => p.lock).join(', ')}` : ''}`;
const what = (g: PanicGroup) =>
  g.kind === 'documented'
    ? `${g.id}: ${g.title}`
    : `${g.kind === 'inventory' ? 'undocumented site' : 'unknown'}: ${g.kind === 'inventory' ? g.title : g.signature}${g.location ? ` (${g.location})` : ''}`;

export function table(groups: PanicGroup[]): string {
  const all = new Map(groups.map((g) => [g.key, g]));
  const rows = groups.map((g) => [
    `#${g.number}`,
    String(g.count),
    when(g, 'first'),
    when(g, 'last'),
    role(g, all),
    g.severity ?? '-',
    what(g),
  ]);
  const head = ['#', 'COUNT', 'FIRST SEEN', 'LAST SEEN', 'ROLE', 'SEVERITY', 'PANIC'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : cell(c, widths[i]!))).join('  ');
  const out = [line(head)];
  groups.forEach((g, i) => out.push(line(rows[i]!), `${' '.repeat(widths[0]! + 2)}${g.url}`));
  return out.join('\n');
}

export const jsonGroup = (g: PanicGroup) => JSON.stringify(g);

/** What the triage matches against, read from one content folder. */
export interface TriageModel {
  contentDir: string;
  searchModel: SearchModel;
  /** The inventory's sites, or how to read them when first needed (the compiled triage keeps them in a file). */
  sites?: InventorySite[] | (() => InventorySite[]);
}

/**
 * Reads a content folder's model: compiled (src/cli/triage-cache.ts) or from the content's files. `defaultDir` is the
 * repository's content folder, read when neither `--content` nor CONTENT_DIR names another.
 */
export interface ModelSource {
  defaultDir: string;
  read(contentDir: string, warn: (message: string) => void): Promise<TriageModel | string[]>;
}

/**
 * From the content's files. Imported when asked for, so that a compiled triage, which holds its model, never loads
 * the MDX and YAML readers (nor compiles their TypeScript) unless it is given another content folder.
 */
export const fromContent: ModelSource = {
  defaultDir: fileURLToPath(new URL('../../content', import.meta.url)),
  async read(contentDir, warn) {
    const { loadTriageModel } = await import('./triage-model.ts');
    const { model, errors } = loadTriageModel(contentDir, warn);
    return model ?? errors;
  },
};

export async function main(argv: string[], io: Io = processIo(), source: ModelSource = fromContent): Promise<number> {
  const parsed = parseCommandLine(
    { name: 'mm-panics triage', usage: USAGE, io },
    argv,
    {
      json: { type: 'boolean', default: false },
      follow: { type: 'boolean', short: 'f', default: false },
      site: { type: 'string' },
      base: { type: 'string' },
      content: { type: 'string' },
    },
    { positionals: true },
  );
  if ('exitCode' in parsed) return parsed.exitCode;
  const { values, positionals } = parsed;
  const origin = values.site ?? process.env.SITE_URL ?? 'http://localhost:4321';
  const base = values.base ?? process.env.BASE_PATH ?? '/';
  let site: string;
  try {
    site = siteRoot(origin, base);
  } catch {
    io.stderr.write(
      `mm-panics triage: error: \`--site\` must be an absolute URL like https://runbooks.example, got ${JSON.stringify(origin)}\n`,
    );
    return 2;
  }
  const contentDir = values.content ?? process.env.CONTENT_DIR ?? source.defaultDir;
  const warn = (m: string) => io.stderr.write(`mm-panics triage: warning: ${m}\n`);
  const model = await source.read(resolve(contentDir), warn);
  if (Array.isArray(model)) {
    for (const e of model) io.stderr.write(`${e}\n`);
    return 2;
  }
  const inventory = model.sites === undefined ? undefined : inventoryLookup(model.sites);
  const triage = new LogTriage(model.searchModel, { site, ...(inventory ? { inventory } : {}) });
  const print = (text: string) => io.stdout.write(`${text}\n`);
  const onPanic = (p: GroupedPanic) => {
    if (values.follow && p.isNewGroup) print(values.json ? jsonGroup(p.group) : followLine(p.group, triage.groups()));
  };

  let badInput = false;
  const paths = positionals.length > 0 ? positionals : ['-'];
  // Followed files are read until Ctrl-C, all at once (as `tail -F a.log b.log`); a second Ctrl-C stops at once.
  const followFiles = values.follow && !paths.includes('-');
  const stop = new AbortController();
  const interrupt = () => stop.abort();
  if (followFiles) process.once('SIGINT', interrupt);
  const readOne = async (path: string) => {
    const collector = collectorFor(triage, path, onPanic);
    // A Latin-1 log has an invalid sequence on every other line: the first few are shown, then the total.
    let shown = 0;
    const reader = new LineReader(collector, {
      needles: PANIC_NEEDLES,
      onWarning: (w) => {
        if (w.kind !== 'invalid-utf8' || ++shown <= MAX_UTF8_WARNINGS) warn(`${path}:${w.line}: ${w.message}`);
      },
    });
    let idle: NodeJS.Timeout | undefined;
    try {
      const input = openInput(path, path === '-' ? (io.stdin as never) : undefined, warn, {
        follow: followFiles,
        signal: stop.signal,
      });
      for await (const chunk of input.chunks) {
        clearTimeout(idle);
        reader.push(chunk);
        if (values.follow && collector.wantsEveryLine) idle = setTimeout(() => collector.close(), IDLE_MS);
      }
      clearTimeout(idle);
      reader.end();
      collector.close();
      if (reader.stats.invalidSequences > 1)
        warn(`${path}: ${reader.stats.invalidSequences} invalid UTF-8 byte sequences in all, read as U+FFFD`);
    } catch (e) {
      clearTimeout(idle);
      if (!(e instanceof LogInputError)) throw e;
      io.stderr.write(`mm-panics triage: error: ${e.message}\n`);
      badInput = true;
    }
  };
  try {
    if (followFiles) await Promise.all(paths.map(readOne));
    else for (const path of paths) await readOne(path);
  } finally {
    process.off('SIGINT', interrupt);
  }

  const groups = triage.groups();
  if (values.json) {
    // With --follow each group was printed when it first appeared; these are the final counts (same `key`).
    for (const g of groups) print(jsonGroup(g));
  } else if (groups.length > 0) {
    print(table(groups));
    print(summary(triage));
  } else {
    print('no panic found');
  }
  return badInput ? 2 : triage.exitCode();
}

function followLine(g: PanicGroup, groups: PanicGroup[]): string {
  const all = new Map(groups.map((x) => [x.key, x]));
  return `new #${g.number} at ${when(g, 'first')}: ${what(g)} [${g.severity ?? 'no severity'}, ${role(g, all)}]\n  ${g.url}`;
}

function summary(t: LogTriage): string {
  const groups = t.groups();
  const count = (kind: PanicGroup['kind']) => groups.filter((g) => g.kind === kind).length;
  return `\n${t.panics} panic${t.panics === 1 ? '' : 's'} in ${groups.length} group${groups.length === 1 ? '' : 's'}: ${count('documented')} documented, ${count('inventory')} at undocumented sites of the inventory, ${count('unknown')} unknown`;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
