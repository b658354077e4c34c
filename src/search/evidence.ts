/** Why a panic path matched, strongest first; the card shows the reasons and the results use the scores. */
import type { TemplateHit } from './template-scan.ts';

export type EvidenceKind = 'location' | 'message' | 'frame' | 'code' | 'file' | 'words' | 'lock';

export interface Evidence {
  kind: EvidenceKind;
  score: number;
  /** What matched, in words the card can show: `spread_oracle.rs:43`, the template, the frame symbol. */
  detail: string;
  /** The location anchor on the panic page, when one location matched. */
  anchor?: string;
  /**
   * Evidence that this path and no other could print: its own panic site, a message only it prints. A generic
   * message (`Option::unwrap()` on `None`, a `PoisonError`) or a shared file never is: alone, they make a hint.
   */
  specific?: boolean;
}

export interface Candidate {
  id: string;
  score: number;
  evidence: Evidence[];
  anchor?: string;
  /** Some evidence is specific to this path: the candidate may be a verdict, not only a hint. */
  specific: boolean;
}

/** Sums evidence per panic path, keeps the strongest reason's anchor, and sorts best first. */
export function rankCandidates(evidence: Map<string, Evidence[]>): Candidate[] {
  const out: Candidate[] = [];
  for (const [id, list] of evidence) {
    if (list.length === 0) continue;
    // The same fact found twice (by the parser and by the evidence layer) is one reason, with its best score.
    const byFact = new Map<string, Evidence>();
    for (const e of list) {
      const key = `${e.kind}\u0000${e.detail}`;
      const had = byFact.get(key);
      if (!had || e.score > had.score || (e.score === had.score && e.specific && !had.specific)) byFact.set(key, e);
    }
    const sorted = [...byFact.values()].sort((a, b) => b.score - a.score);
    const seen = new Set<string>();
    // The same kind of evidence counts once: ten frames of one file are not ten times the proof.
    const score = sorted.reduce((s, e) => (seen.has(e.kind) ? s : (seen.add(e.kind), s + e.score)), 0);
    const anchor = sorted.find((e) => e.anchor !== undefined)?.anchor;
    out.push({
      id,
      score,
      evidence: sorted,
      specific: sorted.some((e) => e.specific === true),
      ...(anchor !== undefined ? { anchor } : {}),
    });
  }
  return out.sort(byScoreThenId);
}

/**
 * Best score first, ties by id. Ids are lowercase words and digits joined by "-" (panicIdSchema), whose order by
 * code unit is the order `localeCompare` gives them: without building the locale's collator, which costs the search
 * page's first search several milliseconds on the way to its verdict.
 */
export const byScoreThenId = (a: { score: number; id: string }, b: { score: number; id: string }): number =>
  b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function addEvidence(map: Map<string, Evidence[]>, id: string, e: Evidence): void {
  const list = map.get(id);
  if (list) list.push(e);
  else map.set(id, [e]);
}

/** How much each kind of evidence weighs: the matcher sums it per panic path, the router ranks match keys by it. */
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

/** Characters of a template found in a line, without the rest of it, that only its panic path prints. */
const MESSAGE_PARTIAL_SPECIFIC = 24;

/**
 * A template found in a panic's message: the whole message is an instance of it (`full`), or the message starts
 * with its long literal start (`prefix`, never for a generic template). The same for a template found anywhere in
 * the text: complete, or in part.
 */
export function messageEvidence(template: string, generic: boolean, found: 'full' | 'prefix'): Evidence | undefined {
  if (found === 'full')
    return {
      kind: 'message',
      score: generic ? SCORE.genericMessage : SCORE.message,
      detail: template,
      specific: !generic,
    };
  return generic ? undefined : { kind: 'message', score: SCORE.messagePrefix, detail: template, specific: true };
}

export function hitEvidence(
  hit: Pick<TemplateHit, 'template' | 'complete' | 'matched'>,
  generic: boolean,
): Evidence | undefined {
  if (hit.complete) return messageEvidence(hit.template, generic, 'full');
  return generic
    ? undefined
    : {
        kind: 'message',
        score: SCORE.messagePrefix,
        detail: hit.template,
        specific: hit.matched >= MESSAGE_PARTIAL_SPECIFIC,
      };
}

/** Typed words: the text is an instance of the template (`full`), or a part of its literal text (`part`). */
export function typedMessageEvidence(template: string, generic: boolean, found: 'full' | 'part'): Evidence {
  if (found === 'full')
    return { kind: 'message', score: generic ? SCORE.message * 0.75 : SCORE.message, detail: template };
  return { kind: 'message', score: SCORE.messagePrefix, detail: template };
}

/** The highest application frame of a backtrace is the path's panic frame: where it panics. */
export const panicFrameEvidence = (symbol: string): Evidence => ({
  kind: 'frame',
  score: SCORE.frameSymbol,
  detail: symbol,
  specific: true,
});
/** A typed text is a location's code line. */
export const codeEvidence = (code: string, anchor: string): Evidence => ({
  kind: 'code',
  score: SCORE.code,
  detail: code,
  anchor,
});
/** A typed identifier stands in a location's code line, or names a symbol of the call chain. */
export const identCodeEvidence = (ident: string, anchor: string): Evidence => ({
  kind: 'code',
  score: SCORE.identifier,
  detail: ident,
  anchor,
});
export const identFrameEvidence = (symbol: string): Evidence => ({
  kind: 'frame',
  score: SCORE.identifier,
  detail: symbol,
});
