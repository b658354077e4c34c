/**
 * A log line that is a record of its own (a JSON record after a prefix, a logfmt record, a truncated record with
 * `\n` escapes): replaced by the text it carries, its characters cleaned, one line per line of that text.
 */
import { cleanCharacters } from './characters.ts';
import { hasEscapedPanic, unescapeEmbedded } from './escapes.ts';
import { jsonRecordText } from './json.ts';
import { logfmtText } from './logfmt.ts';
import type { Stage } from './stage.ts';

/** The readers of a record, most specific first: the first that reads the line decides. */
const DECODERS: ((line: string) => string | undefined)[] = [
  jsonRecordText,
  logfmtText,
  (line) => (hasEscapedPanic(line) ? unescapeEmbedded(line) : undefined),
];

function decodeLine(line: string): string {
  for (const decode of DECODERS) {
    const text = decode(line);
    if (text !== undefined) return text;
  }
  return line;
}

export const records: Stage = {
  name: 'records',
  run(lines) {
    const out: string[] = [];
    for (const line of lines) {
      const decoded = decodeLine(line);
      if (decoded === line) out.push(line);
      else for (const part of cleanCharacters(decoded).split('\n')) out.push(part);
    }
    return out;
  },
};
