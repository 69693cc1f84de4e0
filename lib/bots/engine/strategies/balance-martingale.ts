import { isDangerousDecline, declineBlocksAdds, declineIsSafe } from '../filters/decline';
import { dipSideOk, entryAllowed, manageAllowed } from '../filters/ema-gates';
import { volatilityBlocks, volatilityTriggerDetail } from '../filters/volatility';
import { fitsMarginCap, pairMarginCap, taperFactor } from '../margin-cap';
import { marginLevel, notional, unrealisedPnl } from '../position-math';
import { orderQty, roundDownToStep, roundPrice } from '../precision';
import type { EngineEvent, MarketSnapshot, OrderIntent, OrderPurpose, Position, StepResult, Strategy } from '../types';
import type { BalanceMartingaleParams, BalanceMartingaleState } from './balance-martingale-params';

export { balanceMartingaleParamsSchema, DEFAULT_TAKE_PROFIT_TIERS } from './balance-martingale-params';
export type { BalanceMartingaleParams, BalanceMartingaleParamsInput, BalanceMartingaleState } from './balance-martingale-params';
export { parseOriginalSettings, parseSymbolLine } from './balance-martingale-import';
export type { OriginalSettings, SymbolEntry } from './balance-martingale-import';

// "Balance Martingale (original)": the original bot's run, per pair, in its order (reference "One
// run"): cancel everything, read the margin level, take profit, else add, else say why not; when
// flat, open. Stateless like the original: every run re-decides from the snapshot, and order keys
// carry the decision minute so a retried run asks for the same orders.
//
// Choices where the original had no equivalent:
// - A reading still warming up (null) blocks what it gates; only the margin-level add (< 2) needs none.
// - Alerts (high_volatility, decline_alert) are emitted when they bear on the decision: with a
//   position, or when flat and allowed to open. The original alerted with a position only.
// - Leverage is the params' capped at the market's maximum.
// - An add whose raw quantity is ≤ 0 (a position in profit below the limit) becomes one lot step,
//   as the original's clamp to [lot step, max] did; the margin cap check still applies.
// - Exits are not tapered nor capped (they free margin); they are clamped to the position size.
// - A position on the other side than the pair's is left alone (paused).

const INITIAL_STATE: BalanceMartingaleState = Object.freeze({});

type Side = BalanceMartingaleParams['side'];

interface Run {
  snapshot: MarketSnapshot;
  params: BalanceMartingaleParams;
  side: Side;
  leverage: number;
  /** Entry price: the bid for a long, the ask for a short. */
  price: number;
  /** Exit price: the ask for a long, the bid for a short. */
  exitPrice: number;
  slot: string;
  events: EngineEvent[];
  place: OrderIntent[];
}

const pct = (fraction: number, digits = 2) => `${(fraction * 100).toFixed(digits)}%`;
const POWERS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];
/** Rounds numbers for event data and messages (cheaper than toFixed in a year-long backtest). */
const round = (value: number, digits = 6) => {
  const power = POWERS[digits] ?? 1e10;
  return Math.round(value * power) / power;
};

function paused(run: Run, reason: string, message: string, data: Record<string, number | string | boolean | null> = {}): void {
  run.events.push({ type: 'paused', message, data: { reason, ...data } });
}

function order(run: Run, prefix: string, purpose: OrderPurpose, qty: number, entry: boolean): OrderIntent {
  const { side, params, snapshot } = run;
  const buy = entry === (side === 'long');
  const orderSide = buy ? 'buy' : 'sell';
  const limitPrice = roundPrice(entry ? run.price : run.exitPrice, snapshot.rules, orderSide);
  return {
    key: `${prefix}-${run.slot}`,
    side: orderSide,
    type: params.usePostOnly ? 'limit' : 'market',
    price: params.usePostOnly ? limitPrice : null,
    qty,
    reduceOnly: !entry,
    postOnly: params.usePostOnly && entry,
    purpose,
  };
}

