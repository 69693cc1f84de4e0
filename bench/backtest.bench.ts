/**
 * Backtest — target: one year of one-minute candles (525,600) for one pair in ≤ 0.2 s
 * (≥ 2.5 M candles/s).
 *
 * Candles come from the simulated market (BTCUSDT, 2025), generated before the clock starts: the
 * target is the engine's, not the candle source's. Runs the DCA ladder with its defaults on the
 * bot's default run interval (a decision every 5 minutes; the book sees every minute), three
 * times, and reports the best; also reports the Balance Martingale (original model) and a DCA
 * run deciding every minute, for comparison.
 * Value: seconds for the year (best of three).
 */
import { emit, log, round } from './support';

const { SimulatedMarket } = await import('@/lib/bots/exchange/simulated-market');
const { runBacktest } = await import('@/lib/bots/backtest/simulate');
const { dcaLadderParamsSchema } = await import('@/lib/bots/engine/strategies/dca-ladder');
const { balanceMartingaleParamsSchema } = await import('@/lib/bots/engine/strategies/balance-martingale');

const CANDLES = Number(process.env.BENCH_BACKTEST_CANDLES ?? 525_600);
const market = new SimulatedMarket();
const since = Date.UTC(2025, 0, 1);
const rules = market.rules('BTCUSDT')!;
let started = performance.now();
const candles = market.candles('BTCUSDT', 1, { since, until: since + CANDLES * 60_000 });
log(`generated ${candles.length} candles in ${round(performance.now() - started, 1)} ms`);

function time(run: () => unknown, times = 3): { best: number; result: unknown } {
  let best = Number.POSITIVE_INFINITY;
  let result: unknown;
  for (let i = 0; i < times; i++) {
    started = performance.now();
    result = run();
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  return { best, result };
}

const dca = dcaLadderParamsSchema.parse({ side: 'long' }) as unknown as Record<string, unknown>;
const original = balanceMartingaleParamsSchema.parse({ side: 'long' }) as unknown as Record<string, unknown>;
const main = time(() => runBacktest({ strategy: 'dca_ladder', params: dca, rules, startingBalance: 10_000 }, candles));
const everyMinute = time(() => runBacktest({ strategy: 'dca_ladder', params: dca, rules, startingBalance: 10_000, decisionEveryMinutes: 1 }, candles), 1);
const originalRun = time(() => runBacktest({ strategy: 'balance_martingale', params: original, rules, startingBalance: 10_000, model: 'original' }, candles), 1);
const metrics = (main.result as { metrics: { deals: number; netProfit: number } }).metrics;
log(`dca: ${metrics.deals} deals, net ${round(metrics.netProfit, 2)}`);

emit({
  name: 'backtest',
  value: round(main.best, 4),
  unit: 's',
  target: '≤ 0.2 s for 525,600 one-minute candles',
  candles: candles.length,
  candlesPerSecond: Math.round(candles.length / main.best),
  deals: metrics.deals,
  dcaEveryMinuteSeconds: round(everyMinute.best, 3),
  originalModelSeconds: round(originalRun.best, 3),
});
