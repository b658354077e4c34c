/**
 * One log read into a triage: lines → panic blocks → the site's matcher → groups. `collectorFor` is what a stream
 * reader feeds (the CLI's LineReader); `triageText` reads a log already in memory (the published `/triage.js`).
 */
import { BlockCollector } from './blocks.ts';
import type { GroupedPanic, LogTriage } from './groups.ts';

export function collectorFor(
  triage: LogTriage,
  source: string,
  onPanic: (p: GroupedPanic) => void = () => {},
): BlockCollector {
  return new BlockCollector((block) => {
    for (const p of triage.add(block, source)) onPanic(p);
  });
}

/** Feeds a whole text, line by line, into a triage. */
export function triageText(triage: LogTriage, text: string, source = '-'): void {
  const collector = collectorFor(triage, source);
  let start = 0;
  let lineNo = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(start, end > start && text[end - 1] === '\r' ? end - 1 : end);
    lineNo++;
    if (nl >= 0 || line !== '') collector.line(line, lineNo);
    if (nl < 0) break;
    start = nl + 1;
  }
  collector.close();
}
