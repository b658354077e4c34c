/**
 * Panics of a log, grouped: by the panic path the site's own matcher names (`createTriage`, the search page's code),
 * else by the inventory's site at the panic's location (content/inventory.json, when given), else by signature
 * (location + message with its values taken out). Each group knows how often and when it was
 * seen, whether it is an original panic or a secondary one (a `PoisonError` points at the group of the panic on
 * another thread just before it, the one that poisoned the lock), its severity and the page to open.
 * Pure: no Node or DOM, so the published `/triage.js` runs it too.
 */
import { panicPath } from '../model/paths.ts';
import type { SearchModel, SearchPanic } from '../model/search-model.ts';
import { type ParsedPanic, parsePaste } from '../panic-text/parse-paste.ts';
import { createTriage, type PanicVerdict } from '../search/verdict.ts';
import { type PoisonedLock, poisonedLocks } from '../search/lock-cause.ts';
import type { LockGuard } from '../model/lock-guard.ts';
import type { PanicBlock } from './blocks.ts';
import { formatPos, messageTemplate, signature } from './signature.ts';

export interface Seen {
  /** The input it was read from: a file name, or `-` for standard input. */
  source: string;
  /** 1-based line of the panic's first line in that input. */
  line: number;
  /** The time the log gives that line, as the log wrote it (epoch numbers as ISO 8601), or null. */
  time: string | null;
}

export interface PanicGroup {
  /** 1-based, in order of first appearance. */
  number: number;
  /** The panic path's id, `site:<file>:<line>:<column>` of the inventory, or `unknown:<location> <message template>`. */
  key: string;
  /** documented: a panic path's page; inventory: a known panic site no page documents yet; unknown: neither. */
  kind: 'documented' | 'inventory' | 'unknown';
  /** The panic path's id for a documented panic, else null. */
  id: string | null;
  /** The page title for a documented panic, else the message template. */
  title: string;
  severity: SearchPanic['severity'] | null;
  count: number;
  first: Seen;
  last: Seen;
  role: 'original' | 'secondary';
  /** For a secondary group: the key of the group whose panic came just before it on another thread, most often. */
  causedBy: string | null;
  /** Where the first panic of the group fired, as it printed it (`src/…/kill_switch.rs:561:43`). */
  location: string | null;
  /** The location anchor on the panic's page (`kill_switch-L561`). */
  anchor: string | null;
  /** First line of the first panic's message. */
  message: string;
  /** Message template with its values taken out (`… out of range: {n}`). */
  signature: string;
  /** The page with the location anchor; the inventory's row of the site; for an unknown panic the site's search. */
  url: string;
  /** The inventory's site the panic fired at, when the inventory knows it. */
  inventory: {
    file: string;
    line: number;
    column: number;
    fn: string;
    kind: string;
    status: string;
    message: string;
    subsystem: string | null;
    guards?: LockGuard[] | undefined;
  } | null;
  /**
   * The locks the panic poisons (lock guards alive at its site, as the inventory read them), each with the panic path
   * of the PoisonError that follows: this group is the cause of that PoisonError group. Null when none or unknown.
   */
  poisons: PoisonedLock[] | null;
}

/** The inventory of panic sites, as the CLI hands it in (kept out of this module so that /triage.js stays small). */
export interface InventoryLookup {
  siteAt(file: string, line: number, column?: number): PanicGroup['inventory'] | undefined;
  /** The site's row on the inventory page, relative to the site's base. */
  path(site: NonNullable<PanicGroup['inventory']>): string;
}

/** What a caller gets back for one panic, beside the group it joined. */
export interface GroupedPanic {
  group: PanicGroup;
  verdict: PanicVerdict;
  isNewGroup: boolean;
}

interface Recent {
  key: string;
  source: string;
  thread: string;
  secondary: boolean;
}

const RECENT = 32;
/** Readings of blocks whose verdicts are remembered (a crash-looping pod prints the same panic thousands of times). */
const MEMO = 4096;
/** Characters of remembered block keys at most (2 bytes each): the memory a crash loop's memo may take. */
const MEMO_KEY_CHARS = 4 * 1024 * 1024;

/**
 * What the parser read from a panic, everything the verdict can depend on but the thread it ran on: blocks that read
 * the same get the same verdict, and only the first of them is matched.
 */
const readingOf = (p: ParsedPanic) =>
  JSON.stringify([p.message, p.location, p.format, p.secondary, p.frames.map((f) => [f.symbol, f.location, f.inApp])]);

