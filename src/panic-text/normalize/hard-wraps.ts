/**
 * A paste hard-wrapped at a fixed width (a terminal, an email client, a ticket field): most long lines have the same
 * length, and a line of that length continues on the next. Joined back so that `s` + `rc/…/kill_switch.rs:563:33`
 * and `Poi` + `sonError` are read whole.
 */
import type { Stage } from './stage.ts';

const MIN_WRAP = 40;

export const hardWraps: Stage = {
  name: 'hard wraps',
  run(lines) {
    const counts = new Map<number, number>();
    let longest = 0;
    for (const l of lines) {
      longest = Math.max(longest, l.length);
      if (l.length >= MIN_WRAP) counts.set(l.length, (counts.get(l.length) ?? 0) + 1);
    }
    // Wrapped text: no line is longer than the width, and at least two end exactly at it.
    if ((counts.get(longest) ?? 0) < 2) return lines;
    const cutMidWord = (i: number) => {
      const line = lines[i]!;
      const next = lines[i + 1];
      return (
        line.length === longest && next !== undefined && next !== '' && !/\s/.test(line.at(-1)!) && !/^\s/.test(next)
      );
    };
    const out: string[] = [];
    let joined = '';
    for (let i = 0; i < lines.length; i++) {
      joined += lines[i];
      if (cutMidWord(i)) continue;
      out.push(joined);
      joined = '';
    }
    return out;
  },
};
