/**
 * The search model as the build wrote it, checked against its schemas before the build is called done: the head,
 * every shard, and that each shard the head routes to is a file of the build. The search page reads these files with
 * no check of its own (a search must not pay for one): a mistake in the code that writes them stops the build here.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { checkAgainst } from '../model/schema-check.ts';
import { HEAD_ELEMENT_ID } from '../search/inline-head.ts';
import { type SearchHead, searchHeadSchema, searchShardSchema } from '../model/search-split-schema.ts';

export const SEARCH_MODEL_DIR = 'search-model';
const SHARD_FILE = /^(0|[1-9]\d*)\.json$/;

function readJson(path: string, name: string, errors: string[]): unknown {
  if (!lstatSync(path, { throwIfNoEntry: false })?.isFile()) {
    errors.push(`${name}: error: is missing or not a regular file`);
    return undefined;
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    errors.push(`${name}: error: is not JSON (${(e as Error).message})`);
    return undefined;
  }
}

/** Every problem of `<dist>/search-model/`, one `file: error: …` line each; empty when it holds. */
export function searchModelErrors(dist: string): { errors: string[]; shards: number } {
  const dir = join(dist, SEARCH_MODEL_DIR);
  const errors: string[] = [];
  const names = lstatSync(dir, { throwIfNoEntry: false })?.isDirectory() ? readdirSync(dir) : [];
  const shards = names
    .filter((n) => SHARD_FILE.test(n))
    .map((n) => Number(n.slice(0, -'.json'.length)))
    .sort((a, b) => a - b);
  // Numbered from 0: a gap is a shard the head may route to and the page would fail to fetch.
  const count = shards.length > 0 ? shards.at(-1)! + 1 : 0;
  const present = new Set(shards);
  for (let n = 0; n < count; n++) {
    if (!present.has(n))
      errors.push(`${SEARCH_MODEL_DIR}/${n}.json: error: is missing: the shards are numbered 0 to ${count - 1}`);
  }
  for (const n of shards) {
    const name = `${SEARCH_MODEL_DIR}/${n}.json`;
    const data = readJson(join(dir, `${n}.json`), name, errors);
    if (data !== undefined) errors.push(...checkAgainst(name, searchShardSchema, data));
  }
  const headName = `${SEARCH_MODEL_DIR}/head.json`;
  const head = readJson(join(dir, 'head.json'), headName, errors);
  if (head !== undefined) {
    const headErrors = checkAgainst(headName, searchHeadSchema, head);
    errors.push(...headErrors);
    if (headErrors.length === 0) errors.push(...routeErrors(headName, head as SearchHead, count));
    errors.push(...carriedHeadErrors(dist, head));
  }
  return { errors, shards: count };
}

const SEARCH_PAGE = 'search/index.html';
const CARRIER_OPEN = `<script type="application/json" id="${HEAD_ELEMENT_ID}">`;

/** The head the search page carries (src/search/inline-head.ts), when it carries one, must be head.json's. */
function carriedHeadErrors(dist: string, head: unknown): string[] {
  const page = join(dist, SEARCH_PAGE);
  if (!lstatSync(page, { throwIfNoEntry: false })?.isFile()) return [];
  const html = readFileSync(page, 'utf8');
  const open = html.indexOf(CARRIER_OPEN);
  if (open < 0) return [];
  const start = open + CARRIER_OPEN.length;
  const end = html.indexOf('</script>', start);
  let carried: unknown;
  try {
    carried = JSON.parse(html.slice(start, end < 0 ? html.length : end));
  } catch (e) {
    return [`${SEARCH_PAGE}: error: the search model's head it carries is not JSON (${(e as Error).message})`];
  }
  const differs = `${SEARCH_PAGE}: error: the search model's head it carries must be ${SEARCH_MODEL_DIR}/head.json's`;
  return isDeepStrictEqual(carried, head) ? [] : [`${differs}, and differs`];
}

/** A route to a shard the build did not write, or a file name without its file shard. */
function routeErrors(name: string, head: SearchHead, count: number): string[] {
  const errors: string[] = [];
  const range = count === 0 ? 'none was written' : `0 to ${count - 1}`;
  if (head.files.length > count)
    errors.push(`${name}: error: \`files\` names ${head.files.length} files, but only ${count} shards were written`);
  // A head that carries the shards is read instead of the shard files: the same shards, all of them.
  if (head.shards && head.shards.length !== count)
    errors.push(`${name}: error: \`shards\` must hold the ${count} shards of this build, got ${head.shards.length}`);
  for (const kind of ['messages', 'frames', 'code', 'symbols'] as const) {
    head[kind].forEach(([, shard], i) => {
      if (shard >= count)
        errors.push(
          `${name}: error: \`${kind}[${i}][1]\` must be the number of a shard file of this build (${range}), ` +
            `got ${shard}`,
        );
    });
  }
  return errors;
}
