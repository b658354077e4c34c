/** Reports in words of their own (color-eyre, human-panic, anyhow): written again after the paste as Rust panics. */
import { reportsAsPanics } from '../report-formats.ts';
import type { Stage } from './stage.ts';

export const reports: Stage = {
  name: 'report formats',
  run(lines) {
    const written = reportsAsPanics(lines);
    return written.length > 0 ? [...lines, '', ...written] : lines;
  },
};
