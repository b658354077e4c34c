/**
 * What a paste says, read once: its panics (or the panic its evidence alone reads, or typed words), the source
 * references and message templates found in it, and which match keys of the model it holds evidence for. Pure, and
 * made of the model's keys only (a vocabulary), not of its panic paths: the search page's router picks the shards
 * to fetch from `keys`, and the matcher reads the same object against the panic paths it has.
 */
import { fileName } from '../model/anchor.ts';
import { pathAgreement } from '../model/source-path.ts';
import { foldSpace, matchFolded } from '../model/template.ts';
import {
  type Evidence,
  hitEvidence,
  messageEvidence,
  panicFrameEvidence,
  SCORE,
  typedMessageEvidence,
} from './evidence.ts';
import { type Scan, scanSlice, scanText } from './evidence-scan.ts';
import { highestAppFrame, symbolMatches, symbolTail } from '../panic-text/frames.ts';
import { lastSegment, messageStart } from './match-keys.ts';
import type { ParsedFrame, ParsedPanic, ParsedPaste } from '../panic-text/parse-paste.ts';
import { findSourceRefs } from '../panic-text/source-ref.ts';
import type { Vocabulary, VocabularyTemplate } from './vocabulary.ts';

/** One panic of the paste with what was found in its part of the text. */
export interface PanicEvidence {
  panic: ParsedPanic;
  /** The evidence from its line to the next panic's (from the start of the text for the first). */
  slice: Scan;
  /** The templates its message is an instance of (`full`), or starts as (`prefix`). */
  messages: Map<string, 'full' | 'prefix'>;
  /** The model's panic frames its highest application frame is. */
  panicFrames: Set<string>;
}

/** A text no parser read a panic in, read as typed words and code. */
export interface TypedEvidence {
  /** The `file.rs` and `file.rs:LINE` it names. */
  refs: { file: string; line: number | undefined }[];
  /** The templates it is an instance of (`full`), or a part of the literal text of (`part`). */
  messages: Map<string, 'full' | 'part'>;
  /** The code lines it is (or is a long part of). */
  code: Set<string>;
  /** Identifiers written like code, each with the code lines it stands in and the call-chain symbols it names. */
  idents: { ident: string; code: Set<string>; symbols: Set<string> }[];
}

/** The match keys of the model the paste holds evidence for, each with the strongest score a path can get from it. */
export interface EvidenceKeys {
  /** File names: any reference to a file is followed. */
  files: Set<string>;
  /** `messageKey(template, generic)` → score. */
  messages: Map<string, number>;
  /** Panic frames the highest application frame is. */
  panicFrames: Map<string, number>;
  code: Map<string, number>;
  /** Call-chain symbols (panic frames or not) a typed identifier names. */
  symbols: Map<string, number>;
}

export interface PasteEvidence {
  query: string;
  parsed: ParsedPaste;
  /** Every source reference and template found in the text the parsers read. */
  scan: Scan;
  /** The panics the parsers read (a backtrace without its panic line counts as one), in order. */
  panics: PanicEvidence[];
  /**
   * When no parser read a panic: the panic its evidence alone reads when there is evidence of one, and the text as
   * typed words unless it is certainly a panic. `certain`: the evidence says so by itself (a panic's or frame's
   * location, a message only its path prints); else only a panic path's own lines can tell (a location named in
   * passing that is its panic site, with one of its messages), and the matcher decides.
   */
  unread?: { typed?: TypedEvidence; asPanic?: PanicEvidence; certain: boolean };
  keys: EvidenceKeys;
}

export const messageKey = (template: string, generic: boolean): string => `${generic ? 1 : 0}${template}`;

/** The file name a path names, when a model path of that name would agree with it. */
const fileKey = (file: string): string | undefined => {
  const name = fileName(file);
  return pathAgreement(file, name) > 0 ? name : undefined;
};

