/** CRI log file lines (containerd, CRI-O): partial lines (`P`) continue on the next record. */
import { CRI_LINE } from '../grammar.ts';
import type { Stage } from './stage.ts';

/** Joined as `kubectl logs` would have printed them, each full line keeping its time. */
export const criPartials: Stage = {
  name: 'CRI partial lines',
  run(lines) {
    if (!lines.some((l) => l.includes(' stderr ') || l.includes(' stdout '))) return lines;
    const out: string[] = [];
    let pending: string | undefined;
    for (const line of lines) {
      const m = CRI_LINE.exec(line);
      if (!m) {
        if (pending !== undefined) out.push(pending);
        pending = undefined;
        out.push(line);
        continue;
      }
      const text = (pending ?? `${m[1]} `) + m[3];
      if (m[2] === 'P') pending = text;
      else {
        out.push(text);
        pending = undefined;
      }
    }
    if (pending !== undefined) out.push(pending);
    return out;
  },
};
