/**
 * Synthetic knowledge bases for the scale benchmark: N panic paths that look like the real ones (files under
 * src/market_maker/…, lines, messages with {placeholders}, locations with code, call chains through frames that the
 * generated frames.yaml holds, related ids that exist, severities and phases), written to a fresh folder.
 * The real non-panic YAML files are copied and frames.yaml gets generated groups appended; the five real panic
 * paths are kept (so pasted real panics still find their page) unless `includeReal` is false.
 * With them, the records of a checkout read at one synthetic commit: source-check.json (its commit only) and
 * inventory.json, the real inventory's sites plus N synthetic ones (src/bench/generate-inventory.ts).
 * Deterministic: the same N and seed give the same bytes. The real `content/` is only ever read.
 *
 *   node src/bench/generate.ts 1000 [--seed 42] [--out bench/tmp/content-1000] [--sites 1000] [--no-real]
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { classify } from '../inventory/classify.ts';
import { type FoundSite, INVENTORY_FILE, inventoryRecordSchema, type SiteKind } from '../model/inventory.ts';
import { formatError, loadContent } from '../model/load-content.ts';
import { type Model, SOURCE_CHECK_FILE } from '../model/model.ts';
import { type SourceCheck, sourceCheckSchema } from '../model/source-check.ts';
import { CODE_LINES, type DocumentedSite, syntheticCommit, syntheticInventoryJson, syntheticSites } from './generate-inventory.ts';
import { prng } from './prng.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const REAL_CONTENT = join(ROOT, 'content');
const DATA_FILES = ['checklist.yaml', 'numerical-stability.yaml', 'reproduce.yaml', 'safe-by-design.yaml'];

// Re-exported: the other benchmarks and tests take the generator's prng from here.
export { prng };

interface Rng {
  (): number;
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  some<T>(xs: readonly T[], lo: number, hi: number): T[];
}

function rng(seed: number): Rng {
  const next = prng(seed);
  const r = (() => next()) as Rng;
  r.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  r.pick = (xs) => xs[Math.floor(next() * xs.length)]!;
  r.chance = (p) => next() < p;
  r.some = (xs, lo, hi) => {
    const pool = [...xs];
    const out = [];
    for (let n = Math.min(r.int(lo, hi), pool.length); n > 0; n--) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
    return out;
  };
  return r;
}

// ---- Vocabulary: the market maker's modules, files, types and quantities -------------------------------------

const MODULES: Record<string, string[]> = {
  orchestrator: ['event_loop', 'handlers', 'quote_engine', 'scheduler', 'recovery', 'shutdown'],
  strategy: ['spread_oracle', 'skew_model', 'ladder', 'glft', 'inventory_curve', 'quote_shaper'],
  risk: ['kill_switch', 'circuit_breaker', 'position_guard', 'drawdown', 'exposure', 'margin_monitor'],
  execution: ['order_router', 'order_book', 'cancel_queue', 'nonce_tracker', 'rate_limiter', 'batcher'],
  estimators: ['kappa_estimator', 'volatility', 'fill_rate', 'microprice', 'hawkes', 'regime'],
  market_data: ['l2_book', 'trades', 'candles', 'funding', 'oracle_feed', 'snapshot'],
  infra: ['ws_client', 'rest_client', 'signer', 'clock', 'metrics', 'persistence'],
  accounting: ['pnl', 'fees', 'ledger', 'reconciler', 'balances', 'settlement'],
  hedging: ['hedger', 'basis', 'delta', 'rebalance', 'venue_map', 'slippage'],
  config: ['loader', 'profiles', 'validation', 'overrides', 'secrets', 'schema'],
  fills: ['fill_queue', 'dedup', 'outcomes', 'matcher', 'attribution', 'latency'],
  adverse_selection: ['toxicity', 'markout', 'informed_flow', 'cooldown', 'detector', 'features'],
};

const QUANTITIES = [
  'kappa', 'gamma', 'sigma', 'inventory', 'spread', 'mid_price', 'funding_rate', 'queue_depth', 'tick_size', 'lot_size',
  'vol_estimate', 'fill_rate', 'skew', 'leverage', 'margin_ratio', 'notional', 'half_spread', 'reservation_price',
  'order_size', 'max_position', 'decay', 'alpha', 'beta', 'lambda', 'horizon', 'markout', 'basis', 'delta', 'vwap', 'ema',
];
const NOUNS = [
  'order', 'fill', 'quote', 'book level', 'snapshot', 'nonce', 'subscription', 'position', 'ledger entry', 'hedge leg',
  'cancel request', 'price level', 'trade', 'funding payment', 'candle', 'signature', 'websocket frame', 'config profile',
  'regime', 'estimator state', 'rate limit token', 'settlement', 'balance', 'markout window',
];
const VERBS = ['parse', 'decode', 'sign', 'register', 'open', 'connect', 'load', 'serialize', 'spawn', 'subscribe', 'acquire', 'flush', 'persist', 'resolve'];
const CONDITIONS = ['must be > 0', 'must be finite', 'must be non-negative', 'out of range', 'exceeds limit', 'must be below max', 'is NaN', 'underflowed'];
const STRUCTS = ['Manager', 'Tracker', 'Engine', 'State', 'Model', 'Monitor', 'Cache', 'Router', 'Queue', 'Client', 'Guard', 'Estimator'];
const METHODS = ['update', 'apply', 'process', 'handle', 'compute', 'evaluate', 'refresh', 'submit', 'drain', 'reconcile', 'tick', 'step', 'poll', 'recalc', 'observe', 'flush'];
const CAUSES = [
  'a stale snapshot arrived after a reconnect', 'the exchange sent a level with zero size', 'a config profile left the field unset',
  'two tasks raced on the same queue', 'the estimator had no samples yet', 'a reorg of the websocket stream replayed old messages',
  'the clock jumped backwards', 'a partial fill was counted twice', 'the venue changed its tick size', 'a NaN propagated from the volatility estimate',
  'the rate limiter refilled with a negative budget', 'a hedge leg was cancelled while in flight', 'funding was applied to a closed position',
];
const FIXES = [
  'Check the upstream estimator output before it reaches this call', 'Validate the config profile with `--dry-run`',
  'Restart with a fresh snapshot and check the reconnect logic', 'Look for a duplicate fill in the logs just before the panic',
  'Clamp the value at the call site and add a guard', 'Check the venue metadata for a changed tick or lot size',
  'Find the earlier panic that left the state inconsistent', 'Check the system clock and NTP on the host',
];

const camel = (s: string) => s.split('_').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

export interface GeneratedFrame { symbol: string; file: string; line: number }
interface FileInfo { module: string; stem: string; path: string; frames: GeneratedFrame[] }

/** The generated files and the frames that live in them: a fixed vocabulary, independent of N. */
function buildFiles(r: Rng): FileInfo[] {
  const files: FileInfo[] = [];
  for (const [module, stems] of Object.entries(MODULES)) {
    for (const stem of stems) {
      const path = `src/market_maker/${module}/${stem}.rs`;
      const type = `${camel(stem)}${r.pick(STRUCTS)}`;
      const frames: GeneratedFrame[] = [];
      const methods = r.some(METHODS, 2, 4);
      let line = r.int(20, 120);
      for (const m of methods) {
        frames.push({ symbol: `${type}::${m}`, file: path, line });
        line += r.int(30, 400);
      }
      files.push({ module, stem, path, frames });
    }
  }
  return files;
}

