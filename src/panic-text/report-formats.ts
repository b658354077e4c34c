/**
 * Reports that say what a panic said in words of their own: color-eyre's "The application panicked (crashed)."
 * with `Message:` and `Location:`, human-panic's TOML (`Panic occurred in file 'x.rs' at line N`, `cause = "…"`),
 * anyhow's and eyre's `Error: …` with its `Caused by:` chain. Each is written again as Rust writes a panic, so that
 * the paste parser gives it structure (location, message, thread). The evidence layer reads the originals anyway.
 */
import { PANICKED, THREAD_OPEN } from './grammar.ts';
import { holdsSourcePos } from './source-ref.ts';

const ERROR_HEAD = /^\s{0,8}Error:\s{0,8}(.*)$/;
const CAUSED_BY = /^\s{0,8}Caused by:\s{0,8}$/;
const NUMBERED = /^\s{0,12}(\d{1,3}):\s{1,8}(.*)$/;
const LOCATION = /^\s{0,8}Location:\s{0,8}(\S.*)?$/;
const MESSAGE = /^\s{0,8}Message:\s{0,8}(.*)$/;
const HUMAN_PANIC_AT = /Panic occurred in file '([^'\n]{1,500})' at line (\d{1,9})/;
const TOML_CAUSE = /^cause\s{0,4}=\s{0,4}(?:"((?:[^"\\\n]|\\.){0,4000})"|'([^'\n]{0,4000})')\s{0,4}$/;
const MAX_CHAIN = 20;

const unescapeToml = (s: string): string =>
  s.replace(/\\(["\\nt])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));

/** The location on the line itself or, as eyre prints it, on the next one. */
function locationAt(lines: string[], i: number): string | undefined {
  const here = LOCATION.exec(lines[i]!)?.[1]?.trim();
  if (here) return here;
  const next = lines[i + 1]?.trim();
  return next && holdsSourcePos(next) ? next : undefined;
}

/** `Error: A` + `Caused by:` + `0: B` + `1: C` (or eyre's numbered list right under `Error:`) → `A: B: C`. */
function errorChain(lines: string[], from: number): { message: string; location?: string } | undefined {
  const head = ERROR_HEAD.exec(lines[from]!)?.[1]?.trim() ?? '';
  const chain = head ? [head] : [];
  let location: string | undefined;
  let inCauses = head === '';
  for (let i = from + 1; i < lines.length && i < from + 60 && chain.length < MAX_CHAIN; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    if (CAUSED_BY.test(line)) {
      inCauses = true;
      continue;
    }
    if (LOCATION.test(line)) {
      location = locationAt(lines, i);
      break;
    }
    const n = NUMBERED.exec(line);
    if (inCauses && n) chain.push(n[2]!.trim());
    else if (inCauses && chain.length === (head ? 1 : 0)) chain.push(line.trim());
    else break;
  }
  if (chain.length < 2 && !location) return undefined;
  return { message: chain.join(': '), ...(location ? { location } : {}) };
}

function panicText(location: string | undefined, message: string): string[] {
  return location
    ? [`${THREAD_OPEN}<report>'${PANICKED}${location.replace(/:$/, '')}:`, ...message.split('\n')]
    : [message];
}

// Not `out.push(...lines)`: a message of a hundred thousand lines would pass more arguments than a call takes.
const append = (out: string[], lines: string[]) => {
  for (const l of lines) out.push(l);
};

/** Extra lines, written as Rust writes a panic, for every report of these formats found in the lines. */
export function reportsAsPanics(lines: string[]): string[] {
  const out: string[] = [];
  let humanAt: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.includes('The application panicked (crashed)')) {
      let message = '';
      let location: string | undefined;
      for (let j = i + 1; j < lines.length && j < i + 60; j++) {
        const m = MESSAGE.exec(lines[j]!);
        if (m) message = m[1]!.trim();
        else if (LOCATION.test(lines[j]!)) {
          location = locationAt(lines, j);
          break;
        } else if (message && lines[j]!.trim() !== '') message += `\n${lines[j]!.trim()}`;
      }
      if (message) append(out, panicText(location, message));
      continue;
    }
    const human = HUMAN_PANIC_AT.exec(line);
    if (human) humanAt = `${human[1]}:${human[2]}`;
    const cause = TOML_CAUSE.exec(line);
    if (cause) {
      append(out, panicText(humanAt, unescapeToml(cause[1] ?? cause[2] ?? '')));
      humanAt = undefined;
      continue;
    }
    if (ERROR_HEAD.test(line)) {
      const chain = errorChain(lines, i);
      if (chain) append(out, panicText(chain.location, chain.message));
    }
  }
  return out;
}
