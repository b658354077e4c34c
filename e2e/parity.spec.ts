// Content parity: every fact of the reference is in the built site. A fact dropped from content fails here.
import { expect, test } from '@playwright/test';
import type { Model } from '../src/model/model.ts';
import { modelOf, triageRows } from './built-model.ts';
import { htmlOf, mainText } from './built-site.ts';
import { SIX } from './tags.ts';

const P = {
  home: '',
  config: 'panics/config-validation/',
  glft: 'panics/glft-kappa-gamma/',
  signal: 'panics/signal-handler-registration/',
  kill: 'panics/kill-switch-mutex-poisoning/',
  fill: 'panics/pending-fill-queue/',
  safe: 'safe-by-design/',
  frames: 'frames/',
  checklist: 'checklist/',
  numeric: 'numerical-stability/',
} as const;

const FACTS: [page: keyof typeof P, text: string][] = [
  // Quick triage: all six rows, with root cause, severity and fix.
  ['home', 'config validation failed Invalid TOML config or env vars Startup Check config values, run with --dry-run'],
  [
    'home',
    'kappa must be > 0 Zero/negative kappa fed to GLFT Debug-only Check estimator output; release builds clamp to EPSILON',
  ],
  [
    'home',
    'gamma must be > 0 Zero/negative gamma Debug-only Check risk aversion config; release builds clamp to EPSILON',
  ],
  ['home', 'Failed to register SIGTERM handler OS signal setup failure Startup Check platform signal support'],
  [
    'home',
    'called unwrap() on a poisoned Mutex Prior panic poisoned a lock in kill_switch Critical Find the original panic that poisoned the mutex',
  ],
  [
    'home',
    'called unwrap() on None (pending_fill_outcomes) Fill queue drained unexpectedly Runtime Check fill deduplication logic',
  ],
  ['home', 'RUST_BACKTRACE=1'],
  // Config validation.
  ['config', 'market_maker.rs:2056'],
  ['config', 'src/bin/market_maker.rs'],
  ['config', "thread 'main' panicked at 'config validation failed: Invalid MarketMakerConfig: ...'"],
  ['config', 'mm_config.validate().expect(...) — the loaded config fails validation.'],
  ['config', 'kappa or gamma set to 0.0 in TOML'],
  ['config', 'Missing required fields after a config schema change'],
  ['config', 'Invalid spread profile values'],
  ['config', 'max_inventory <= 0'],
  [
    'config',
    'Check your TOML config against the schema. The error message after the colon tells you exactly which field failed.',
  ],
  // Signal handler.
  ['signal', 'event_loop.rs:858'],
  ['signal', "thread 'main' panicked at 'Failed to register SIGTERM handler'"],
  ['signal', 'signal(SignalKind::terminate()).expect(...) — OS refused signal registration.'],
  ['signal', 'Unusual — only happens on non-standard runtimes or inside containers with restricted signal masks.'],
  // GLFT.
  ['glft', 'spread_oracle.rs:43'],
  ['glft', 'spread_oracle.rs:44'],
  ['glft', 'spread_oracle.rs:88'],
  ['glft', 'spread_oracle.rs:46'],
  ['glft', 'spread_oracle.rs:47'],
  ['glft', 'let safe_kappa = kappa.max(f64::EPSILON);'],
  ['glft', 'let safe_gamma = gamma.max(f64::EPSILON);'],
  ['glft', "thread 'main' panicked at 'assertion failed: kappa must be > 0, got 0'"],
  ['glft', 'these are debug_assert! — they only fire in debug builds'],
  ['glft', 'Check the kappa estimator — is it producing zeros?'],
  ['glft', 'Check regime detection — is a regime transition resetting kappa?'],
  ['glft', 'Check config — is kappa explicitly set to 0.0?'],
  ['glft', 'market_maker::main'],
  ['glft', 'MarketMaker::start'],
  ['glft', 'EventLoop::run [event_loop.rs:823]'],
  ['glft', 'EventLoop::handle_observation [event_loop.rs:934]'],
  ['glft', 'QuoteEngine::update_quotes [quote_engine.rs:30]'],
  ['glft', 'spread_for_kappa [spread_oracle.rs:36] ← PANIC'],
  // Kill switch: the 19 lines, grouped by mutex.
  ['kill', 'self.config — lines 492, 553, 633, 732, 744'],
  ['kill', 'self.state — lines 561, 608, 625, 695, 701, 707, 715, 721, 727'],
  ['kill', 'self.trigger_reasons — lines 529, 543, 763'],
  ['kill', 'self.last_fill_time — lines 644, 669'],
  ['kill', 'src/market_maker/risk/kill_switch.rs'],
  ['kill', "thread 'main' panicked at 'called `Result::unwrap()` on an `Err` value: PoisonError(...)'"],
  [
    'kill',
    'The kill switch uses Mutex<T> for state, config, trigger reasons, and last fill time. All access uses .lock().unwrap()',
  ],
  ['kill', 'This is a secondary panic'],
  ['kill', 'Look for an earlier panic in the logs'],
  // Pending fill.
  ['fill', 'handlers.rs:242'],
  ['fill', 'let pending = self.infra.pending_fill_outcomes.pop_front().unwrap();'],
  ['fill', 'The code expected a pending fill outcome but the queue was empty.'],
  ['fill', 'A fill confirmation arrived but was already consumed (double-delivery or deduplication race).'],
  // Safe by design: nine rows.
  ['safe', 'Price parsing handlers.rs (throughout)'],
  ['safe', '.parse::<f64>().unwrap_or(0.0) — defaults on bad data'],
  ['safe', 'Division by mid price quote_engine.rs:276-279'],
  ['safe', 'Guarded by if mid > 0.0 && prev_mid > 0.0'],
  ['safe', 'Division by max position quote_engine.rs:75-76'],
  ['safe', 'Guarded by if effective_max_position > 0.0'],
  ['safe', 'Drawdown calculation quote_engine.rs:904-908'],
  ['safe', 'Guarded by if peak_pnl > 0.0'],
  ['safe', 'GLFT logarithm spread_oracle.rs:52'],
  ['safe', 'Taylor fallback when ratio ≤ 1e-12'],
  ['safe', 'GLFT exponent overflow spread_oracle.rs:104'],
  ['safe', 'Returns gamma * exp(-exponent) when > 700'],
  ['safe', 'GLFT denominator underflow spread_oracle.rs:112'],
  ['safe', 'Taylor fallback when denom < 1e-15'],
  ['safe', 'Kappa inversion — spread ≤ fee spread_oracle.rs:95-98'],
  ['safe', 'Returns f64::INFINITY'],
  ['safe', 'Event loop observation errors event_loop.rs:934-936'],
  ['safe', 'Caught and logged, loop continues'],
  // Frames: every group and frame.
  ['frames', 'Tokio async runtime'],
  ['frames', 'Bottom of stack — ignore these'],
  ['frames', 'tokio::runtime::scheduler::multi_thread::worker::*'],
  ['frames', 'tokio::runtime::task::harness::*'],
  ['frames', 'Entry point'],
  ['frames', 'market_maker::main market_maker.rs'],
  ['frames', 'Event loop'],
  ['frames', 'MarketMaker::start event_loop.rs'],
  ['frames', 'EventLoop::run event_loop.rs:823'],
  ['frames', 'EventLoop::handle_observation event_loop.rs:934'],
  ['frames', 'Quote generation'],
  ['frames', 'QuoteEngine::update_quotes quote_engine.rs:30'],
  ['frames', 'Strategy / spread math'],
  ['frames', 'spread_for_kappa spread_oracle.rs:36'],
  ['frames', 'kappa_for_spread spread_oracle.rs:87'],
  ['frames', 'kappa_for_spread_with_vol spread_oracle.rs:130+'],
  ['frames', 'Risk'],
  ['frames', 'KillSwitch::check'],
  ['frames', 'KillSwitch::evaluate'],
  ['frames', 'KillSwitch::trigger'],
  ['frames', 'CircuitBreaker::assess circuit_breaker.rs'],
  ['frames', 'PositionGuard::check_order position_guard.rs'],
  ['frames', 'Handlers'],
  ['frames', 'EventLoop::handle_fill handlers.rs'],
  ['frames', 'EventLoop::handle_l2_update handlers.rs'],
  ['frames', 'EventLoop::handle_trade handlers.rs'],
  // Checklist: seven steps and both reproduce commands.
  ['checklist', "Read the panic message first — It's above the backtrace and usually tells you exactly what failed."],
  ['checklist', 'Find the highest frame in src/ — Skip std::, tokio::, core:: frames.'],
  ['checklist', "Check if it's debug-only — debug_assert! won't fire in --release builds."],
  ['checklist', 'Check for mutex poisoning — If you see PoisonError, find the original panic.'],
  ['checklist', 'Check the config — Most startup panics are config validation failures.'],
  ['checklist', 'Run with RUST_BACKTRACE=full — Shows inlined frames that =1 hides.'],
  ['checklist', 'Check the logs before the panic — warn! / error! messages often precede the crash.'],
  ['checklist', 'RUST_BACKTRACE=1 cargo run --bin market_maker -- paper'],
  ['checklist', 'RUST_BACKTRACE=1 cargo run --release --bin market_maker -- paper'],
  ['checklist', 'Assertions enabled, slower.'],
  ['checklist', 'Assertions disabled, production behavior.'],
  // Numerical stability: five layers with their lines.
  ['numeric', '5 layers of protection'],
  ['numeric', 'Layer 1: Config validation at startup'],
  ['numeric', 'market_maker.rs:2056'],
  ['numeric', 'Layer 2: debug_assert! in debug builds'],
  ['numeric', 'spread_oracle.rs:43-44'],
  ['numeric', 'Layer 3: Epsilon clamping in all builds'],
  ['numeric', 'spread_oracle.rs:46-47'],
  ['numeric', 'Layer 4: Taylor expansion fallbacks'],
  ['numeric', 'spread_oracle.rs:54-56'],
  ['numeric', 'spread_oracle.rs:114-115'],
  ['numeric', 'Layer 5: Overflow/underflow guards'],
  ['numeric', 'spread_oracle.rs:104-108'],
  ['numeric', 'spread_oracle.rs:112-116'],
  [
    'numeric',
    'If the formula still produces bad values, the quote engine has additional guards before placing orders.',
  ],
];

