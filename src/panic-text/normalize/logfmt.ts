/**
 * logfmt (`time=… level=error msg="…" panic.file=src/x.rs panic.line=242`): a record is at least two `key=value`
 * pairs; its message is in `msg`, `message` or `log`, quoted, with Go's escapes.
 */
import { formatSourcePos } from '../../model/anchor.ts';
import { PANIC_LOCATION_LABEL } from '../grammar.ts';
import { unescapeJsonString } from './escapes.ts';

const LOGFMT_PAIR = /(?:^|\s)[\w.-]{1,60}=(?:"(?:[^"\\\n]|\\.){0,20000}"|[^\s"]{0,2000})/g;
const LOGFMT_MESSAGE = /(?:^|\s)(?:msg|message|log)="((?:[^"\\\n]|\\.){0,20000})"/;
// Not `caller=`: that is where the logger was called, not where the panic was.
const LOGFMT_FILE = /(?:^|\s)(?:panic\.)?(?:file|filename)=("?)([^\s"]{1,500}\.rs)(?::(\d{1,9}))?\1/;
const LOGFMT_LINE = /(?:^|\s)(?:panic\.)?line=(\d{1,9})/;

/** A logfmt record's message (and its source location, when it has fields for one), or undefined. */
export function logfmtText(line: string): string | undefined {
  if (!line.includes('=') || !LOGFMT_MESSAGE.test(line)) return undefined;
  let pairs = 0;
  LOGFMT_PAIR.lastIndex = 0;
  while (pairs < 2 && LOGFMT_PAIR.exec(line)) pairs++;
  if (pairs < 2) return undefined;
  const message = unescapeJsonString(LOGFMT_MESSAGE.exec(line)![1]!);
  const file = LOGFMT_FILE.exec(line);
  const lineNo = file?.[3] ?? LOGFMT_LINE.exec(line)?.[1];
  if (!file || !lineNo || !line.includes('panic')) return message;
  return `${message}\n${PANIC_LOCATION_LABEL}${formatSourcePos({ file: file[2]!, line: Number(lineNo) })}`;
}