/** frames.yaml: the real file as it is, then one group per generated module. */
function framesYaml(real: string, files: FileInfo[]): string {
  const groups = Object.keys(MODULES).map((module) => ({
    id: `gen-${module.replace(/_/g, '-')}`,
    title: `${camel(module).replace(/([a-z])([A-Z])/g, '$1 $2')} (generated)`,
    inApp: true,
    frames: files.filter((f) => f.module === module).flatMap((f) => f.frames.map((fr) => ({ symbol: fr.symbol, file: fr.file, line: fr.line }))),
  }));
  return `${real.trimEnd()}\n# ---- generated by src/bench/generate.ts ----\n${stringify(groups, { lineWidth: 0, flowCollectionPadding: true })}`;
}

interface Msg { template: string; shown: string; generic?: boolean; code: string; release: boolean; kind: SiteKind }

function message(r: Rng, file: FileInfo): Msg {
  const q = r.pick(QUANTITIES);
  const noun = r.pick(NOUNS);
  switch (r.int(0, 6)) {
    case 0: {
      const cond = r.pick(CONDITIONS);
      return { template: `${q} ${cond}, got {value}`, shown: `thread 'main' panicked at 'assertion failed: ${q} ${cond}, got 0'`, code: `debug_assert!(${q} > 0.0)`, release: false, kind: 'debug_assert' };
    }
    case 1: {
      const verb = r.pick(VERBS);
      return { template: `Failed to ${verb} ${noun}: {error}`, shown: `thread 'main' panicked at 'Failed to ${verb} ${noun}'`, code: `${verb}_${noun.replace(/\W+/g, '_')}(&ctx).expect(...)`, release: true, kind: 'expect' };
    }
    case 2: {
      const field = `${file.stem}.${q}`;
      return { template: `${noun} ${q} {value} ${r.pick(CONDITIONS)} ({limit}) in ${file.stem}`, shown: `thread 'tokio-runtime-worker' panicked at '${noun} ${q} 1e308 exceeds limit (1e6) in ${file.stem}'`, code: `assert!(self.${field.split('.')[1]} <= self.limits.${q}, ...)`, release: true, kind: 'assert' };
    }
    case 3:
      return { template: "called `Option::unwrap()` on a `None` value", shown: `called unwrap() on None (${q})`, generic: true, code: `let ${q} = self.${file.stem}.get(&key).unwrap();`, release: true, kind: 'unwrap' };
    case 4:
      return { template: 'index out of bounds: the len is {len} but the index is {index}', shown: `thread 'main' panicked at 'index out of bounds: the len is 0 but the index is 0'`, generic: true, code: `let level = self.levels[${q}_idx];`, release: true, kind: 'index' };
    case 5:
      return { template: `invariant violated in ${camel(file.stem)}: ${noun} {id} has ${q} {value}`, shown: `invariant violated in ${camel(file.stem)}: ${noun} 17 has ${q} NaN`, code: `unreachable!("invariant violated in ${camel(file.stem)}: …")`, release: true, kind: 'unreachable' };
    default:
      return { template: `${q} overflow while computing ${noun} (lhs={lhs}, rhs={rhs})`, shown: `thread 'main' panicked at '${q} overflow while computing ${noun} (lhs=..., rhs=...)'`, code: `self.${q}.checked_mul(rhs).expect("${q} overflow")`, release: true, kind: 'expect' };
  }
}

