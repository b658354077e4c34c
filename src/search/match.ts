/**
 * Matches a paste's evidence (paste-evidence.ts) against the panic paths the search holds, most specific first: the
 * panic's location (path suffix and line, column ignored), then message templates, then backtrace frames, then code
 * and identifiers typed as free text. What the paste holds was read once; here it is compared with each path's own
 * lines, messages and call chain.
 */
import { coversLine, fileName } from '../model/anchor.ts';
import type { SearchLocation, SearchPanic } from '../model/search-model.ts';
import { pathAgreement } from '../model/source-path.ts';
import {
  addEvidence,
  type Candidate,
  type Evidence,
  hitEvidence,
  identCodeEvidence,
  identFrameEvidence,
  messageEvidence,
  panicFrameEvidence,
  rankCandidates,
  SCORE,
  codeEvidence,
  typedMessageEvidence,
} from './evidence.ts';
import type { Scan } from './evidence-scan.ts';
import { highestAppFrame } from '../panic-text/frames.ts';
import { fileKeys } from './match-keys.ts';
import type { PanicEvidence, TypedEvidence } from './paste-evidence.ts';

/**
 * The panic paths prepared for matching, by each kind of match key: a paste is compared only with the paths holding
 * a key it has evidence for, so a search costs what matches, not the size of the model.
 */
export interface MatchIndex {
  panics: SearchPanic[];
  /** Panic path id → the path: evidence is gathered by id, and a verdict looks its path up by id. */
  byId: Map<string, SearchPanic>;
  /** File name (`spread_oracle.rs`) → panic paths with a location in a file of that name. */
  byFileName: Map<string, number[]>;
  /** Message template → panic paths that print it. */
  byTemplate: Map<string, number[]>;
  /** Panic frame (the last symbol of a call chain) → panic paths whose call chain ends there. */
  byPanicFrame: Map<string, number[]>;
  /** Location code line → panic paths with a location on such a line. */
  byCode: Map<string, number[]>;
  /** Any call-chain symbol → panic paths whose call chain names it. */
  bySymbol: Map<string, number[]>;
}

function push<K>(map: Map<K, number[]>, key: K, i: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [i]);
  else if (list.at(-1) !== i) list.push(i);
}

export function buildMatchIndex(panics: SearchPanic[]): MatchIndex {
  const index: MatchIndex = {
    panics,
    byId: new Map(panics.map((p) => [p.id, p])),
    byFileName: new Map(),
    byTemplate: new Map(),
    byPanicFrame: new Map(),
    byCode: new Map(),
    bySymbol: new Map(),
  };
  panics.forEach((panic, i) => {
    for (const name of fileKeys(panic)) push(index.byFileName, name, i);
    for (const m of panic.messages) push(index.byTemplate, m.template, i);
    for (const l of panic.locations) push(index.byCode, l.code, i);
    for (const f of panic.callChain) push(index.bySymbol, f.symbol, i);
    const panicFrame = panic.callChain.at(-1);
    if (panicFrame) push(index.byPanicFrame, panicFrame.symbol, i);
  });
  return index;
}

/** The panic paths holding any of the keys, in model order. */
function holding(index: MatchIndex, keys: [Map<string, number[]>, Iterable<string>][]): SearchPanic[] {
  const ids = new Set<number>();
  for (const [map, list] of keys) for (const key of list) map.get(key)?.forEach((i) => ids.add(i));
  return [...ids].sort((a, b) => a - b).map((i) => index.panics[i]!);
}

/** The panic paths worth comparing with one panic of the paste: those holding a key its evidence names. */
function candidatesFor(found: PanicEvidence, index: MatchIndex): SearchPanic[] {
  const { panic } = found;
  const files = [panic.location, ...panic.frames.filter((f) => f.inApp).map((f) => f.location)].flatMap((l) =>
    l ? [fileName(l.file)] : [],
  );
  return holding(index, [
    [index.byFileName, files],
    [index.byTemplate, found.messages.keys()],
    [index.byPanicFrame, found.panicFrames],
  ]);
}

const lineLabel = (l: SearchLocation) =>
  `${fileName(l.file)}:${l.line ?? ''}${l.endLine ? `-${l.endLine}` : ''}${l.openEnded ? '+' : ''}`;

function locationEvidence(
  file: string,
  line: number | undefined,
  p: SearchPanic,
  kind: 'location' | 'frame',
): Evidence | undefined {
  let best: Evidence | undefined;
  for (const loc of p.locations) {
    const agree = pathAgreement(file, loc.file);
    if (agree === 0) continue;
    if (
      line !== undefined &&
      loc.line !== null &&
      coversLine({ ...loc, line: loc.line, endLine: loc.endLine ?? undefined }, line)
    ) {
      const base = kind === 'location' ? (agree === 2 ? SCORE.location : SCORE.locationFileOnly) : SCORE.frameLocation;
      // A panic at a clamp or guard line is still that line, but the panic sites are what the model promises.
      const score = loc.role === 'panic' ? base : base * 0.6;
      if (!best || score > best.score)
        best = { kind, score, detail: `${lineLabel(loc)}`, anchor: loc.anchor, specific: loc.role === 'panic' };
    } else if (!best) {
      best = { kind: 'file', score: SCORE.sameFile, detail: fileName(loc.file) };
    }
  }
  return best;
}