// The reference's own counts are minimums (content may grow); the built pages hold exactly what the model holds.
const TABLE_ROWS: [page: keyof typeof P, selector: string, reference: number, inModel: (m: Model) => number][] = [
  ['home', 'table.triage tbody tr', 6, (m) => triageRows(m).length],
  ['safe', 'main tbody tr', 9, (m) => m.safePaths.length],
  ['checklist', 'main ol > li', 7, (m) => m.checklist.length],
  ['numeric', 'main h2[id^="layer-"]', 5, (m) => m.layers.length],
  ['frames', 'main section h2', 7, (m) => m.frameGroups.length],
];

test.describe('every fact of the reference is in the built HTML', () => {
  for (const [page, text] of FACTS) {
    test(`${P[page] || '/'} has "${text.slice(0, 60)}"`, ({}, info) => {
      // The facts in the list are the reference's own words; the page text must contain each one whole.
      expect(mainText(htmlOf(info, P[page])).replace(/`/g, '')).toContain(text.replace(/`/g, ''));
    });
  }
  for (const [page, selector, reference, inModel] of TABLE_ROWS) {
    test(
      `${P[page] || '/'} has at least ${reference} × ${selector}, one per entry of the model`,
      { tag: SIX },
      async ({ page: browser }, info) => {
        const count = inModel(modelOf(info));
        expect(count).toBeGreaterThanOrEqual(reference);
        await browser.goto(P[page]);
        await expect(browser.locator(selector)).toHaveCount(count);
      },
    );
  }
});

const LAYER_LINES: [layer: number, lines: string[]][] = [
  [1, ['market_maker.rs:2056']],
  [2, ['spread_oracle.rs:43-44']],
  [3, ['spread_oracle.rs:46-47']],
  [4, ['spread_oracle.rs:54-56', 'spread_oracle.rs:114-115']],
  [5, ['spread_oracle.rs:104-108', 'spread_oracle.rs:112-116']],
];

test('each layer of numerical protection shows its own lines', async ({ page }) => {
  await page.goto(P.numeric);
  for (const [layer, lines] of LAYER_LINES) {
    const section = page.locator(`section[aria-labelledby="layer-${layer}"]`);
    await expect(section.locator('tbody tr')).toHaveCount(lines.length);
    for (const line of lines) await expect(section).toContainText(line);
  }
});
