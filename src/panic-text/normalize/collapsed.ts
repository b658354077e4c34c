/**
 * A panic whose newlines were lost (an issue title, a chat preview, a log viewer's one-line view): the line breaks
 * go back where Rust wrote them — after the location, before `note:` and `stack backtrace:`, before each frame.
 */
import {
  BACKTRACE_WORDS as BACKTRACE,
  COLLAPSED_AT,
  COLLAPSED_BREAK,
  COLLAPSED_FRAME,
  COLLAPSED_HEAD,
  PANICKED,
} from '../grammar.ts';
import type { Stage } from './stage.ts';

const MAX_COLLAPSED_FRAMES = 1000;
const MAX_COLLAPSED_TRACE = 256 * 1024;

const holdsPanic = (line: string): boolean => line.includes(PANICKED) || line.includes(BACKTRACE);

function splitCollapsed(line: string): string[] {
  let text = line.replace(COLLAPSED_HEAD, '$1:\n').replace(COLLAPSED_BREAK, '\n');
  if (text.includes(BACKTRACE)) {
    const cut = text.indexOf(BACKTRACE);
    // A backtrace has tens of frames, `full` a few hundred: past that the line is not one, and is left as it is.
    let frames = 0;
    const trace = text
      .slice(cut, cut + MAX_COLLAPSED_TRACE)
      .replace(COLLAPSED_FRAME, (m) => (++frames > MAX_COLLAPSED_FRAMES ? m : '\n  '));
    text = text.slice(0, cut) + trace.replace(COLLAPSED_AT, '\n      ') + text.slice(cut + MAX_COLLAPSED_TRACE);
  }
  return text.split('\n');
}

export const collapsedPanics: Stage = {
  name: 'collapsed one-line panics',
  run(lines) {
    const out: string[] = [];
    // One push per line: a collapsed megabyte-long line may split into more parts than a call takes arguments.
    for (const line of lines) {
      if (holdsPanic(line)) for (const part of splitCollapsed(line)) out.push(part);
      else out.push(line);
    }
    return out;
  },
};