/** Sizes an entry (open or add) through the taper and the cap; places it or says why not. */
function enter(run: Run, purpose: 'open' | 'add', rawQty: number, position: Position | null): void {
  const { snapshot, params, leverage, price } = run;
  const { balance, rules } = snapshot;
  const pairMargin = position?.margin ?? 0;
  const cap = pairMarginCap(params.maxMarginPct, snapshot.activePairs);
  const share = pairMargin / balance;
  const taper = taperFactor(share, cap);
  const sized = rawQty * taper;
  const qty = orderQty(sized > 0 ? sized : rules.lotStep, price, rules);
  const label = purpose === 'open' ? 'open' : 'add to';
  if (taper === 0 || (qty > 0 && !fitsMarginCap(pairMargin, qty, price, leverage, balance, cap))) {
    const usage = (pairMargin + (qty * price) / leverage) / balance;
    run.events.push({
      type: 'max_margin_protection',
      message: `Skipped an order of ${qty} at ${price}: margin would be ${pct(usage)} of balance, above this pair's cap of ${pct(cap)}.`,
      data: { marginUsage: round(usage), cap: round(cap), qty, price, purpose },
    });
    return;
  }
  if (qty === 0) {
    paused(run, 'below_minimum', `Did not ${label} the position: the order would be below the market's minimum.`, { rawQty: round(sized, 10) });
    return;
  }
  run.place.push(order(run, purpose === 'open' ? 'op' : 'ad', purpose, qty, true));
  if (purpose === 'open') {
    run.events.push({ type: 'deal_opened', message: `Opening a ${run.side} of ${qty} at ${price}.`, data: { qty, price, taper: round(taper) } });
  } else {
    run.events.push({ type: 'position_added', message: `Adding ${qty} at ${price} to the ${run.side}.`, data: { qty, price, taper: round(taper), size: position?.size ?? 0 } });
  }
}

/** An exit quantity: rounded down to the lot step, at least one step, at most the position and the market maximum. */
function exitQty(raw: number, position: Position, rules: MarketSnapshot['rules']): number {
  const stepped = Math.max(roundDownToStep(raw, rules.lotStep), rules.lotStep);
  return Math.min(stepped, position.size, rules.maxQty);
}

function alerts(run: Run): void {
  const { features } = run.snapshot;
  const filters = run.params.filters;
  const volatility = features.volatility;
  if (filters.volatilityEnabled && volatility?.high) {
    const detail = volatilityTriggerDetail(volatility, filters);
    if (detail) {
      run.events.push({
        type: 'high_volatility',
        message: `High volatility: ${detail.metric} is ${round(detail.value, 4)}, above ${round(detail.threshold, 4)}.`,
        data: { metric: detail.metric, value: round(detail.value, 8), threshold: round(detail.threshold, 8) },
      });
    }
  }
  const decline = features.decline;
  if (filters.declineEnabled && decline && isDangerousDecline(decline.class)) {
    run.events.push({
      type: 'decline_alert',
      message: `${decline.class === 'CRASH' ? 'Crash' : 'Fast decline'} detected: score ${decline.score}/100, ${round(decline.roc5, 2)}% over 5 candles.`,
      data: { class: decline.class, score: decline.score, roc5: round(decline.roc5, 6), smoothness: round(decline.smoothness, 6) },
    });
  }
}

/** Why volatility or decline stops adds or opening: the reason code and sentence for the pause. */
function blockReason(run: Run, action: string): [string, string] {
  const { features } = run.snapshot;
  const filters = run.params.filters;
  if (declineBlocksAdds(features.decline?.class ?? null, filters)) {
    if (!features.decline) return ['warming_up', `Not ${action}: the decline reading is still warming up.`];
    return ['dangerous_decline', `Not ${action}: ${features.decline.class} (score ${features.decline.score}).`];
  }
  if (!features.volatility) return ['warming_up', `Not ${action}: the volatility reading is still warming up.`];
  return ['high_volatility', `Not ${action}: high volatility (${features.volatility.trigger ?? 'unknown'}).`];
}

