/**
 * The signature of a panic no page documents: where it fired and its message with the values taken out, so that the
 * same panic with other numbers, addresses or quoted values counts as one. Only the message's first line counts:
 * what follows it in a log may be the next lines of the log rather than the message.
 */
import { formatSourcePos } from '../model/anchor.ts';
import { messageTemplate } from '../search/parameterize.ts';
import type { SourcePos } from '../panic-text/parse-paste.ts';

export { messageTemplate } from '../search/parameterize.ts';

export const formatPos = (pos: SourcePos | undefined): string => (pos === undefined ? '?' : formatSourcePos(pos));

export function signature(message: string, location: SourcePos | undefined): string {
  return `${formatPos(location)} ${messageTemplate(message)}`;
}
