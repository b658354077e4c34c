/**
 * The digest that ties `content/inventory.json` to what `npm run inventory` wrote (Node only: the build and the CLI
 * use it), and the checks the build makes on the file: not edited by hand, and read from the same checkout as the
 * locations the content was last checked against.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { type InventoryRecord, inventoryRecordSchema } from './inventory.ts';

/**
 * The sha256 of `JSON.stringify({ version, commit, sites })`, fed site by site: the same bytes without one string
 * of every site at once, which outgrows V8's longest string on a large generated tree.
 */
export function recordDigest(record: Omit<InventoryRecord, 'digest'>): string {
  const hash = createHash('sha256');
  hash.update(`{"version":${JSON.stringify(record.version)},"commit":${JSON.stringify(record.commit)},"sites":[`);
  record.sites.forEach((site, i) => hash.update(`${i === 0 ? '' : ','}${JSON.stringify(site)}`));
  hash.update(']}');
  return hash.digest('hex');
}

export type RecordProblem = { field: string; message: string };

const RERUN = 'rerun `npm run inventory -- --repo PATH --record`';

/**
 * Why a parsed record cannot be used: edited by hand, or stale — read at another commit than the one
 * `check-sources --record` last checked the content's locations against (`checkedCommit`), so that the inventory
 * and the reference would describe two different versions of the code.
 */
export function recordProblems(record: InventoryRecord, checkedCommit?: string | null): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const { digest, ...body } = record;
  if (recordDigest(body) !== digest) {
    problems.push({
      field: 'digest',
      message: `does not match the file's content: the file was edited by hand (it is generated); ${RERUN}`,
    });
  }
  if (checkedCommit && record.commit && checkedCommit !== record.commit) {
    problems.push({
      field: 'commit',
      message: `is stale: the sites were read at ${record.commit.slice(0, 12)}, but the content's locations were last checked against ${checkedCommit.slice(0, 12)} (source-check.json); ${RERUN} on that checkout`,
    });
  }
  return problems;
}

/** Every problem of the text of `content/inventory.json`, as `field` + message, for the build. */
export function inventoryFileProblems(text: string, checkedCommit?: string | null): RecordProblem[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return [{ field: '(file)', message: `is not valid JSON (${(e as Error).message}); ${RERUN}` }];
  }
  const parsed = inventoryRecordSchema.safeParse(data);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => ({
      field:
        i.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '') || '(file)',
      message: `${i.message}; ${RERUN}`,
    }));
  }
  return recordProblems(parsed.data, checkedCommit);
}

/** The problems of the file at `path`, or none when there is no such file (the inventory is optional). */
export function inventoryFileProblemsAt(path: string, checkedCommit?: string | null): RecordProblem[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isFile()) return [{ field: '(file)', message: `is not a file; ${RERUN}` }];
  return inventoryFileProblems(readFileSync(path, 'utf8'), checkedCommit);
}