/**
 * The strongest frame evidence: a frame at one of the path's lines, or the path's panic frame. A frame at a panic
 * site is specific; the panic frame's name is, when it is the highest application frame (where the panic is).
 */
function frameEvidence(found: PanicEvidence, p: SearchPanic): Evidence | undefined {
  const { frames } = found.panic;
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
    if (panicFrame && f === top && found.panicFrames.has(panicFrame.symbol)) {
      const e = panicFrameEvidence(panicFrame.symbol);
      if (!best || e.score > best.score) best = e;
    }
  }
  return best;
}

/** Evidence for one panic of a paste (what the parser read of it, and what the evidence layer found around it). */
export function matchPanic(found: PanicEvidence | undefined, scan: Scan, index: MatchIndex): Candidate[] {
  const evidence = new Map<string, Evidence[]>();
  const panic = found?.panic;
  if (found && panic) {
    for (const p of candidatesFor(found, index)) {
      if (panic.location) {
        const e = locationEvidence(panic.location.file, panic.location.line, p, 'location');
        if (e) addEvidence(evidence, p.id, e);
      }
      for (const m of p.messages) {
        const how = found.messages.get(m.template);
        const e = how && messageEvidence(m.template, m.generic, how);
        if (e) addEvidence(evidence, p.id, e);
      }
      const fe = frameEvidence(found, p);
      if (fe) addEvidence(evidence, p.id, fe);
    }
  }
  scanEvidence(scan, index, evidence);
  // The panic's own location names another place: a frame of this path, or its panic function's name, is a caller
  // that many panics pass through, not proof. Its message still is (a site that moved keeps its message).
  const panicRefs = [
    ...(panic?.location ? [panic.location] : []),
    ...scan.refs.filter((r) => r.role === 'panic' && r.line !== undefined),
  ];
  if (panicRefs.length > 0) {
    for (const [id, list] of evidence) {
      const p = index.byId.get(id)!;
      const atOwnSite = panicRefs.some((r) =>
        p.locations.some(
          (l) =>
            pathAgreement(r.file, l.file) > 0 &&
            l.line !== null &&
            coversLine({ ...l, line: l.line, endLine: l.endLine ?? undefined }, r.line!),
        ),
      );
      if (!atOwnSite) for (const e of list) if (e.kind === 'frame') e.specific = false;
    }
  }
  return rankCandidates(evidence);
}

/** Evidence found anywhere in the text: source references by the part they play, and the templates it holds. */
function scanEvidence(scan: Scan, index: MatchIndex, found: Map<string, Evidence[]>): void {
  for (const ref of scan.refs) {
    for (const i of index.byFileName.get(fileName(ref.file)) ?? []) {
      const p = index.panics[i]!;
      const kind = ref.role === 'frame' ? 'frame' : 'location';
      const e = locationEvidence(ref.file, ref.line, p, kind);
      if (!e) continue;
      // Named in passing ("it died at handlers.rs:242"): the place, less sure than the panic's own line.
      if (ref.role === 'mention' && e.kind === 'location') e.score *= 0.8;
      addEvidence(found, p.id, e);
    }
  }
  for (const hit of scan.hits) {
    for (const i of index.byTemplate.get(hit.template) ?? []) {
      const p = index.panics[i]!;
      for (const m of p.messages) {
        if (m.template !== hit.template) continue;
        const e = hitEvidence(hit, m.generic);
        if (e) addEvidence(found, p.id, e);
      }
    }
  }
}

/** A query that has no panic in it: file:line references, message text, code fragments and identifiers. */
export function matchText(typed: TypedEvidence, index: MatchIndex): Candidate[] {
  const found = new Map<string, Evidence[]>();
  for (const ref of typed.refs) {
    for (const i of index.byFileName.get(fileName(ref.file)) ?? []) {
      const p = index.panics[i]!;
      const e = locationEvidence(ref.file, ref.line, p, 'location');
      // A file named without a line (`kill_switch.rs`) points at the panic paths in it as much as an identifier does.
      if (e)
        addEvidence(found, p.id, ref.line === undefined && e.kind === 'file' ? { ...e, score: SCORE.identifier } : e);
    }
  }
  const candidates = holding(index, [
    [index.byTemplate, typed.messages.keys()],
    [index.byCode, [...typed.code, ...typed.idents.flatMap((i) => [...i.code])]],
    [index.bySymbol, typed.idents.flatMap((i) => [...i.symbols])],
  ]);
  for (const p of candidates) {
    for (const m of p.messages) {
      const how = typed.messages.get(m.template);
      if (how) addEvidence(found, p.id, typedMessageEvidence(m.template, m.generic, how));
    }
    for (const loc of p.locations)
      if (typed.code.has(loc.code)) addEvidence(found, p.id, codeEvidence(loc.code, loc.anchor));
    for (const { ident, code, symbols } of typed.idents) {
      const loc = p.locations.find((l) => code.has(l.code));
      if (loc) addEvidence(found, p.id, identCodeEvidence(ident, loc.anchor));
      const frame = p.callChain.find((f) => symbols.has(f.symbol));
      if (frame) addEvidence(found, p.id, identFrameEvidence(frame.symbol));
    }
  }
  return rankCandidates(found);
}
