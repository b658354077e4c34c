/**
 * Finds the model's message templates anywhere in a text, whatever stands around them: a whole message after
 * `panicked at …:`, `Message:` (color-eyre), `cause = "…"` (human-panic), `msg="…"` (logfmt), a collapsed one-line
 * panic, a chat paste with its backticks stripped. Text and templates are compared in one canonical form (lower
 * case, no backticks, white space folded), so that formatting lost on the way does not lose the match.
 *
 * Linear: templates are indexed by the first characters of a literal; a line is read once, and only at word starts
 * is the index consulted. A template is verified at most once per line, within a bounded window.
 */
import { type CanonicalTemplate, canonical, compileCanonical, leadOf, SCAN_KEY, scanKeyOf } from './match-keys.ts';

export interface TemplateRef {
  template: string;
  /**
   * Its scanner key, when already known (the search model's head carries it): the template is then compiled on the
   * first line where its key stands, not when the scanner is built. Thousands of templates, a few compiled.
   */
  key?: string;
}

export interface TemplateHit {
  template: string;
  /** Every literal found in order with a value between them: the message is an instance of the template. */
  complete: boolean;
  /** Characters of the template's literal text that were found. */
  matched: number;
  /** Offset of the line in the scanned text. */
  lineStart: number;
}

interface Indexed extends TemplateRef {
  compiled?: CanonicalTemplate;
}

// A message longer than this is not a panic message any more: the verification window stops there.
const WINDOW = 4000;
const MIN_PARTIAL = 14;

const isWord = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || c === 95;

export interface TemplateScanner {
  scan(text: string): TemplateHit[];
  size: number;
}

export function buildTemplateScanner(templates: TemplateRef[]): TemplateScanner {
  const byKey = new Map<string, Indexed[]>();
  // The characters keys start with: most places of a line cannot start one and are passed over without a lookup.
  const keyStarts = new Set<number>();
  const short: Indexed[] = [];
  const compiled = (t: Indexed): CanonicalTemplate => (t.compiled ??= compileCanonical(t.template));
  for (const t of templates) {
    const entry: Indexed = { ...t };
    if (t.key === undefined) entry.compiled = compileCanonical(t.template);
    const key = t.key ?? scanKeyOf(entry.compiled!);
    if (key === '') {
      if (leadOf(compiled(entry)) !== '') short.push(entry);
      continue;
    }
    keyStarts.add(key.charCodeAt(0));
    const list = byKey.get(key);
    if (list) list.push(entry);
    else byKey.set(key, [entry]);
  }
  function verify(t: Indexed, line: string, anchorAt: number): TemplateHit | undefined {
    const { literals, anchor } = compiled(t);
    const lead = literals[anchor]!.trimStart();
    let matched = lead.length;
    let complete = true;
    // Literals before the anchor, right to left, each ending at least one character before the next one starts.
    let left = anchorAt;
    for (let i = anchor - 1; i >= 0; i--) {
      const lit = i === 0 ? literals[0]!.trimStart() : literals[i]!;
      if (lit === '') {
        if (left < 1) complete = false;
        continue;
      }
      const found = line.lastIndexOf(lit, left - 1 - lit.length);
      if (found < 0 || found < anchorAt - WINDOW) {
        complete = false;
        break;
      }
      matched += lit.length;
      left = found;
    }
    let right = anchorAt + lead.length;
    for (let i = anchor + 1; i < literals.length; i++) {
      const lit = i === literals.length - 1 ? literals[i]!.trimEnd() : literals[i]!;
      if (lit === '') {
        // A trailing placeholder: the value is whatever follows, at least one character.
        if (right >= line.length) complete = false;
        continue;
      }
      const found = line.indexOf(lit, right + 1);
      if (found < 0 || found > anchorAt + WINDOW) {
        complete = false;
        break;
      }
      matched += lit.length;
      right = found + lit.length;
    }
    if (!complete && matched < MIN_PARTIAL) return undefined;
    return { template: t.template, complete, matched, lineStart: 0 };
  }

  function scanLine(line: string, lineStart: number, out: TemplateHit[]): void {
    const seen = new Set<Indexed>();
    const consider = (t: Indexed, at: number) => {
      if (seen.has(t)) return;
      seen.add(t);
      const hit = verify(t, line, at);
      if (hit) out.push({ ...hit, lineStart });
    };
    for (const t of short) {
      const at = line.indexOf(leadOf(compiled(t)));
      if (at >= 0) consider(t, at);
    }
    if (byKey.size === 0) return;
    for (let i = 0; i + SCAN_KEY <= line.length; i++) {
      if (!keyStarts.has(line.charCodeAt(i)) || (i > 0 && isWord(line.charCodeAt(i - 1)))) continue;
      const list = byKey.get(line.slice(i, i + SCAN_KEY));
      if (!list) continue;
      for (const t of list) if (line.startsWith(leadOf(compiled(t)), i)) consider(t, i);
    }
  }

  return {
    size: templates.length,
    scan(text: string): TemplateHit[] {
      const out: TemplateHit[] = [];
      let start = 0;
      while (start <= text.length) {
        let end = text.indexOf('\n', start);
        if (end < 0) end = text.length;
        if (end > start) scanLine(canonical(text.slice(start, end)), start, out);
        start = end + 1;
      }
      return out;
    },
  };
}
