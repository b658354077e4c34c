/** Why a panic path matched, strongest first; the card shows the reasons and the results use the scores. */
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
    out.push({ id, score, evidence: sorted, specific: sorted.some((e) => e.specific === true), ...(anchor !== undefined ? { anchor } : {}) });
  }
  return out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

export function addEvidence(map: Map<string, Evidence[]>, id: string, e: Evidence): void {
  const list = map.get(id);
  if (list) list.push(e);
  else map.set(id, [e]);
}
