/**
 * Reads log files in a browser (the log page's worker) with the CLI's own reader: the same byte checks
 * (src/logs/log-bytes.ts), line reader, block collector and grouping. A `.gz` is decompressed by the browser's
 * DecompressionStream; several files are one log, read in the order given, each its own source (as the CLI reads
 * `old.log.1.gz current.log`). Nothing here sends anything anywhere.
 */
import { PANIC_NEEDLES } from '../blocks.ts';
import { type InventoryLookup, LogTriage, type PanicGroup } from '../groups.ts';
import { LineReader } from '../line-reader.ts';
import { checkedLog, type Gunzip, LogInputError } from '../log-bytes.ts';
import type { LogPageModel } from '../page-model.ts';
import { collectorFor } from '../read-log.ts';
import { TimelineCounter, type TimelineData, timeValue } from '../timeline.ts';
import { siteAt } from '../../inventory/lookup.ts';
import { inventoryPath } from '../../model/paths.ts';

export interface LogFile {
  name: string;
  /** The file's bytes (a File, or a Blob of pasted text). */
  blob: Blob;
}

export interface Progress {
  /** Bytes read from the files (compressed bytes for a `.gz`), of `total`. */
  bytes: number;
  total: number;
  panics: number;
  lines: number;
}

export interface LogResult {
  /** How many files were given. */
  inputs: number;
  groups: PanicGroup[];
  panics: number;
  lines: number;
  timeline: TimelineData;
  /** Inputs that could not be read (binary data, an invalid gzip), as the CLI words them; the others were read. */
  errors: string[];
  warnings: string[];
}

const MAX_UTF8_WARNINGS = 5;

const gunzip: Gunzip = (name, first, rest) => ({
  async *[Symbol.asyncIterator]() {
    const compressed = new ReadableStream<Uint8Array>({
      start: (c) => c.enqueue(first),
      pull: async (c) => {
        const r = await rest.next();
        if (r.done) c.close();
        else c.enqueue(r.value);
      },
    });
    const reader = compressed
      .pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>)
      .getReader();
    for (;;) {
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } catch (e) {
        throw new LogInputError(`${name}: not a valid gzip file (${(e as Error).message})`);
      }
      if (r.done) return;
      yield r.value;
    }
  },
});

async function* bytesOf(blob: Blob, counted: (n: number) => void): AsyncGenerator<Uint8Array> {
  const reader = blob.stream().getReader();
  for (;;) {
    const r = await reader.read();
    if (r.done) return;
    counted(r.value.length);
    yield r.value;
  }
}

/** The inventory's lookup over the sites the page fetched (src/logs/inventory.ts reads them from disk instead). */
const lookupOf = (sites: LogPageModel['sites']): InventoryLookup | undefined =>
  sites.length === 0
    ? undefined
    : { siteAt: (file, line, column) => siteAt(sites, file, line, column), path: (s) => inventoryPath(s) };

export async function readLogFiles(
  files: readonly LogFile[],
  model: LogPageModel,
  site: string,
  onProgress: (p: Progress) => void,
): Promise<LogResult> {
  const inventory = lookupOf(model.sites);
  const triage = new LogTriage(model, { site, ...(inventory ? { inventory } : {}) });
  const timeline = new TimelineCounter();
  const year = new Date().getUTCFullYear();
  const progress: Progress = { bytes: 0, total: files.reduce((s, f) => s + f.blob.size, 0), panics: 0, lines: 0 };
  const errors: string[] = [];
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  let linesBefore = 0;
  for (const file of files) {
    const collector = collectorFor(triage, file.name, (p) => {
      const seen = p.group.last;
      timeline.add(p.group.key, seen.time === null ? undefined : timeValue(seen.time, year), linesBefore + seen.line);
    });
    let shown = 0;
    const reader = new LineReader(collector, {
      needles: PANIC_NEEDLES,
      onWarning: (w) => {
        if (w.kind !== 'invalid-utf8' || ++shown <= MAX_UTF8_WARNINGS) warn(`${file.name}:${w.line}: ${w.message}`);
      },
    });
    try {
      for await (const chunk of checkedLog(
        file.name,
        bytesOf(file.blob, (n) => (progress.bytes += n)),
        warn,
        gunzip,
      )) {
        reader.push(chunk);
        progress.panics = triage.panics;
        progress.lines = linesBefore + reader.stats.lines;
        onProgress(progress);
      }
      reader.end();
      collector.close();
      if (reader.stats.invalidSequences > 1)
        warn(`${file.name}: ${reader.stats.invalidSequences} invalid UTF-8 byte sequences in all, read as U+FFFD`);
    } catch (e) {
      if (!(e instanceof LogInputError)) throw e;
      errors.push(e.message);
    }
    linesBefore += reader.stats.lines;
  }
  progress.panics = triage.panics;
  progress.lines = linesBefore;
  onProgress(progress);
  return {
    inputs: files.length,
    groups: triage.groups(),
    panics: triage.panics,
    lines: linesBefore,
    timeline: timeline.data(),
    errors,
    warnings,
  };
}