export function readEvidence(query: string, parsed: ParsedPaste, vocabulary: Vocabulary): PasteEvidence {
  const scan = scanText(parsed.text, vocabulary.scanner());
  const keys: EvidenceKeys = {
    files: new Set(),
    messages: new Map(),
    panicFrames: new Map(),
    code: new Map(),
    symbols: new Map(),
  };
  const evidence: PasteEvidence = { query, parsed, scan, panics: [], keys };
  for (const ref of scan.refs) addFile(keys, ref.file);
  for (const hit of scan.hits) {
    const t = vocabulary.templates.get(hit.template)!;
    for (const generic of holders(t)) addKey(keys.messages, messageKey(t.template, generic), hitEvidence(hit, generic));
  }
  const found = parsed.panics.length > 0 ? parsed.panics : looseAsPanic(parsed.looseFrames);
  if (found.length > 0) {
    evidence.panics = slices(parsed.text, scan, found).map(({ panic, slice }) =>
      panicEvidence(panic, slice, vocabulary, keys),
    );
    return evidence;
  }
  const certain =
    scan.refs.some((r) => r.role !== 'mention' && r.line !== undefined) ||
    scan.hits.some((h) => vocabulary.templates.get(h.template)!.specific && hitEvidence(h, false)!.specific);
  const maybe =
    !certain &&
    scan.refs.some((r) => r.line !== undefined) &&
    scan.hits.some((h) => holders(vocabulary.templates.get(h.template)!).some((g) => hitEvidence(h, g)));
  evidence.unread = { certain };
  if (certain || maybe)
    evidence.unread.asPanic = panicEvidence(panicFromEvidence(parsed.text, scan), scan, vocabulary, keys);
  if (!certain) evidence.unread.typed = typedEvidence(query, vocabulary, keys);
  return evidence;
}

/** Whether the paths printing a template print it generic, specific, or some of each. */
const holders = (t: VocabularyTemplate): boolean[] => [...(t.generic ? [true] : []), ...(t.specific ? [false] : [])];

function addKey(map: Map<string, number>, key: string, e: Evidence | undefined): void {
  if (e && e.score > (map.get(key) ?? -Infinity)) map.set(key, e.score);
}

function addFile(keys: EvidenceKeys, file: string): void {
  const name = fileKey(file);
  if (name !== undefined) keys.files.add(name);
}

