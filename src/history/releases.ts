/**
 * What the history says about a pasted `file:line`: which documented site each release put on that line, and which
 * release a paste comes from when it says so. Pure; the search page calls these.
 */
import { coversLine } from '../model/anchor.ts';
import type { Revision } from '../model/history.ts';

/**
 * What the readings need of `content/history.json` (a `History` is one): the search model can carry just this.
 * `entry` is `panics/<id>` (or `safe-by-design/<id>`, …), `anchor` the location's anchor on that entry's page.
 */
export interface HistoryLike {
  revisions: readonly Revision[];
  locations: readonly {
    entry: string;
    anchor: string;
    openEnded?: boolean | undefined;
    releases: readonly {
      tag: string | null;
      commit: string;
      file: string;
      line: number;
      endLine?: number | undefined;
    }[];
  }[];
}

export interface Reading {
  /** `panics/pending-fill-queue`; null for the releases where no documented site is on that line. */
  entry: string | null;
  /** `pending-fill-queue`: the entry's id without its kind. */
  entryId: string | null;
  /** The location's anchor today (`handlers-L242`), on the entry's page. */
  anchor: string | null;
  /** The revisions of this reading, oldest first: their tags (a commit's first 7 characters when untagged). */
  tags: string[];
  revisions: Revision[];
  /** The location's line today, when it differs from the pasted one. */
  lineNow: number | null;
}

/** Whether a pasted path names the recorded file: equal, or one ends with the other at a `/`. */
export function samePath(pasted: string, file: string): boolean {
  const a = pasted.replaceAll('\\', '/');
  return a === file || a.endsWith(`/${file}`) || file.endsWith(`/${a}`);
}

/**
 * Which documented site each revision puts at `file:line`, grouped by site, in the order the revisions come.
 * Revisions where no site is there form one reading with `entry: null`, so that a caller can say "at v1.1.0 this
 * line is no documented panic" rather than guess. `only` restricts the answer to those revisions (a known release).
 */
export function readingsAt(history: HistoryLike, file: string, line: number, only?: ReadonlySet<string>): Reading[] {
  const revisions = history.revisions.filter((r) => only === undefined || only.has(r.commit));
  const byKey = new Map<string, Reading>();
  const found = new Set<string>();
  const order = new Map(history.revisions.map((r, i) => [r.commit, i]));
  for (const loc of history.locations) {
    for (const r of loc.releases) {
      if (only !== undefined && !only.has(r.commit)) continue;
      if (
        !samePath(file, r.file) ||
        !coversLine({ file: r.file, line: r.line, endLine: r.endLine, openEnded: loc.openEnded }, line)
      )
        continue;
      const key = `${loc.entry}#${loc.anchor}`;
      let reading = byKey.get(key);
      if (!reading) {
        const now = loc.releases.at(-1);
        const lineNow = now && now.commit === history.revisions.at(-1)?.commit && now.line !== line ? now.line : null;
        reading = {
          entry: loc.entry,
          entryId: loc.entry.split('/').slice(1).join('/'),
          anchor: loc.anchor,
          tags: [],
          revisions: [],
          lineNow,
        };
        byKey.set(key, reading);
      }
      reading.revisions.push({ tag: r.tag, commit: r.commit });
      found.add(r.commit);
    }
  }
  const readings = [...byKey.values()];
  for (const r of readings) r.revisions.sort((a, b) => order.get(a.commit)! - order.get(b.commit)!);
  const empty = revisions.filter((r) => !found.has(r.commit));
  if (empty.length > 0)
    readings.push({
      entry: null,
      entryId: null,
      anchor: null,
      tags: [],
      revisions: empty.map((r) => ({ tag: r.tag, commit: r.commit })),
      lineNow: null,
    });
  for (const r of readings) r.tags = r.revisions.map((v) => v.tag ?? v.commit.slice(0, 7));
  // Oldest first by the first revision of each reading.
  return readings.sort((a, b) => order.get(a.revisions[0]!.commit)! - order.get(b.revisions[0]!.commit)!);
}

export interface PasteRelease {
  /** `1.4.0`: the version without a leading `v`. */
  version?: string;
  /** A commit hash as the paste gives it (7 to 40 hex digits), lowercase. */
  commit?: string;
}

// A key that names the build, then `:`/`=` (JSON, logfmt, `key: value`) or a space (`version 1.4.0` in a start-up
// line), then the value, quoted or not.
// Every quantifier is bounded or followed by a character it cannot match: one pass, linear time.
const KEY_VALUE =
  /(?<![A-Za-z0-9_])"?(version|app_version|pkg_version|build_version|release|git_sha|git_commit|commit_sha|commit|sha|revision|build_sha)"?(?:[ \t]{0,8}[:=][ \t]{0,8}|[ \t]{1,8})"?v?([0-9a-fA-F]{7,40}|\d{1,6}\.\d{1,6}\.\d{1,6}(?:-[0-9A-Za-z.]{1,40})?)(?![0-9A-Za-z_])/g;
// A bare `v1.4.0` (not `tokio-1.35.1`, which names a crate's version, nor `rustc 1.95.0`, which names the compiler's).
const BARE_VERSION = /(?<![\w.\/-])v(\d{1,6}\.\d{1,6}\.\d{1,6}(?:-[0-9A-Za-z.]{1,40})?)(?![\w.])/g;
const VERSION_KEYS = new Set(['version', 'app_version', 'pkg_version', 'build_version', 'release']);

/**
 * The build a paste says it comes from: the first version (`"version": "1.4.0"`, `version=v1.4.0`, a bare
 * `v1.4.0`) and the first commit (`"git_sha": "1a2b3c4"`, `commit=…`) it names.
 */
export function releaseFromText(text: string): PasteRelease {
  const out: PasteRelease = {};
  for (const m of text.matchAll(KEY_VALUE)) {
    const [key, value] = [m[1]!.toLowerCase(), m[2]!];
    const isVersion = /^\d+\.\d+\.\d+/.test(value);
    if (isVersion && VERSION_KEYS.has(key)) out.version ??= value;
    else if (!isVersion && !VERSION_KEYS.has(key) && /^[0-9a-fA-F]+$/.test(value)) out.commit ??= value.toLowerCase();
    if (out.version !== undefined && out.commit !== undefined) return out;
  }
  if (out.version === undefined) {
    const bare = BARE_VERSION.exec(text);
    BARE_VERSION.lastIndex = 0;
    if (bare) out.version = bare[1]!;
  }
  return out;
}

/** The recorded revisions a paste's release names: the tag of its version (`v1.4.0` or `1.4.0`), or its commit. */
export function revisionsFor(history: HistoryLike, release: PasteRelease): Revision[] {
  const strip = (tag: string) => tag.replace(/^v/, '');
  if (release.version !== undefined) {
    const hit = history.revisions.filter((r) => r.tag !== null && strip(r.tag) === release.version);
    if (hit.length > 0) return hit;
  }
  if (release.commit !== undefined) return history.revisions.filter((r) => r.commit.startsWith(release.commit!));
  return [];
}