export interface LogTriageOptions {
  /** The site root URLs are made from: origin plus base, e.g. `https://runbooks.example/docs/panics/`. */
  site: string;
  inventory?: InventoryLookup;
}

const threadOf = (p: ParsedPanic) => `${p.thread}\u0000${p.threadId ?? ''}`;

export function searchUrl(site: string, text: string): string {
  return new URL(`search/?q=${encodeURIComponent(text)}`, site.endsWith('/') ? site : `${site}/`).href;
}

export function pageUrl(site: string, id: string, anchor: string | undefined): string {
  return new URL(panicPath(id, anchor), site.endsWith('/') ? site : `${site}/`).href;
}

/** The text to search the site for an unknown panic: its head and the message's first line. */
export function searchText(panic: ParsedPanic): string {
  const message = panic.message.trimStart().split('\n', 1)[0] ?? '';
  if (!panic.location) return message;
  const head = `thread '${panic.thread}' panicked at ${formatPos(panic.location)}:`;
  return message === '' ? head : `${head}\n${message}`;
}

export class LogTriage {
  private matcher: ReturnType<typeof createTriage> | undefined;
  private readonly model: Pick<SearchModel, 'panics' | 'places'>;
  private readonly byId: Map<string, SearchPanic>;
  private readonly site: string;
  private readonly inventory: InventoryLookup | undefined;
  private readonly byKey = new Map<string, PanicGroup>();
  private readonly causes = new Map<string, Map<string, number>>();
  private readonly recent: Recent[] = [];
  private readonly memo = new Map<string, PanicVerdict[]>();
  /** Verdicts by block key (PanicBlock.key): a block read before is not parsed again. */
  private readonly blocks = new Map<string, PanicVerdict[]>();
  private blockChars = 0;
  /** Blocks in which the parser found no panic (counted, not grouped). */
  unread = 0;
  panics = 0;

  constructor(model: Pick<SearchModel, 'panics' | 'places'>, options: LogTriageOptions) {
    this.model = model;
    this.byId = new Map(model.panics.map((p) => [p.id, p]));
    this.site = options.site;
    this.inventory = options.inventory;
  }

  /** The site's matcher, built at the first panic: a log without one never needs it. */
  private get triage(): ReturnType<typeof createTriage> {
    return (this.matcher ??= createTriage(this.model.panics, this.model.places));
  }

  /** Triages one block with the site's matcher and files each panic in it under its group. */
  add(block: PanicBlock, source: string): GroupedPanic[] {
    let verdicts = block.key === undefined ? undefined : this.blocks.get(block.key);
    if (verdicts) {
      // The key leaves the head's thread id out: the block's own id goes on its panic.
      const panic = verdicts[0]!.panic;
      if (verdicts.length === 1 && panic.threadId !== block.threadId) {
        const withId: ParsedPanic = { ...panic };
        if (block.threadId === undefined) delete withId.threadId;
        else withId.threadId = block.threadId;
        verdicts = [{ ...verdicts[0]!, panic: withId }];
      }
    } else {
      verdicts = this.verdictsOf(block.lines.join('\n'));
      // Only a block whose one panic carries the head's thread id is remembered: its id can be put back as it was.
      const single = verdicts.length === 1 && verdicts[0]!.panic.threadId === block.threadId;
      if (block.key !== undefined && single) {
        this.blockChars += block.key.length;
        if (this.blocks.size >= MEMO || this.blockChars > MEMO_KEY_CHARS) {
          this.blocks.clear();
          this.blockChars = block.key.length;
        }
        this.blocks.set(block.key, verdicts);
      }
    }
    if (verdicts.length === 0) this.unread++;
    return verdicts.map((verdict) => this.file(verdict, { source, line: block.line, time: block.time ?? null }));
  }

