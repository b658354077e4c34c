/**
 * Matches what was pasted against the model, most specific first: the panic's location (path suffix and line,
 * column ignored), then message templates, then backtrace frames, then code and identifiers typed as free text.
 */
import { coversLine, fileName } from '../model/anchor.ts';
import type { SearchLocation, SearchPanic } from '../model/search-model.ts';
import { compileTemplate, type CompiledTemplate, foldSpace, matchFolded } from '../model/template.ts';
import { addEvidence, type Candidate, type Evidence, rankCandidates } from './evidence.ts';
import { highestAppFrame } from './frames.ts';
import type { ParsedFrame, ParsedPanic } from './parse-paste.ts';
import type { Scan } from './evidence-scan.ts';
import { buildTemplateScanner, scanKey, type TemplateScanner } from './template-scan.ts';
import { pathAgreement } from '../model/source-path.ts';
import { findSourceRefs } from './source-ref.ts';

export const SCORE = {
  location: 100,
  locationFileOnly: 60,
  message: 80,
  genericMessage: 25,
  messagePrefix: 45,
  frameLocation: 70,
  frameSymbol: 35,
  sameFile: 12,
  code: 60,
  identifier: 30,
  /** A lock the panic poisons: the path of the PoisonError that follows, a consequence and never a verdict. */
  lock: 40,
} as const;

interface PanicIndex {
  panic: SearchPanic;
  /** Its messages compiled, on the first comparison: a search compares a paste with a few paths of thousands. */
  compiled?: (CompiledTemplate & { generic: boolean })[];
  /** What typed words are compared with, made on the first typed query: a paste never needs it. */
  typed?: {
    /** Each template's literal text, lower-cased, placeholders as spaces. */
    lowerLiterals: string[];
    /** Location code lower-cased without white space or `...`. */
    squashedCode: string[];
  };
}

/**
 * The model prepared for matching. A paste is compared only with the panic paths that could match it: those with a
 * location in a file the paste names, a template that starts as its message starts, or the panic frame it holds;
 * a search then costs what matches, not the size of the model.
 */
export interface MatchIndex {
  panics: PanicIndex[];
  /** Panic path id → the path: evidence is gathered by id, and a verdict looks its path up by id. */
  byId: Map<string, SearchPanic>;
  /** File name (`spread_oracle.rs`) → panic paths with a location in a file of that name. */
  byFileName: Map<string, number[]>;
  /** First characters of a template's literal start → panic paths with such a template. */
  byMessageStart: Map<string, number[]>;
  /** Panic paths with a template that starts with a placeholder or a short literal: compared with every message. */
  anyMessage: number[];
  /** Last segment of the panic frame's symbol → panic paths whose call chain ends there. */
  byPanicFrame: Map<string, number[]>;
  /** Every template of every path, found anywhere in a text (the evidence layer). */
  templates: TemplateScanner;
}

const MESSAGE_KEY = 6;
const startKey = (t: CompiledTemplate) => (t.literals[0]!.length >= MESSAGE_KEY ? t.literals[0]!.slice(0, MESSAGE_KEY) : '');
const lastSegment = (symbol: string) => symbol.replace(/::\*$/, '').split('::').at(-1) ?? '';

function push<K>(map: Map<K, number[]>, key: K, i: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [i]);
  else if (list.at(-1) !== i) list.push(i);
}

/** What a message is indexed by before it is compiled: the start of its literal text, and the scanner's key. */
export interface MessageKeys {
  /** The first characters of its literal text before any placeholder; '' when too short to key. */
  start: string;
  scan: string;
}

export const messageKeys = (template: string): MessageKeys => ({ start: startKey(compileTemplate(template)), scan: scanKey(template) });

const compiled = (entry: PanicIndex) => (entry.compiled ??= entry.panic.messages.map((m) => ({ ...compileTemplate(m.template), generic: m.generic })));

/**
 * `known`: the keys of templates, when they were computed already (the search model's head carries them): the
 * templates are then compiled when a paste is compared with them, not when the index is built.
 */
