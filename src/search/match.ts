/**
 * Matches what was pasted against the model, most specific first: the panic's location (path suffix and line,
 * column ignored), then message templates, then backtrace frames, then code and identifiers typed as free text.
 */
import { coversLine, fileName } from '../model/anchor.ts';
import type { ExportFrame, ExportLocation, ExportPanic } from '../model/export.ts';
import { compileTemplate, type CompiledTemplate, foldSpace, matchTemplate } from '../model/template.ts';
import { addEvidence, type Candidate, type Evidence, rankCandidates } from './evidence.ts';
import type { ParsedFrame, ParsedPanic } from './parse-paste.ts';
import { pathAgreement } from './source-path.ts';

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
} as const;

interface PanicIndex {
  panic: ExportPanic;
  templates: (CompiledTemplate & { generic: boolean })[];
}

export interface MatchIndex {
  panics: PanicIndex[];
}

export function buildMatchIndex(panics: ExportPanic[]): MatchIndex {
  return {
    panics: panics.map((panic) => ({
      panic,
      templates: panic.messages.map((m) => ({ ...compileTemplate(m.template), generic: m.generic })),
    })),
  };
}

const lineLabel = (l: ExportLocation) => `${fileName(l.file)}:${l.line ?? ''}${l.endLine ? `-${l.endLine}` : ''}${l.openEnded ? '+' : ''}`;

function locationEvidence(file: string, line: number | undefined, p: ExportPanic, kind: 'location' | 'frame'): Evidence | undefined {
  let best: Evidence | undefined;
  for (const loc of p.locations) {
    const agree = pathAgreement(file, loc.file);
    if (agree === 0) continue;
    if (line !== undefined && loc.line !== null && coversLine({ ...loc, line: loc.line, endLine: loc.endLine ?? undefined }, line)) {
      const base = kind === 'location' ? (agree === 2 ? SCORE.location : SCORE.locationFileOnly) : SCORE.frameLocation;
      // A panic at a clamp or guard line is still that line, but the panic sites are what the model promises.
      const score = loc.role === 'panic' ? base : base * 0.6;
      if (!best || score > best.score) best = { kind, score, detail: `${lineLabel(loc)}`, anchor: loc.anchor };
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

function frameEvidence(frames: ParsedFrame[], p: ExportPanic): Evidence | undefined {
  const panicFrame = p.callChain.at(-1);
  let best: Evidence | undefined;
  for (const f of frames) {
    if (!f.inApp) continue;
    if (f.location) {
      const e = locationEvidence(f.location.file, f.location.line, p, 'frame');
      if (e && e.kind === 'frame' && (!best || e.score > best.score)) best = e;
    }
    if (panicFrame && symbolMatches(f.symbol, panicFrame)) {
      const e: Evidence = { kind: 'frame', score: SCORE.frameSymbol, detail: panicFrame.symbol };
      if (!best || e.score > best.score) best = e;
    }
  }
  return best;
}

function symbolMatches(symbol: string, frame: ExportFrame): boolean {
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

/** Evidence for one parsed panic of a paste, for every panic path that it points to. */
export function matchPanic(panic: ParsedPanic, index: MatchIndex): Candidate[] {
  const found = new Map<string, Evidence[]>();
  const forms = messageForms(panic.message);
  const message = forms[0] ?? '';
  for (const { panic: p, templates } of index.panics) {
    if (panic.location) {
      const e = locationEvidence(panic.location.file, panic.location.line, p, 'location');
      if (e) addEvidence(found, p.id, e);
    }
    for (const t of templates) {
      if (forms.some((m) => matchTemplate(t, m))) {
        addEvidence(found, p.id, { kind: 'message', score: t.generic ? SCORE.genericMessage : SCORE.message, detail: t.template });
      } else if (!t.generic && t.literalPrefix.length >= 12 && message.startsWith(t.literalPrefix)) {
        addEvidence(found, p.id, { kind: 'message', score: SCORE.messagePrefix, detail: t.template });
      }
    }
    const fe = frameEvidence(panic.frames, p);
    if (fe) addEvidence(found, p.id, fe);
  }
  return rankCandidates(found);
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*(?:(?:::|\.)[A-Za-z_][A-Za-z0-9_]*)*(?:\(\))?/g;
const FILE_LINE = /([\w./\\-]+\.rs)(?::(\d{1,7}))?/g;

/** An identifier worth matching on its own: written like code (`pop_front`, `EventLoop::run`, `mm_config.validate`). */
const isCodeLike = (t: string) => /[_:.]|\(\)|[a-z][A-Z]/.test(t) && t.replace(/\(\)$/, '').length >= 5;

/** A query that has no panic in it: file:line references, message text, code fragments and identifiers. */
export function matchText(query: string, index: MatchIndex): Candidate[] {
  const found = new Map<string, Evidence[]>();
  const q = foldSpace(query);
  if (q === '') return [];
  const lower = q.toLowerCase();
  const squashed = lower.replace(/^assertion failed:\s*/, '').replace(/\s+/g, '');
  const idents = [...new Set((q.match(IDENT) ?? []).filter(isCodeLike))];
  const refs = [...q.matchAll(FILE_LINE)].map((m) => ({ file: m[1]!, line: m[2] ? Number(m[2]) : undefined }));
  for (const { panic: p, templates } of index.panics) {
    for (const ref of refs) {
      const e = locationEvidence(ref.file, ref.line, p, 'location');
      if (e) addEvidence(found, p.id, e);
    }
    for (const t of templates) {
      const literal = t.template.replace(/\{[A-Za-z_][A-Za-z0-9_]*\}/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
      if (matchTemplate(t, q)) addEvidence(found, p.id, { kind: 'message', score: t.generic ? SCORE.message * 0.75 : SCORE.message, detail: t.template });
      else if (lower.length >= 8 && literal.includes(lower)) addEvidence(found, p.id, { kind: 'message', score: SCORE.messagePrefix, detail: t.template });
    }
    for (const loc of p.locations) {
      const code = loc.code.toLowerCase().replace(/\s+/g, '').replace(/\.\.\./g, '');
      if (squashed.length >= 6 && (code === squashed || (squashed.length >= 10 && code.includes(squashed)))) {
        addEvidence(found, p.id, { kind: 'code', score: SCORE.code, detail: loc.code, anchor: loc.anchor });
      }
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