function manage(run: Run, position: Position): void {
  const { snapshot, params, side, price } = run;
  const { balance, mark, rules, features } = snapshot;
  const filters = params.filters;
  const upnl = unrealisedPnl(position, mark);
  const upnlPct = position.margin > 0 ? upnl / position.margin : 0;
  const level = marginLevel(position, mark, rules.maintMarginRate);

  if (level < params.marginWarningLevel) {
    run.events.push({
      type: 'margin_warning',
      message: `Margin level is ${round(level, 3)}, below ${params.marginWarningLevel}: the position is close to liquidation.`,
      data: { marginLevel: round(level, 6), threshold: params.marginWarningLevel, upnl: round(upnl, 8) },
    });
  }
  alerts(run);

  if (!manageAllowed(side, price, features.ema200, level, filters, params.addMarginLevel)) {
    if (features.ema200 === null) paused(run, 'warming_up', 'Holding: EMA200 is still warming up.');
    else paused(run, 'ema200_side', `Holding: price ${price} is on the wrong side of EMA200 ${round(features.ema200, 8)}.`, { ema200: round(features.ema200, 8) });
    return;
  }

  const marginShare = position.margin / balance;
  const factor = notional(position, mark) / balance;

  // 3. Take profit. Like the original, a position that qualifies here is never added to this run.
  if (upnl / balance > params.profitThreshold && marginShare >= params.buyUntilLimit) {
    const tier = params.takeProfitTiers.find((candidate) => marginShare > candidate.marginShareAbove);
    if (tier) {
      const qty = exitQty(position.size * tier.closeFraction, position, rules);
      run.place.push(order(run, 'tp', 'take_profit', qty, false));
      run.events.push({
        type: 'take_profit',
        message: `Taking profit on ${pct(tier.closeFraction, 0)} of the position (${qty}): margin is ${pct(marginShare)} of balance, above ${pct(tier.marginShareAbove, 1)}.`,
        data: { qty, price: run.exitPrice, closeFraction: tier.closeFraction, marginShare: round(marginShare), upnl: round(upnl, 8) },
      });
    } else if (upnlPct > params.profitPnl) {
      const qty = exitQty(position.size, position, rules);
      run.place.push(order(run, 'cl', 'close', qty, false));
      run.events.push({
        type: 'deal_closed',
        message: `Closing the whole position (${qty}): unrealised PnL is ${pct(upnlPct)} of margin, above ${pct(params.profitPnl)}.`,
        data: { qty, price: run.exitPrice, upnlPct: round(upnlPct), upnl: round(upnl, 8) },
      });
    }
    return;
  }

  // 4. Add.
  const cls = features.decline?.class ?? null;
  const dangerous = declineBlocksAdds(cls, filters);
  const volatile = volatilityBlocks(features.volatility, filters);
  const slowPath = declineIsSafe(cls, filters) && factor < params.slowFactorMultiple * params.buyUntilLimit;
  const calmPath = !volatile && (factor < params.buyUntilLimit || (upnl < 0 && upnlPct < params.fastAddUpnlPct && dipSideOk(side, price, features.ema50, filters)));
  if (level < params.addMarginLevel || (!dangerous && (slowPath || calmPath))) {
    enter(run, 'add', (position.margin * run.leverage * -upnlPct) / price, position);
    return;
  }

  // 5. Say why not, when a filter is the reason.
  if (dangerous || volatile) {
    const [reason, message] = blockReason(run, 'adding');
    paused(run, reason, message);
  }
}

function open(run: Run): void {
  const { snapshot, params, side, price } = run;
  const { features, balance } = snapshot;
  const filters = params.filters;
  alerts(run);
  if (declineBlocksAdds(features.decline?.class ?? null, filters) || volatilityBlocks(features.volatility, filters)) {
    const [reason, message] = blockReason(run, 'opening');
    paused(run, reason, message);
    return;
  }
  if (!entryAllowed(side, price, features.trendEma, filters)) {
    if (features.trendEma === null) paused(run, 'warming_up', 'Not opening: the hourly trend EMA is still warming up.');
    else {
      const where = side === 'long' ? 'above' : 'below';
      paused(run, 'waiting_for_dip', `Not opening: price ${price} is ${where} the hourly EMA ${round(features.trendEma, 8)} (waiting for a dip).`, { trendEma: round(features.trendEma, 8) });
    }
    return;
  }
  enter(run, 'open', (balance * params.beginSizeOfBalance * run.leverage) / price, null);
}

export const balanceMartingale: Strategy<BalanceMartingaleParams, BalanceMartingaleState> = {
  id: 'balance_martingale',
  initialState: () => INITIAL_STATE,
  step(state, snapshot, params): StepResult<BalanceMartingaleState> {
    const side = params.side;
    const maxLeverage = snapshot.rules.maxLeverage;
    const run: Run = {
      snapshot,
      params,
      side,
      leverage: maxLeverage > 0 ? Math.min(params.leverage, maxLeverage) : params.leverage,
      price: side === 'long' ? snapshot.bid : snapshot.ask,
      exitPrice: side === 'long' ? snapshot.ask : snapshot.bid,
      slot: Math.floor(snapshot.time / 60_000).toString(36),
      events: [],
      place: [],
    };
    const position = snapshot.position;
    if (!(snapshot.balance > 0) || !(run.price > 0) || !(run.exitPrice > 0)) {
      paused(run, 'no_market', 'Nothing to do: no balance or no price.');
    } else if (position && position.side !== side) {
      paused(run, 'other_side_position', `Leaving the open ${position.side} alone: this pair trades ${side}.`);
    } else if (position) {
      manage(run, position);
    } else if (params.automatic) {
      open(run);
    }
    return { cancel: 'all', place: run.place, state, events: run.events };
  },
};
