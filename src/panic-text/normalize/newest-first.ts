/**
 * Log viewers that print newest first (Loki's logcli, CloudWatch, Grafana): when the lines' own times only go
 * down, the log is read upside down and is turned the right way up, so that a panic's message follows its line.
 */
import { LEADING_TIME } from '../grammar.ts';
import type { Stage } from './stage.ts';

export const newestFirst: Stage = {
  name: 'newest-first logs',
  run(lines) {
    let previous: string | undefined;
    let down = 0;
    let up = 0;
    for (const line of lines) {
      const m = LEADING_TIME.exec(line);
      if (!m) continue;
      const t = `${m[1]} ${m[2]!.replace(',', '.')}`;
      if (previous !== undefined) {
        if (t < previous) down++;
        else if (t > previous) up++;
      }
      previous = t;
    }
    return down > 0 && up === 0 ? [...lines].reverse() : lines;
  },
};