  /** The matcher's verdicts on a block, or those it gave a block that read the same (with this block's threads). */
  private verdictsOf(text: string): PanicVerdict[] {
    const paste = parsePaste(text);
    const parsed = paste.panics;
    if (parsed.length === 0) return this.triage(text, paste).verdicts;
    const key = parsed.map(readingOf).join('\u0001');
    const hit = this.memo.get(key);
    if (hit) {
      return hit.map((v, i) => {
        const { thread, threadId, start } = parsed[i]!;
        const panic: ParsedPanic = { ...v.panic, thread, start };
        if (threadId === undefined) delete panic.threadId;
        else panic.threadId = threadId;
        return { ...v, panic };
      });
    }
    const verdicts = this.triage(text, paste).verdicts;
    // The matcher reads panics as the parser does; should it ever read a block otherwise, nothing is remembered.
    if (verdicts.length === parsed.length && verdicts.every((v, i) => readingOf(v.panic) === readingOf(parsed[i]!))) {
      if (this.memo.size >= MEMO) this.memo.clear();
      this.memo.set(key, verdicts);
    }
    return verdicts;
  }

  private file(verdict: PanicVerdict, seen: Seen): GroupedPanic {
    this.panics++;
    const { panic, known } = verdict;
    const path = known ? this.byId.get(known.id) : undefined;
    const secondary = panic.secondary || (path?.secondary ?? false);
    const loc = panic.location;
    const site = !path && loc && this.inventory ? this.inventory.siteAt(loc.file, loc.line, loc.column) : undefined;
    const key = path
      ? path.id
      : site
        ? `site:${site.file}:${site.line}:${site.column}`
        : `unknown:${signature(panic.message, loc)}`;
    let group = this.byKey.get(key);
    const isNewGroup = group === undefined;
    if (!group) {
      const template = messageTemplate(panic.message);
      group = {
        number: this.byKey.size + 1,
        key,
        kind: path ? 'documented' : site ? 'inventory' : 'unknown',
        id: path?.id ?? null,
        title: path?.title ?? (site ? `${site.fn}: ${site.message}` : template),
        severity: path?.severity ?? null,
        count: 0,
        first: seen,
        last: seen,
        role: secondary ? 'secondary' : 'original',
        causedBy: null,
        location: panic.location ? formatPos(panic.location) : null,
        anchor: known?.anchor ?? null,
        message: panic.message.trimStart().split('\n', 1)[0] ?? '',
        signature: template,
        url: path
          ? pageUrl(this.site, path.id, known?.anchor)
          : site
            ? new URL(this.inventory!.path(site), this.site).href
            : searchUrl(this.site, searchText(panic)),
        inventory: site ?? null,
        poisons: this.poisonsAt(panic),
      };
      this.byKey.set(key, group);
    }
    group.count++;
    group.last = seen;
    if (secondary) this.noteCause(group, seen.source, threadOf(panic));
    this.recent.push({ key, source: seen.source, thread: threadOf(panic), secondary });
    if (this.recent.length > RECENT) this.recent.shift();
    return { group, verdict, isNewGroup };
  }

  /** The locks a panic poisons: the inventory's guards at its site, linked to the paths of their PoisonError. */
  private poisonsAt(panic: ParsedPanic): PoisonedLock[] | null {
    const loc = panic.location;
    const site = loc && this.inventory ? this.inventory.siteAt(loc.file, loc.line, loc.column) : undefined;
    const locks = site ? poisonedLocks(site, this.byId.values()) : [];
    return locks.length > 0 ? locks : null;
  }

  /**
   * The original of a secondary panic: the latest original panic of the same input on another thread that poisons
   * the lock of this PoisonError's path, else the latest original panic of the same input on another thread.
   */
  private noteCause(group: PanicGroup, source: string, thread: string): void {
    let cause: Recent | undefined;
    let fallback: Recent | undefined;
    for (let i = this.recent.length - 1; i >= 0 && !cause; i--) {
      const r = this.recent[i]!;
      if (r.source !== source || r.thread === thread || r.secondary) continue;
      fallback ??= r;
      if (group.id !== null && this.byKey.get(r.key)?.poisons?.some((p) => p.id === group.id)) cause = r;
    }
    cause ??= fallback;
    if (!cause) return;
    let counts = this.causes.get(group.key);
    if (!counts) this.causes.set(group.key, (counts = new Map()));
    counts.set(cause.key, (counts.get(cause.key) ?? 0) + 1);
    let best: [string, number] | undefined;
    for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
    group.causedBy = best![0];
  }

  groups(): PanicGroup[] {
    return [...this.byKey.values()];
  }

  /** 0: no panic; 1: only documented panics; 3: at least one panic no page documents (inventory site or unknown). */
  exitCode(): 0 | 1 | 3 {
    const groups = this.groups();
    if (groups.length === 0) return 0;
    return groups.some((g) => g.kind !== 'documented') ? 3 : 1;
  }
}