const SEVERITY_PHASE = [
  ['Critical', 'runtime'], ['Runtime', 'runtime'], ['Runtime', 'runtime'], ['Runtime', 'runtime'], ['Startup', 'startup'], ['Debug-only', 'runtime'],
] as const;

const REFERENCE_PAGES = ['safe-by-design', 'frames', 'checklist', 'numerical-stability'] as const;

interface Generated { id: string; fm: Record<string, unknown>; related: ({ index: number; note: string } | { page: string; note: string })[]; body: string; sites: DocumentedSite[] }

/** Whether lines `line`…`end` of `file` hold a site of the real inventory: no generated location may cover one. */
type Avoid = (file: string, line: number, end: number) => boolean;

function panicEntry(r: Rng, i: number, files: FileInfo[], total: number, realFrames: string[], avoid: Avoid): Generated {
  const file = r.pick(files);
  const [severity, phaseDefault] = r.pick(SEVERITY_PHASE);
  const msgs: Msg[] = [];
  for (let n = r.int(1, 3); n > 0; n--) {
    const m = message(r, file);
    if (!msgs.some((x) => x.template === m.template)) msgs.push(m);
  }
  const debugOnly = severity === 'Debug-only';
  const title = `${camel(file.stem).replace(/([a-z])([A-Z])/g, '$1 $2')} — ${msgs[0]!.template.replace(/\{[a-z_]+\}/g, '…').replace(/[`:]/g, '').slice(0, 60)}`;
  const id = `${file.stem.replace(/_/g, '-')}-${slug(msgs[0]!.template)}-${String(i).padStart(5, '0')}`;
  // Locations: panic sites for each message, plus a clamp or guard now and then; file+line unique on the page.
  const used = new Set<string>();
  const locations: Record<string, unknown>[] = [];
  const sites: DocumentedSite[] = [];
  const sibling = r.pick(files.filter((f) => f.module === file.module));
  for (const m of msgs) {
    for (let k = r.int(1, 3); k > 0; k--) {
      const where = r.chance(0.8) ? file : sibling;
      const line = r.int(CODE_LINES.first, CODE_LINES.last);
      const key = `${where.path}:${line}`;
      if (used.has(key) || avoid(where.path, line, line)) continue;
      used.add(key);
      const loc: Record<string, unknown> = { file: where.path, line };
      if (r.chance(0.1)) {
        const end = line + r.int(1, 4);
        if (!avoid(where.path, line, end)) loc.endLine = end;
      }
      loc.code = m.code;
      loc.role = 'panic';
      loc.release = debugOnly ? false : m.release;
      loc.message = m.template;
      if (r.chance(0.15)) loc.group = `self.${r.pick(QUANTITIES)}`;
      locations.push(loc);
      sites.push({ file: where.path, line, kind: m.kind, code: m.code, message: m.template, release: loc.release as boolean });
    }
  }
  if (r.chance(0.4)) {
    const line = r.int(CODE_LINES.first, CODE_LINES.last);
    if (!used.has(`${file.path}:${line}`) && !avoid(file.path, line, line)) {
      const q = r.pick(QUANTITIES);
      const role = r.pick(['clamp', 'guard', 'fallback'] as const);
      locations.push({ file: file.path, line, code: role === 'clamp' ? `let safe_${q} = ${q}.max(f64::EPSILON);` : role === 'guard' ? `if !${q}.is_finite() { return None; }` : `${q}_taylor_approx(x)`, role });
    }
  }
  // Call chain: the real outer frames, then one to three frames of the generated module, ending in the panic's file.
  const chain = ['market_maker::main', 'MarketMaker::start', 'EventLoop::run'];
  if (r.chance(0.3)) chain.push(r.pick(realFrames));
  const inner = r.some(files.filter((f) => f.module === file.module && f !== file).flatMap((f) => f.frames), 0, 2);
  chain.push(...inner.map((f) => f.symbol), r.pick(file.frames).symbol);
  const callChain = [...new Set(chain)];
  // Related panic paths by index into the whole knowledge base; resolved to ids once every id is known.
  const related: Generated['related'] = [];
  for (let k = r.int(0, 2); k > 0; k--) related.push({ index: r.int(0, total - 1), note: `Shares the \`${file.stem}.rs\` call path; ${r.pick(CAUSES)}.` });
  if (r.chance(0.5)) related.push({ page: r.pick(REFERENCE_PAGES), note: `See the reference for how \`${file.stem}\` is protected.` });
  const cause = r.pick(CAUSES);
  const fm = {
    id,
    title,
    phase: severity === 'Startup' ? 'startup' : phaseDefault,
    severity,
    summary: `A panic in \`${file.stem}.rs\` when ${cause}; the ${camel(file.module).toLowerCase()} layer stops the ${phaseDefault === 'startup' ? 'start' : 'event loop'}.`,
    triage: msgs.slice(0, 2).map((m) => ({
      message: m.template.replace(/, got \{value\}|: \{error\}|\{[a-z_]+\}/g, '').trim(),
      ...(m.generic ? { context: file.stem } : {}),
      rootCause: cause[0]!.toUpperCase() + cause.slice(1),
      fix: r.pick(FIXES),
    })),
    messages: msgs.map((m) => ({ template: m.template, shown: m.shown, ...(m.generic ? { generic: true } : {}) })),
    cause: `\`${msgs[0]!.code}\` in \`${file.stem}.rs\`: ${cause}.${debugOnly ? ' These checks **only fire in debug builds**.' : ''}`,
    triggers: r.some(CAUSES, 0, 3).map((c) => c[0]!.toUpperCase() + c.slice(1)),
    fix: `${r.pick(FIXES)}. ${r.pick(FIXES)}.`,
    ...(r.chance(0.05) ? { secondary: true } : {}),
    locations,
    callChain,
  };
  const body = [
    `**What it means:** the ${camel(file.module).toLowerCase()} code in \`${file.path}\` reached a state it does not handle: ${cause}.`,
    `Read the backtrace from the panic upwards and stop at the highest frame in \`src/\`; for this path it is usually \`${callChain.at(-1)}\`.`,
    ...(r.chance(0.5) ? [`**Checks:**\n\n1. ${r.pick(FIXES)}.\n2. ${r.pick(FIXES)}.\n3. Compare the value in the message with the limits in the config.`] : []),
    ...(r.chance(0.3) ? ['```rust\n' + `// ${file.path}\n${msgs[0]!.code}\n` + '```'] : []),
  ].join('\n\n');
  return { id, fm, related, body, sites };
}

