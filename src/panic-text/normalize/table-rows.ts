/** A table of a log viewer (CloudWatch Logs Insights, a markdown table): `| 2026-… | message |`. */
import { LEADING_DATE } from '../grammar.ts';
import type { Stage } from './stage.ts';

const TABLE_ROW = /^\s{0,20}\|(.*)\|\s{0,20}$/;
const TABLE_RULE = /^[\s|:+-]*$/;

/** The last cell of a row is the log message; the cells before it are its time and fields. */
export const tableRows: Stage = {
  name: 'table rows',
  run(lines) {
    if (!lines.some((l) => l.includes('|'))) return lines;
    const rows = lines.filter((l) => TABLE_ROW.test(l)).length;
    if (rows * 2 < lines.filter((l) => l.trim() !== '').length) return lines;
    return lines.flatMap((line) => {
      const m = TABLE_ROW.exec(line);
      if (!m) return [line];
      if (TABLE_RULE.test(line)) return [];
      const cells = m[1]!.split(' | ');
      const last = cells.at(-1)!.trim();
      const time = cells.length > 1 ? cells[0]!.trim() : '';
      return [time && LEADING_DATE.test(time) ? `${time} ${last}` : last];
    });
  },
};
