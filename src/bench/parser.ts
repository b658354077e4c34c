/**
 * Parser throughput: `parsePaste` on a 1 MiB paste, a long service log with a real panic fixture (backtrace and all)
 * in the middle. Median of several runs after a warm-up, in MB/s (MiB/s: 1 MiB = 1,048,576 bytes).
 *
 *   node src/bench/parser.ts [--runs 7]
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toSearchModel } from '../model/search-model.ts';
import { loadContent } from '../model/load-content.ts';
import { ADVERSARIAL } from '../test-support/adversarial.ts';
import { parsePaste } from '../panic-text/parse-paste.ts';
import { createTriage } from '../search/verdict.ts';
import { prng, ROOT } from './generate.ts';

export const MIB = 1024 * 1024;

/** A log of `bytes` characters (ASCII): INFO/WARN lines, JSON records, numbered retries, with the fixture in the middle. */
export function longPaste(bytes = MIB, fixtureName = 'kappa-zero.debug.bt1.txt'): string {
  const fixture = readFileSync(join(ROOT, 'src/fixtures/panics', fixtureName), 'utf8');
  const r = prng(1);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const mods = ['orchestrator::event_loop', 'strategy::spread_oracle', 'risk::kill_switch', 'execution::order_router', 'infra::ws_client'];
  const line = (i: number) => {
    const ts = `2025-06-0${1 + (i % 9)}T12:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}Z`;
    switch (i % 5) {
      case 0: return `${ts} INFO market_maker::${pick(mods)}: quote updated bid=${(r() * 100).toFixed(4)} ask=${(r() * 100).toFixed(4)} kappa=${r().toFixed(6)} gamma=${r().toFixed(6)}`;
      case 1: return `{"ts":"${ts}","level":"DEBUG","target":"market_maker::${pick(mods)}","fields":{"message":"l2 update","levels":${Math.floor(r() * 40)},"seq":${i}}}`;
      case 2: return `${ts} WARN market_maker::${pick(mods)}: ws reconnect attempt ${i % 7}: connection reset by peer`;
      case 3: return `  ${i % 10}: retrying order ${Math.floor(r() * 1e9)} after rate limit`;
      default: return `${ts} INFO market_maker::${pick(mods)}: fill oid=${Math.floor(r() * 1e9)} px=${(r() * 100).toFixed(2)} sz=${(r() * 10).toFixed(3)} pending_fill_outcomes=${Math.floor(r() * 5)}`;
    }
  };
  const half: string[] = [];
  let size = 0;
  for (let i = 0; size < (bytes - fixture.length) / 2; i++) {
    const l = line(i);
    half.push(l);
    size += l.length + 1;
  }
  const before = half.join('\n');
  const after = half.map((_, i) => line(i + half.length)).join('\n');
  return `${before}\n${fixture}\n${after}`.slice(0, bytes);
}

export interface ParserBenchResult {
  bytes: number; runs: number; medianMs: number; mbPerS: number; panicsFound: number;
  /** The whole search (parse, evidence, match) on the slowest adversarial 1 MiB paste. */
  worst: { name: string; ms: number };
}

/** The search of the real content on every adversarial family at 1 MiB: the slowest, best of three runs each. */
export function worstCase(): ParserBenchResult['worst'] {
  const triage = createTriage(toSearchModel(loadContent(join(ROOT, 'content'), ROOT).model).panics);
  let worst = { name: '', ms: 0 };
  for (const [name, make] of Object.entries(ADVERSARIAL)) {
    const text = make(MIB).slice(0, MIB);
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      triage(text);
      best = Math.min(best, performance.now() - t0);
    }
    if (best > worst.ms) worst = { name, ms: Math.round(best * 10) / 10 };
  }
  return worst;
}

export function benchParser(runs = 7): ParserBenchResult {
  const text = longPaste();
  const warm = parsePaste(text);
  assert.ok(warm.panics.length >= 1, 'the fixture inside the long log is found');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    parsePaste(text);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const medianMs = times[Math.floor(times.length / 2)]!;
  return { bytes: text.length, runs, medianMs: Math.round(medianMs * 10) / 10, mbPerS: Math.round((text.length / MIB / (medianMs / 1000)) * 10) / 10, panicsFound: warm.panics.length, worst: worstCase() };
}

if (import.meta.main) {
  const i = process.argv.indexOf('--runs');
  const r = benchParser(i > 0 ? Number(process.argv[i + 1]) : 7);
  console.log(`parsePaste: ${(r.bytes / MIB).toFixed(2)} MiB in ${r.medianMs} ms (median of ${r.runs}) = ${r.mbPerS} MiB/s; ${r.panicsFound} panic(s) found`);
  console.log(`worst case: the whole search on 1 MiB of "${r.worst.name}" takes ${r.worst.ms} ms (goal: under 100 ms)`);
}
