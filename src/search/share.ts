/**
 * The query a shared link carries: where the panic is and its message as a template, without the values that differ
 * from one crash to the next (thread names and ids, numbers, addresses, quoted values). Short enough for a chat
 * message or a ticket, free of whatever the paste held besides, and it lands on the same verdict.
 */
import { formatSourcePos } from '../model/anchor.ts';
import { messageTemplate } from './parameterize.ts';
import type { PanicVerdict } from './verdict.ts';

export function shareQuery(v: PanicVerdict): string {
  const template = v.known?.evidence.find((e) => e.kind === 'message')?.detail;
  const message = template ?? messageTemplate(v.panic.message);
  const l = v.panic.location;
  return l ? `panicked at ${formatSourcePos({ file: l.file, line: l.line })}:\n${message}` : message;
}