export function buildMatchIndex(panics: SearchPanic[], known?: ReadonlyMap<string, MessageKeys>): MatchIndex {
  const index: MatchIndex = {
    panics: [], byId: new Map(panics.map((p) => [p.id, p])), byFileName: new Map(), byMessageStart: new Map(), anyMessage: [], byPanicFrame: new Map(),
    templates: buildTemplateScanner(panics.flatMap((p, owner) => p.messages.map((m) => ({ owner, template: m.template, generic: m.generic, ...(known?.has(m.template) ? { key: known.get(m.template)!.scan } : {}) })))),
  };
  panics.forEach((panic, i) => {
    const entry: PanicIndex = { panic };
    index.panics.push(entry);
    for (const loc of panic.locations) push(index.byFileName, fileName(loc.file), i);
    for (const [k, m] of panic.messages.entries()) {
      const start = known?.get(m.template)?.start ?? startKey(compiled(entry)[k]!);
      if (start !== '') push(index.byMessageStart, start, i);
      else if (index.anyMessage.at(-1) !== i) index.anyMessage.push(i);
    }
    const panicFrame = panic.callChain.at(-1);
    if (panicFrame) push(index.byPanicFrame, lastSegment(panicFrame.symbol), i);
  });
  return index;
}

/** The panic paths worth comparing with one parsed panic, in model order. */
function candidatesFor(panic: ParsedPanic, forms: string[], index: MatchIndex): PanicIndex[] {
  const ids = new Set<number>(index.anyMessage);
  const add = (list: number[] | undefined) => list?.forEach((i) => ids.add(i));
  if (panic.location) add(index.byFileName.get(fileName(panic.location.file)));
  for (const form of forms) add(index.byMessageStart.get(form.slice(0, MESSAGE_KEY)));
  for (const f of panic.frames) {
    if (!f.inApp) continue;
    if (f.location) add(index.byFileName.get(fileName(f.location.file)));
    add(index.byPanicFrame.get(lastSegment(symbolTail(f.symbol, 1))));
    add(index.byPanicFrame.get(lastSegment(f.symbol)));
  }
  return [...ids].sort((a, b) => a - b).map((i) => index.panics[i]!);
}

const lineLabel = (l: SearchLocation) => `${fileName(l.file)}:${l.line ?? ''}${l.endLine ? `-${l.endLine}` : ''}${l.openEnded ? '+' : ''}`;

function locationEvidence(file: string, line: number | undefined, p: SearchPanic, kind: 'location' | 'frame'): Evidence | undefined {
  let best: Evidence | undefined;
  for (const loc of p.locations) {
    const agree = pathAgreement(file, loc.file);
    if (agree === 0) continue;
    if (line !== undefined && loc.line !== null && coversLine({ ...loc, line: loc.line, endLine: loc.endLine ?? undefined }, line)) {
      const base = kind === 'location' ? (agree === 2 ? SCORE.location : SCORE.locationFileOnly) : SCORE.frameLocation;
      // A panic at a clamp or guard line is still that line, but the panic sites are what the model promises.
      const score = loc.role === 'panic' ? base : base * 0.6;
      if (!best || score > best.score) best = { kind, score, detail: `${lineLabel(loc)}`, anchor: loc.anchor, specific: loc.role === 'panic' };
    } else if (!best) {
      best = { kind: 'file', score: SCORE.sameFile, detail: fileName(loc.file) };
    }
  }
  return best;
}

/**
 * The last `::` segments of a symbol, without closures and generics, with `<impl Trait for T>` and `<T as Trait>`
 * read as `T`: `handlers::<impl …::EventLoop>::handle_fill` → `EventLoop::handle_fill`.
 */
export function symbolTail(symbol: string, parts = 2): string {
  // Called for every frame of a paste against every panic path: cache by symbol and depth.
  const key = `${parts}\u0000${symbol}`;
  let tail = TAILS.get(key);
  if (tail === undefined) {
    if (TAILS.size > 20_000) TAILS.clear();
    tail = computeTail(symbol, parts);
    TAILS.set(key, tail);
  }
  return tail;
}
const TAILS = new Map<string, string>();

