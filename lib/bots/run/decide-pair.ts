import { AppError } from '@/lib/errors/app-error';
import { filterSettingsSchema } from '../engine/filters/settings';
import type { EngineEvent, Fill, MarketRules, MarketSnapshot, OpenOrder, OrderIntent, Position } from '../engine/types';
import type { Exchange, ExchangeFill, Ticker } from '../exchange/types';
import { STRATEGIES } from '../strategies';
import { orderKeyOf } from './client-order-id';
import type { RunBot, RunPair } from './load-run';
import type { PairRunState } from './pair-state';
import { strategyParamsFor } from './strategy-params';
import { warmFeatures } from './warm-features';
import { warmUpMinutes } from './warm-up';

// One pair's decision in a run: read the market, warm the filters up on recent candles, hand the
// strategy its snapshot. Only reads here; placing orders is the caller's, after it recorded them.

export type PairDecision = {
  rules: MarketRules;
  ticker: Ticker;
  cancel: 'all' | readonly string[];
  place: readonly OrderIntent[];
  strategyState: unknown;
  events: readonly EngineEvent[];
  /** Fills the strategy saw in this decision, to record as trades. */
  newFills: ExchangeFill[];
};

const MINUTE = 60_000;

export function fillKey(fill: Pick<ExchangeFill, 'clientOrderId' | 'time' | 'qty'>): string {
  return `${fill.clientOrderId}:${fill.time}:${fill.qty}`;
}

/** The pair's fills not yet recorded: at or after the cursor, minus those already seen at it. */
export async function unrecordedFills(exchange: Exchange, symbol: string, state: PairRunState): Promise<ExchangeFill[]> {
  const seen = new Set(state.recentFillKeys);
  return (await exchange.fills(symbol, state.fillCursor)).filter((fill) => !seen.has(fillKey(fill)));
}

export async function decidePair(
  exchange: Exchange,
  bot: RunBot,
  pair: RunPair,
  state: PairRunState,
  run: { now: Date; balance: number; position: Position | null; activePairs: number },
): Promise<PairDecision> {
  const [rules] = await exchange.markets([pair.symbol]);
  // The owner can fix this one (remove or rename the pair), so the run log and email say it.
  if (!rules) throw new AppError('validation_failed', `The exchange has no market ${pair.symbol}: remove the pair or pick a listed symbol.`);
  const filters = filterSettingsSchema.parse(pair.filters ?? {});
  const until = Math.floor(run.now.getTime() / MINUTE) * MINUTE;
  const minutes = warmUpMinutes(filters);
  const candles = await exchange.candles(pair.symbol, 1, { since: until - (minutes - 1) * MINUTE, until });
  const ticker = await exchange.ticker(pair.symbol);
  const resting = await exchange.openOrders(pair.symbol);
  const newFills = await unrecordedFills(exchange, pair.symbol, state);

  const ownKey = (clientOrderId: string) => orderKeyOf(bot.id, pair.id, clientOrderId);
  const fills: Fill[] = [
    ...state.unseenFills,
    ...newFills.flatMap((fill) => {
      const key = ownKey(fill.clientOrderId);
      return key ? [{ key, side: fill.side, price: fill.price, qty: fill.qty, fee: fill.fee, time: fill.time }] : [];
    }),
  ];
  const openOrders: OpenOrder[] = resting.flatMap((order) => {
    const key = ownKey(order.clientOrderId);
    return key ? [{ key, side: order.side, type: order.type, price: order.price, qty: order.qty - order.filledQty, reduceOnly: order.reduceOnly }] : [];
  });

  const snapshot: MarketSnapshot = {
    time: run.now.getTime(),
    last: ticker.last,
    bid: ticker.bid,
    ask: ticker.ask,
    mark: ticker.mark,
    balance: run.balance,
    position: run.position,
    activePairs: run.activePairs,
    features: warmFeatures(candles, filters),
    rules,
    fills,
    openOrders,
  };
  const entry = STRATEGIES[bot.strategy];
  const params = strategyParamsFor(bot.strategy, pair);
  const strategyState = state.strategy ?? entry.strategy.initialState(params as never);
  const result = entry.strategy.step(strategyState, snapshot, params as never);
  return { rules, ticker, cancel: result.cancel, place: result.place, strategyState: result.state, events: result.events, newFills };
}