const slug = (s: string) =>
  s.replace(/\{[a-z_]+\}/g, ' ').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').split('-').slice(0, 4).join('-');

export interface GenerateOptions {
  /** Panic paths in the knowledge base, the real ones included. */
  n: number;
  seed?: number;
  /** Folder to write; emptied first. Default: bench/tmp/content-<n>-<seed>. */
  out?: string;
  /** Keep the five real panic paths and the real inventory's sites (default true). */
  includeReal?: boolean;
  /** Synthetic panic sites in inventory.json, on top of the real ones (default n). */
  sites?: number;
}

export interface GenerateResult {
  dir: string;
  ids: string[];
  bytes: number;
  /** Sites of the written inventory.json, the real ones included. */
  sites: number;
  /** The commit source-check.json and inventory.json were "read at". */
  commit: string;
}

/** The real content's model and inventory: what a generated knowledge base keeps of them. */
function realContent(): { model: Model; sites: FoundSite[] } {
  const { model, errors } = loadContent(REAL_CONTENT, ROOT);
  if (errors.length) throw new Error(`the real content does not load, so nothing was generated:\n${errors.map(formatError).join('\n')}`);
  const path = join(REAL_CONTENT, INVENTORY_FILE);
  const sites = existsSync(path) ? inventoryRecordSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).sites : [];
  return { model, sites };
}