function computeTail(symbol: string, parts: number): string {
  const cleaned = symbol
    .replace(/::\{\{closure\}\}|::\{closure#\d+\}/g, '')
    .replace(/<impl (?:[^<>]* for )?([^<>]*)>|<([^<>]*?) as [^<>]*>/g, (_m, impl?: string, as?: string) => (impl ?? as ?? '').split('::').at(-1) ?? '')
    .replace(/<[^<>]*>/g, '');
  return cleaned.split('::').filter(Boolean).slice(-parts).join('::');
}

/**
 * The strongest frame evidence: a frame at one of the path's lines, or the path's panic frame. A frame at a panic
 * site is specific; the panic frame's name is, when it is the highest application frame (where the panic is).
 */
function frameEvidence(frames: ParsedFrame[], p: SearchPanic): Evidence | undefined {
  const panicFrame = p.callChain.at(-1);
  const top = highestAppFrame(frames);
  let best: Evidence | undefined;
  for (const f of frames) {
    if (!f.inApp) continue;
    if (f.location) {
      const e = locationEvidence(f.location.file, f.location.line, p, 'frame');
      if (e && e.kind === 'frame' && (!best || e.score > best.score)) best = e;
    }
    // Only as the highest application frame: every backtrace passes through `main` and the event loop on its way.
    if (panicFrame && f === top && symbolMatches(f.symbol, panicFrame)) {
      const e: Evidence = { kind: 'frame', score: SCORE.frameSymbol, detail: panicFrame.symbol, specific: true };
      if (!best || e.score > best.score) best = e;
    }
  }
  return best;
}

function symbolMatches(symbol: string, frame: { symbol: string }): boolean {
  const want = frame.symbol.replace(/::\*$/, '');
  const tail = symbolTail(symbol, want.split('::').length);
  return tail === want || symbol.endsWith(`::${want}`);
}

/**
 * The message and its shorter forms, whole lines dropped from the end: a log line that followed the panic
 * may have been read as part of a multi-line message, and the template must still match the panic's own lines.
 */
export function messageForms(message: string): string[] {
  const lines = message.split('\n').slice(0, 20);
  const forms: string[] = [];
  for (let n = lines.length; n >= 1; n--) forms.push(foldSpace(lines.slice(0, n).join('\n')));
  return forms.filter((f, i) => f !== '' && forms.indexOf(f) === i);
}

/** Evidence for one panic of a paste (what the parser read of it, and what the evidence layer found around it). */
export function matchPanic(panic: ParsedPanic | undefined, scan: Scan, index: MatchIndex): Candidate[] {
  const found = new Map<string, Evidence[]>();
  const forms = panic ? messageForms(panic.message) : [];
  const message = forms[0] ?? '';
  if (panic) {
    for (const entry of candidatesFor(panic, forms, index)) {
      const { panic: p } = entry;
      const templates = compiled(entry);
      if (panic.location) {
        const e = locationEvidence(panic.location.file, panic.location.line, p, 'location');
        if (e) addEvidence(found, p.id, e);
      }
      for (const t of templates) {
        if (forms.some((m) => matchFolded(t, m))) {
          addEvidence(found, p.id, { kind: 'message', score: t.generic ? SCORE.genericMessage : SCORE.message, detail: t.template, specific: !t.generic });
        } else if (!t.generic && t.literalPrefix.length >= 12 && message.startsWith(t.literalPrefix)) {
          addEvidence(found, p.id, { kind: 'message', score: SCORE.messagePrefix, detail: t.template, specific: true });
        }
      }
      const fe = frameEvidence(panic.frames, p);
      if (fe) addEvidence(found, p.id, fe);
    }
  }
  scanEvidence(scan, index, found);
  // The panic's own location names another place: a frame of this path, or its panic function's name, is a caller
  // that many panics pass through, not proof. Its message still is (a site that moved keeps its message).
  const panicRefs = [...(panic?.location ? [panic.location] : []), ...scan.refs.filter((r) => r.role === 'panic' && r.line !== undefined)];
  if (panicRefs.length > 0) {
    for (const [id, list] of found) {
      const p = index.byId.get(id)!;
      const atOwnSite = panicRefs.some((r) => p.locations.some((l) => pathAgreement(r.file, l.file) > 0 && l.line !== null && coversLine({ ...l, line: l.line, endLine: l.endLine ?? undefined }, r.line!)));
      if (!atOwnSite) for (const e of list) if (e.kind === 'frame') e.specific = false;
    }
  }
  return rankCandidates(found);
}

const MESSAGE_PARTIAL_SPECIFIC = 24;

/** Evidence found anywhere in the text: source references by the part they play, and the templates it holds. */
function scanEvidence(scan: Scan, index: MatchIndex, found: Map<string, Evidence[]>): void {
  for (const ref of scan.refs) {
    for (const i of index.byFileName.get(fileName(ref.file)) ?? []) {
      const p = index.panics[i]!.panic;
      const kind = ref.role === 'frame' ? 'frame' : 'location';
      const e = locationEvidence(ref.file, ref.line, p, kind);
      if (!e) continue;
      // Named in passing ("it died at handlers.rs:242"): the place, less sure than the panic's own line.
      if (ref.role === 'mention' && e.kind === 'location') e.score *= 0.8;
      addEvidence(found, p.id, e);
    }
  }
  for (const hit of scan.hits) {
    const p = index.panics[hit.owner]!.panic;
    if (hit.complete) {
      addEvidence(found, p.id, { kind: 'message', score: hit.generic ? SCORE.genericMessage : SCORE.message, detail: hit.template, specific: !hit.generic });
    } else if (!hit.generic) {
      addEvidence(found, p.id, { kind: 'message', score: SCORE.messagePrefix, detail: hit.template, specific: hit.matched >= MESSAGE_PARTIAL_SPECIFIC });
    }
  }
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*(?:(?:::|\.)[A-Za-z_][A-Za-z0-9_]*)*(?:\(\))?/g;
/** The `file.rs` and `file.rs:LINE` references a typed query names, in order. */
export const fileRefs = (query: string): { file: string; line: number | undefined }[] =>
  findSourceRefs(query, 100).map((r) => ({ file: r.raw, line: r.line }));

// Identifiers are looked for in the query's first characters: a megabyte pasted as words is not a list of names.
const MAX_IDENT_SCAN = 2000;

/** An identifier worth matching on its own: written like code (`pop_front`, `EventLoop::run`, `mm_config.validate`). */
const isCodeLike = (t: string) => /[_:.]|\(\)|[a-z][A-Z]/.test(t) && t.replace(/\(\)$/, '').length >= 5;

const typedKeys = (entry: PanicIndex): NonNullable<PanicIndex['typed']> => ({
  lowerLiterals: compiled(entry).map((t) => foldSpace(t.literals.join(' ')).toLowerCase()),
  squashedCode: entry.panic.locations.map((l) => l.code.toLowerCase().replace(/\s+/g, '').replace(/\.\.\./g, '')),
});

/** A query that has no panic in it: file:line references, message text, code fragments and identifiers. */
export function matchText(query: string, index: MatchIndex): Candidate[] {
  const found = new Map<string, Evidence[]>();
  const q = foldSpace(query);
  if (q === '') return [];
  const lower = q.toLowerCase();
  const squashed = lower.replace(/^assertion failed:\s*/, '').replace(/\s+/g, '');
  // A long text query is words, not a list of identifiers: the first few carry it.
  const idents = [...new Set((q.slice(0, MAX_IDENT_SCAN).match(IDENT) ?? []).filter(isCodeLike))].slice(0, 12);
  for (const ref of fileRefs(q)) {
    for (const i of index.byFileName.get(fileName(ref.file)) ?? []) {
      const p = index.panics[i]!.panic;
      const e = locationEvidence(ref.file, ref.line, p, 'location');
      // A file named without a line (`kill_switch.rs`) points at the panic paths in it as much as an identifier does.
      if (e) addEvidence(found, p.id, ref.line === undefined && e.kind === 'file' ? { ...e, score: SCORE.identifier } : e);
    }
  }
  for (const entry of index.panics) {
    const { panic: p } = entry;
    const templates = compiled(entry);
    const { lowerLiterals, squashedCode } = (entry.typed ??= typedKeys(entry));
    templates.forEach((t, i) => {
      if (matchFolded(t, q)) addEvidence(found, p.id, { kind: 'message', score: t.generic ? SCORE.message * 0.75 : SCORE.message, detail: t.template });
      else if (lower.length >= 8 && lowerLiterals[i]!.includes(lower)) addEvidence(found, p.id, { kind: 'message', score: SCORE.messagePrefix, detail: t.template });
    });
    if (squashed.length >= 6) {
      squashedCode.forEach((code, at) => {
        if (code === squashed || (squashed.length >= 10 && code.includes(squashed))) {
          const loc = p.locations[at]!;
          addEvidence(found, p.id, { kind: 'code', score: SCORE.code, detail: loc.code, anchor: loc.anchor });
        }
      });
    }
    for (const ident of idents) {
      const bare = ident.replace(/\(\)$/, '');
      const loc = p.locations.find((l) => l.code.includes(bare));
      if (loc) addEvidence(found, p.id, { kind: 'code', score: SCORE.identifier, detail: bare, anchor: loc.anchor });
      const frame = p.callChain.find((f) => f.symbol === bare || f.symbol.endsWith(`::${bare}`));
      if (frame) addEvidence(found, p.id, { kind: 'frame', score: SCORE.identifier, detail: frame.symbol });
    }
  }
  return rankCandidates(found);
}