function panicEvidence(panic: ParsedPanic, slice: Scan, vocabulary: Vocabulary, keys: EvidenceKeys): PanicEvidence {
  if (panic.location) addFile(keys, panic.location.file);
  const forms = messageForms(panic.message);
  const message = forms[0] ?? '';
  const messages = new Map<string, 'full' | 'prefix'>();
  const candidates = new Set(vocabulary.anyStart);
  for (const form of forms) for (const t of vocabulary.byStart.get(messageStart(form)) ?? []) candidates.add(t);
  for (const t of candidates) {
    const compiled = t.compiled();
    const how = forms.some((m) => matchFolded(compiled, m))
      ? 'full'
      : compiled.literalPrefix.length >= 12 && message.startsWith(compiled.literalPrefix)
        ? 'prefix'
        : undefined;
    if (!how) continue;
    messages.set(t.template, how);
    for (const generic of holders(t))
      addKey(keys.messages, messageKey(t.template, generic), messageEvidence(t.template, generic, how));
  }
  const panicFrames = new Set<string>();
  const top = highestAppFrame(panic.frames);
  if (top) {
    for (const segment of new Set([lastSegment(symbolTail(top.symbol, 1)), lastSegment(top.symbol)])) {
      for (const symbol of vocabulary.panicFrames.get(segment) ?? []) {
        if (!symbolMatches(top.symbol, symbol)) continue;
        panicFrames.add(symbol);
        addKey(keys.panicFrames, symbol, panicFrameEvidence(symbol));
      }
    }
  }
  return { panic, slice, messages, panicFrames };
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*(?:(?:::|\.)[A-Za-z_][A-Za-z0-9_]*)*(?:\(\))?/g;
/** The `file.rs` and `file.rs:LINE` references a typed query names, in order. */
export const fileRefs = (query: string): { file: string; line: number | undefined }[] =>
  findSourceRefs(query, 100).map((r) => ({ file: r.raw, line: r.line }));

// Identifiers are looked for in the query's first characters: a megabyte pasted as words is not a list of names.
const MAX_IDENT_SCAN = 2000;

/** An identifier worth matching on its own: written like code (`pop_front`, `EventLoop::run`, `mm_config.validate`). */
const isCodeLike = (t: string) => /[_:.]|\(\)|[a-z][A-Z]/.test(t) && t.replace(/\(\)$/, '').length >= 5;

function typedEvidence(query: string, vocabulary: Vocabulary, keys: EvidenceKeys): TypedEvidence {
  const typed: TypedEvidence = { refs: [], messages: new Map(), code: new Set(), idents: [] };
  const q = foldSpace(query);
  if (q === '') return typed;
  const lower = q.toLowerCase();
  const squashed = lower.replace(/^assertion failed:\s*/, '').replace(/\s+/g, '');
  typed.refs = fileRefs(q);
  for (const ref of typed.refs) addFile(keys, ref.file);
  for (const t of vocabulary.templates.values()) {
    const how = matchFolded(t.compiled(), q)
      ? 'full'
      : lower.length >= 8 && t.lowerLiterals().includes(lower)
        ? 'part'
        : undefined;
    if (!how) continue;
    typed.messages.set(t.template, how);
    for (const generic of holders(t))
      addKey(keys.messages, messageKey(t.template, generic), typedMessageEvidence(t.template, generic, how));
  }
  if (squashed.length >= 6) {
    for (const { code, squashed: line } of vocabulary.code()) {
      if (line !== squashed && !(squashed.length >= 10 && line.includes(squashed))) continue;
      typed.code.add(code);
      addKey(keys.code, code, { kind: 'code', score: SCORE.code, detail: code });
    }
  }
  // A long text query is words, not a list of identifiers: the first few carry it.
  const idents = [...new Set((q.slice(0, MAX_IDENT_SCAN).match(IDENT) ?? []).filter(isCodeLike))].slice(0, 12);
  for (const ident of idents.map((i) => i.replace(/\(\)$/, ''))) {
    const code = new Set(
      vocabulary
        .code()
        .filter((c) => c.code.includes(ident))
        .map((c) => c.code),
    );
    const symbols = new Set(vocabulary.symbols.filter((s) => s === ident || s.endsWith(`::${ident}`)));
    for (const c of code) addKey(keys.code, c, { kind: 'code', score: SCORE.identifier, detail: ident });
    for (const s of symbols) addKey(keys.symbols, s, { kind: 'frame', score: SCORE.identifier, detail: s });
    typed.idents.push({ ident, code, symbols });
  }
  return typed;
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

/**
 * Each panic with its evidence: the text from its line to the next panic's; what stands before the first panic (a
 * message printed above its `panicked at` line) belongs to the first. A backtrace without its panic line (a Sentry
 * event's frames) gets its message from where the evidence found it.
 */
function slices(text: string, scan: Scan, panics: ParsedPanic[]): { panic: ParsedPanic; slice: Scan }[] {
  return panics.map((panic, k) => {
    const from = k === 0 ? 0 : panic.start;
    const to = k + 1 < panics.length ? panics[k + 1]!.start : text.length;
    const slice = scanSlice(scan, from, to);
    return {
      panic: panic.message === '' ? { ...panic, message: panicFromEvidence(text, slice).message } : panic,
      slice,
    };
  });
}

/** A panic read from evidence alone: its location, the line its message is on, the frames around it. */
function panicFromEvidence(text: string, scan: Scan): ParsedPanic {
  const ref =
    scan.refs.find((r) => r.role === 'panic' && r.line !== undefined) ?? scan.refs.find((r) => r.line !== undefined);
  const hit = [...scan.hits].sort((a, b) => Number(b.complete) - Number(a.complete) || b.matched - a.matched)[0];
  const lineEnd = hit ? text.indexOf('\n', hit.lineStart) : -1;
  const message = hit ? text.slice(hit.lineStart, lineEnd < 0 ? text.length : lineEnd).trim() : '';
  return {
    thread: '',
    message,
    format: 'modern',
    frames: [],
    secondary: message.includes('PoisonError'),
    start: 0,
    ...(ref
      ? { location: { file: ref.file, line: ref.line!, ...(ref.column !== undefined ? { column: ref.column } : {}) } }
      : {}),
  };
}

function looseAsPanic(frames: ParsedFrame[]): ParsedPanic[] {
  if (frames.length === 0) return [];
  const highest = frames.find((f) => f.inApp);
  return [
    {
      thread: '',
      message: '',
      format: 'modern',
      frames,
      secondary: false,
      start: 0,
      ...(highest ? { highestAppFrame: highest, location: highest.location } : {}),
    } as ParsedPanic,
  ];
}