export function generateContent({ n, seed = 42, out, includeReal = true, sites: siteCount = n }: GenerateOptions): GenerateResult {
  const dir = resolve(out ?? join(ROOT, 'bench', 'tmp', `content-${n}-${seed}`));
  if (dir === resolve(REAL_CONTENT)) throw new Error('refusing to write into the real content/ folder');
  const real = realContent();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'panics'), { recursive: true });
  let bytes = 0;
  const write = (path: string, text: string) => {
    writeFileSync(path, text);
    bytes += Buffer.byteLength(text);
  };
  for (const f of DATA_FILES) {
    copyFileSync(join(REAL_CONTENT, f), join(dir, f));
  }
  const r = rng(seed);
  const files = buildFiles(r);
  const realFramesText = readFileSync(join(REAL_CONTENT, 'frames.yaml'), 'utf8');
  write(join(dir, 'frames.yaml'), framesYaml(realFramesText, files));
  const realFrames = [...realFramesText.matchAll(/symbol: "?([A-Za-z_][\w:]*[A-Za-z_])"?/g)].map((m) => m[1]!).filter((s) => s.includes('::') && !s.startsWith('tokio') && !s.includes('main'));

  const ids: string[] = [];
  if (includeReal) {
    for (const f of readdirSync(join(REAL_CONTENT, 'panics')).filter((x) => x.endsWith('.mdx')).sort()) {
      if (ids.length >= n) break;
      const text = readFileSync(join(REAL_CONTENT, 'panics', f), 'utf8');
      write(join(dir, 'panics', f), text);
      ids.push(/^id: (.+)$/m.exec(text)![1]!.trim());
    }
  }
  // The real inventory's sites stay what they are: a generated location never covers one, so that a real captured
  // panic at an undocumented site still lands on that site's card.
  const realSites = includeReal ? real.sites : [];
  const realLines = new Set(realSites.map((s) => `${s.file}:${s.line}`));
  const avoid: Avoid = (file, line, end) => {
    for (let l = line; l <= end; l++) if (realLines.has(`${file}:${l}`)) return true;
    return false;
  };
  const entries: Generated[] = [];
  for (let i = ids.length; i < n; i++) entries.push(panicEntry(r, i, files, n, realFrames, avoid));
  const all = [...ids, ...entries.map((e) => e.id)];
  for (const e of entries) {
    const related = e.related
      .map((x) => ('index' in x ? { id: all[x.index]!, note: x.note } : x))
      .filter((x, k, xs) => !('id' in x) || (x.id !== e.id && xs.findIndex((y) => 'id' in y && y.id === x.id) === k));
    write(join(dir, 'panics', `${e.id}.mdx`), `---\n${stringify({ ...e.fm, related }, { lineWidth: 0 })}---\n\n${e.body}\n`);
  }

  // The records of a checkout, read at one commit: source-check.json and inventory.json. The check's results are
  // left empty: one per path outgrows the content files' size limit from N ≈ 2,700 (at 5,000, the 473 KiB that
  // check-sources would write is refused), and the real content has no check, so its pages and these say the same.
  const commit = syntheticCommit(n, seed);
  const check: SourceCheck = sourceCheckSchema.parse({ commit, checkedAt: '2026-01-01T00:00:00.000Z', ok: true, results: {} });
  write(join(dir, SOURCE_CHECK_FILE), `${JSON.stringify(check, null, 2)}\n`);
  const realPanics = real.model.panics.filter((p) => ids.includes(p.id));
  const locationsOf = (e: Generated) => e.fm.locations as { file: string; line: number; endLine?: number }[];
  const generatedLines = new Set(entries.flatMap((e) => locationsOf(e).flatMap((l) => Array.from({ length: (l.endLine ?? l.line) - l.line + 1 }, (_, k) => `${l.file}:${l.line + k}`))));
  const realModel = { panics: realPanics, safePaths: real.model.safePaths, frameGroups: [] };
  const claimed = (file: string, line: number, code: string) =>
    generatedLines.has(`${file}:${line}`) ||
    classify(realModel, [{ file, line, column: 1, kind: 'unwrap', fn: '', message: '-', release: true, testOnly: false, code }])[0]!.status !== 'undocumented';
  const sites = syntheticSites({
    n: siteCount,
    seed,
    files: files.map((f) => ({ path: f.path, stem: f.stem, frames: f.frames })),
    documented: entries.flatMap((e) => e.sites),
    real: realSites,
    claimed,
  });
  write(join(dir, INVENTORY_FILE), syntheticInventoryJson(sites, commit));

  ids.push(...entries.map((e) => e.id));
  return { dir, ids, bytes, sites: sites.length, commit };
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { seed: { type: 'string', default: '42' }, out: { type: 'string' }, sites: { type: 'string' }, 'no-real': { type: 'boolean', default: false } },
  });
  const n = Number(positionals[0] ?? 100);
  const t0 = performance.now();
  const res = generateContent({ n, seed: Number(values.seed), out: values.out, includeReal: !values['no-real'], sites: values.sites === undefined ? undefined : Number(values.sites) });
  console.log(`generated ${res.ids.length} panic paths and ${res.sites} inventory sites (${(res.bytes / 1024).toFixed(0)} KiB) into ${res.dir} in ${(performance.now() - t0).toFixed(0)} ms`);
}
