/**
 * The query a shared link carries: where the panic is and its message as a template, without the values that differ
 * from one crash to the next (thread names and ids, numbers, addresses, quoted values). Short enough for a chat
 * message or a ticket, free of whatever the paste held besides, and it lands on the same verdict.
 */
import type { PanicVerdict } from './triage.ts';

const MAX_MESSAGE = 300;
// Values a panic message carries: hex addresses, numbers (with a sign, decimals, exponent), quoted strings.
const VALUES = /0x[0-9a-fA-F]{1,16}|[-+]?\b\d{1,30}(?:\.\d{1,30})?(?:[eE][-+]?\d{1,4})?\b|"[^"\n]{0,200}"/g;

/** A message without its values: numbers become `{n}`, addresses `{addr}`, quoted strings `{value}`. */
export function parameterize(message: string): string {
  return message.replace(VALUES, (v) => (v.startsWith('0x') ? '{addr}' : v.startsWith('"') ? '{value}' : '{n}'));
}

export function shareQuery(v: PanicVerdict): string {
  const template = v.known?.evidence.find((e) => e.kind === 'message')?.detail;
  const firstLine = v.panic.message.split('\n')[0] ?? '';
  const message = (template ?? parameterize(firstLine)).slice(0, MAX_MESSAGE);
  const l = v.panic.location;
  return l ? `panicked at ${l.file}:${l.line}:\n${message}` : message;
}
