import { declineBlocksAdds } from '../filters/decline';
import { entryAllowed } from '../filters/ema-gates';
import { volatilityBlocks } from '../filters/volatility';
import { safetyPrice, safetySize, takeProfitPrice } from '../ladder';
import { pairMarginCap, taperFactor } from '../margin-cap';
import { marginLevel } from '../position-math';
import { orderQty, roundDownToStep, roundPrice } from '../precision';
import type { EngineEvent, MarketSnapshot, OpenOrder, OrderIntent, Position, StepResult, Strategy } from '../types';
import type { DcaDeal, DcaLadderParams, DcaLadderState } from './dca-ladder-params';

export { dcaLadderParamsSchema } from './dca-ladder-params';
export type { DcaDeal, DcaLadderParams, DcaLadderParamsInput, DcaLadderState } from './dca-ladder-params';

// "DCA ladder": a market base order, then a ladder of resting safety-order limits measured from
// the base order's fill, and a reduce-only take-profit limit that follows the average entry. Each
// step re-derives the orders it wants from its state and the snapshot and asks only for the
// difference, with client order keys from deal, ladder step and revision (`d3-s2`, `d3-t1`), so
// a retried run asks for the same orders and the exchange refuses the copies.
//
// Choices where 3Commas leaves room:
// - Filters: a new deal needs the EMA entry gate, calm volatility and no dangerous decline. In a
//   FAST_DECLINE or CRASH, or in high volatility, resting safety orders are cancelled and none are
//   placed; they come back (with new client ids) once the filter clears.
// - The margin cap (split over the bot's active pairs, tapered from 70 %) counts the position's
//   margin plus every resting entry order's, so capital in use never exceeds it.
// - Stop loss and trailing take profit are checked at each run against the mark and close at
//   market; exchanges' conditional orders aren't part of the exchange interface.
// - Partial take-profit steps close shares of the largest position the deal held; the last step
//   closes what is left.
// - A position found without a deal (opened by hand) is adopted: its entry becomes the ladder's.

const pct = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;
const round = (value: number) => Math.round(value * 1e8) / 1e8;

interface Run {
  snap: MarketSnapshot;
  params: DcaLadderParams;
  leverage: number;
  cap: number;
  slot: string;
  events: EngineEvent[];
  place: OrderIntent[];
  cancel: string[];
}

const dealPrefix = (n: number) => `d${n.toString(36)}-`;
const safetyKey = (deal: DcaDeal, step: number) => `${dealPrefix(deal.n)}s${step}${deal.safetyRevision ? `r${deal.safetyRevision}` : ''}`;
const takeProfitKey = (deal: DcaDeal) => `${dealPrefix(deal.n)}t${deal.takeProfitRevision}`;

type KeyKind = { deal: number; kind: 'bo' | 'so' | 'tp' | 'close'; step: number };

// Keys repeat from run to run (and from minute to minute in a backtest): parse each once.
const parsedKeys = new Map<string, KeyKind | null>();

function parseKey(key: string): KeyKind | null {
  let parsed = parsedKeys.get(key);
  if (parsed === undefined) {
    parsed = parseKeyText(key);
    if (parsedKeys.size > 10_000) parsedKeys.clear();
    parsedKeys.set(key, parsed);
  }
  return parsed;
}

function parseKeyText(key: string): KeyKind | null {
  const match = /^d([0-9a-z]+)-(bo|s(\d+)(?:r\d+)?|t\d+|sl[0-9a-z]*|tr[0-9a-z]*)$/.exec(key);
  if (!match) return null;
  const deal = parseInt(match[1]!, 36);
  const what = match[2]!;
  if (what === 'bo') return { deal, kind: 'bo', step: 0 };
  if (match[3] !== undefined) return { deal, kind: 'so', step: Number(match[3]) };
  if (what.startsWith('t') && !what.startsWith('tr')) return { deal, kind: 'tp', step: 0 };
  return { deal, kind: 'close', step: 0 };
}

const entrySide = (side: DcaLadderParams['side']) => (side === 'long' ? 'buy' : 'sell');
const exitSide = (side: DcaLadderParams['side']) => (side === 'long' ? 'sell' : 'buy');

function ownResting(snap: MarketSnapshot, deal: DcaDeal | null): { order: OpenOrder; parsed: KeyKind }[] {
  const out: { order: OpenOrder; parsed: KeyKind }[] = [];
  for (const order of snap.openOrders) {
    const parsed = parseKey(order.key);
    if (parsed && (!deal || parsed.deal === deal.n)) out.push({ order, parsed });
  }
  return out;
}

function marketClose(run: Run, deal: DcaDeal, position: Position, tag: 'sl' | 'tr', purpose: 'stop_loss' | 'take_profit'): void {
  const qty = Math.min(position.size, run.snap.rules.maxQty);
  run.place.push({ key: `${dealPrefix(deal.n)}${tag}${run.slot}`, side: exitSide(run.params.side), type: 'market', price: null, qty, reduceOnly: true, postOnly: false, purpose });
}

function cancelAll(run: Run, deal: DcaDeal | null): void {
  for (const { order } of ownResting(run.snap, deal)) run.cancel.push(order.key);
}

/** Learns from this step's fills: the base order's price and the deepest safety order filled. */
function learnFills(run: Run, deal: DcaDeal): DcaDeal {
  let next = deal;
  for (const fill of run.snap.fills) {
    const parsed = parseKey(fill.key);
    if (!parsed || parsed.deal !== deal.n) continue;
    if (parsed.kind === 'bo' && next.entry === null) next = { ...next, entry: fill.price };
    if (parsed.kind === 'so' && parsed.step > next.safetyFilled) {
      next = { ...next, safetyFilled: parsed.step };
      run.events.push({ type: 'position_added', message: `Safety order ${parsed.step} filled: ${fill.qty} at ${fill.price}.`, data: { step: parsed.step, qty: fill.qty, price: fill.price } });
    }
  }
  return next;
}

function openDeal(run: Run, state: DcaLadderState): DcaLadderState {
  const { snap, params } = run;
  const { features } = snap;
  const filters = params.filters;
  if (!params.automatic) return state;
  if (snap.time < state.cooldownUntil) {
    run.events.push({ type: 'paused', message: `Cooling down until ${new Date(state.cooldownUntil).toISOString()} before the next deal.`, data: { reason: 'cooldown', until: state.cooldownUntil } });
    return state;
  }
  if (declineBlocksAdds(features.decline?.class ?? null, filters)) {
    const message = features.decline ? `Not opening: ${features.decline.class} (score ${features.decline.score}).` : 'Not opening: the decline reading is still warming up.';
    run.events.push({ type: 'paused', message, data: { reason: features.decline ? 'dangerous_decline' : 'warming_up' } });
    return state;
  }
  if (volatilityBlocks(features.volatility, filters)) {
    const message = features.volatility ? `Not opening: high volatility (${features.volatility.trigger ?? 'unknown'}).` : 'Not opening: the volatility reading is still warming up.';
    run.events.push({ type: 'paused', message, data: { reason: features.volatility ? 'high_volatility' : 'warming_up' } });
    return state;
  }
  const price = params.side === 'long' ? snap.ask : snap.bid;
  if (!entryAllowed(params.side, price, features.trendEma, filters)) {
    const message =
      features.trendEma === null
        ? 'Not opening: the hourly trend EMA is still warming up.'
        : `Not opening: price ${price} is ${params.side === 'long' ? 'above' : 'below'} the hourly EMA ${round(features.trendEma)} (waiting for a dip).`;
    run.events.push({ type: 'paused', message, data: { reason: features.trendEma === null ? 'warming_up' : 'waiting_for_dip' } });
    return state;
  }
  const qty = orderQty(params.sizeUnit === 'quote' ? params.baseOrderSize / price : params.baseOrderSize, price, snap.rules);
  if (qty === 0) {
    run.events.push({ type: 'paused', message: "Not opening: the base order is below the market's minimum.", data: { reason: 'below_minimum' } });
    return state;
  }
  const margin = (qty * price) / run.leverage;
  if (margin > run.cap * snap.balance) {
    run.events.push({
      type: 'max_margin_protection',
      message: `Skipped the base order: its margin (${round(margin)}) is above this pair's cap of ${pct(run.cap)} of balance.`,
      data: { qty, price, cap: round(run.cap) },
    });
    return state;
  }
  const n = state.deals + 1;
  const deal: DcaDeal = { n, openedAt: snap.time, entry: null, safetyFilled: 0, takeProfitStepsDone: 0, safetyRevision: 0, takeProfitRevision: 0, breakeven: false, trailingPeak: null, peak: 0 };
  run.place.push({ key: `${dealPrefix(n)}bo`, side: entrySide(params.side), type: 'market', price: null, qty, reduceOnly: false, postOnly: false, purpose: 'open' });
  run.events.push({ type: 'deal_opened', message: `Opening deal ${n}: a ${params.side} of ${qty} at about ${price}.`, data: { deal: n, qty, price } });
  return { ...state, deals: n, deal };
}

/** How many take-profit steps the deal has done, from how much of its largest position is left. */
function stepsDone(params: DcaLadderParams, size: number, peak: number): number {
  let done = 0;
  let closed = 0;
  for (const step of params.takeProfitSteps) {
    closed += step.closeFraction;
    if (size <= peak * (1 - Math.min(closed, 1)) + peak * 1e-9) done += 1;
    else break;
  }
  return done;
}

function manage(run: Run, deal: DcaDeal, position: Position, peak: number): DcaDeal {
  const { snap, params } = run;
  const { rules, mark } = snap;
  const side = params.side;
  let next = deal;
  const entry = next.entry ?? position.entryPrice;
  if (next.entry === null) next = { ...next, entry };
  const average = position.entryPrice;

  const level = marginLevel(position, mark, rules.maintMarginRate);
  if (level < params.marginWarningLevel) {
    run.events.push({ type: 'margin_warning', message: `Margin level is ${round(level)}, below ${params.marginWarningLevel}: the position is close to liquidation.`, data: { marginLevel: round(level), threshold: params.marginWarningLevel } });
  }

  const done = params.takeProfitSteps.length ? stepsDone(params, position.size, peak) : 0;
  if (done > 0 && params.stopLossToBreakeven && !next.breakeven) next = { ...next, breakeven: true };
  next = done !== next.takeProfitStepsDone ? { ...next, takeProfitStepsDone: done } : next;

  // Stop loss first: it ends the deal whatever else would happen.
  if (params.stopLoss !== null || next.breakeven) {
    const stop = next.breakeven ? average : side === 'long' ? average * (1 - params.stopLoss!) : average * (1 + params.stopLoss!);
    if (side === 'long' ? mark <= stop : mark >= stop) {
      cancelAll(run, next);
      marketClose(run, next, position, 'sl', 'stop_loss');
      run.events.push({ type: 'stop_loss', message: `Stop loss: mark ${mark} reached ${round(stop)}${next.breakeven ? ' (breakeven)' : ''}; closing ${position.size} at market.`, data: { stop: round(stop), mark } });
      return next;
    }
  }

  // Take profit: a trailing one waits for the target, then for the fall back from the best price.
  const resting = ownResting(snap, next);
  if (params.trailingDeviation !== null && !params.takeProfitSteps.length) {
    const target = takeProfitPrice(average, params.takeProfit, side);
    const reached = side === 'long' ? mark >= target : mark <= target;
    if (reached || next.trailingPeak !== null) {
      const best = next.trailingPeak === null ? mark : side === 'long' ? Math.max(next.trailingPeak, mark) : Math.min(next.trailingPeak, mark);
      if (best !== next.trailingPeak) next = { ...next, trailingPeak: best };
      const trigger = side === 'long' ? best * (1 - params.trailingDeviation) : best * (1 + params.trailingDeviation);
      if (side === 'long' ? mark <= trigger : mark >= trigger) {
        cancelAll(run, next);
        marketClose(run, next, position, 'tr', 'take_profit');
        run.events.push({ type: 'take_profit', message: `Trailing take profit: mark ${mark} fell back ${pct(params.trailingDeviation)} from ${best}; closing at market.`, data: { best, mark } });
        return next;
      }
    }
  } else {
    next = placeTakeProfit(run, next, position, peak, done, resting);
  }
  return placeSafetyOrders(run, next, position, entry, resting);
}

function placeTakeProfit(run: Run, deal: DcaDeal, position: Position, peak: number, done: number, resting: { order: OpenOrder; parsed: KeyKind }[]): DcaDeal {
  const { snap, params } = run;
  const { rules } = snap;
  const steps = params.takeProfitSteps;
  const average = position.entryPrice;
  let profit = params.takeProfit;
  let qty = position.size;
  if (steps.length) {
    if (done >= steps.length) return deal;
    profit = steps[done]!.profit;
    const closedAfter = steps.slice(0, done + 1).reduce((sum, step) => sum + step.closeFraction, 0);
    const last = done === steps.length - 1 || closedAfter >= 1 - 1e-9;
    if (!last) qty = Math.max(roundDownToStep(position.size - peak * (1 - closedAfter), rules.lotStep), rules.lotStep);
  }
  qty = Math.min(qty, position.size, rules.maxQty);
  const price = roundPrice(takeProfitPrice(average, profit, params.side), rules, exitSide(params.side));
  const current: typeof resting = [];
  for (const r of resting) if (r.parsed.kind === 'tp') current.push(r);
  if (current.length === 1) {
    const { order } = current[0]!;
    if (order.key === takeProfitKey(deal) && order.price !== null && Math.abs(order.price - price) < rules.tickSize / 2 && Math.abs(order.qty - qty) < rules.lotStep / 2) return deal;
  }
  for (const r of current) run.cancel.push(r.order.key);
  const next = current.length || deal.takeProfitRevision > 0 || snap.fills.some((f) => parseKey(f.key)?.kind === 'tp') ? { ...deal, takeProfitRevision: deal.takeProfitRevision + 1 } : deal;
  run.place.push({ key: takeProfitKey(next), side: exitSide(params.side), type: 'limit', price, qty, reduceOnly: true, postOnly: false, purpose: 'take_profit' });
  return next;
}

function placeSafetyOrders(run: Run, deal: DcaDeal, position: Position, entry: number, resting: { order: OpenOrder; parsed: KeyKind }[]): DcaDeal {
  const { snap, params, leverage, cap } = run;
  const { rules, features, balance } = snap;
  const filters = params.filters;
  const restingSafety = resting.filter((r) => r.parsed.kind === 'so');
  const dangerous = declineBlocksAdds(features.decline?.class ?? null, filters);
  const volatile = volatilityBlocks(features.volatility, filters);
  if (deal.safetyFilled >= params.maxSafetyOrders && !restingSafety.length) return deal;
  if (dangerous || volatile) {
    if (deal.safetyFilled < params.maxSafetyOrders) {
      const why = dangerous
        ? features.decline
          ? `${features.decline.class} (score ${features.decline.score})`
          : 'the decline reading is still warming up'
        : features.volatility
          ? `high volatility (${features.volatility.trigger ?? 'unknown'})`
          : 'the volatility reading is still warming up';
      run.events.push({ type: 'paused', message: `No safety orders: ${why}.`, data: { reason: dangerous ? 'dangerous_decline' : 'high_volatility' } });
    }
    if (!restingSafety.length) return deal;
    for (const r of restingSafety) run.cancel.push(r.order.key);
    return { ...deal, safetyRevision: deal.safetyRevision + 1 };
  }

  const first = deal.safetyFilled + 1;
  const lastWanted = Math.min(params.maxSafetyOrders, deal.safetyFilled + params.activeSafetyOrders);
  const keep = new Set<string>();
  for (const r of restingSafety) if (r.parsed.step >= first && r.parsed.step <= lastWanted) keep.add(r.order.key);
  for (const r of restingSafety) if (!keep.has(r.order.key)) run.cancel.push(r.order.key);

  // Margin already committed: the position's and that of the entry orders that stay.
  let committed = position.margin;
  for (const r of restingSafety) if (keep.has(r.order.key) && r.order.price) committed += (r.order.qty * r.order.price) / leverage;
  const taper = taperFactor(position.margin / balance, cap);
  for (let step = first; step <= lastWanted; step += 1) {
    if (restingSafety.some((r) => r.parsed.step === step && keep.has(r.order.key))) continue;
    const price = roundPrice(safetyPrice(entry, step, { side: params.side, priceDeviation: params.priceDeviation, stepScale: params.safetyOrderStepScale }), rules, entrySide(params.side));
    const size = safetySize(step, params.safetyOrderSize, params.safetyOrderVolumeScale);
    const qty = orderQty((params.sizeUnit === 'quote' ? size / price : size) * taper, price, rules);
    const margin = (qty * price) / leverage;
    if (taper === 0 || qty === 0 || committed + margin > cap * balance + 1e-9) {
      run.events.push({
        type: 'max_margin_protection',
        message: `Skipped safety order ${step}: margin would be ${pct((committed + margin) / balance)} of balance, above this pair's cap of ${pct(cap)}.`,
        data: { step, qty, price, cap: round(cap) },
      });
      break;
    }
    committed += margin;
    run.place.push({ key: safetyKey(deal, step), side: entrySide(params.side), type: 'limit', price, qty, reduceOnly: false, postOnly: false, purpose: 'safety' });
    run.events.push({ type: 'safety_order_placed', message: `Safety order ${step}: ${qty} at ${price}.`, data: { step, qty, price } });
  }
  return deal;
}

function finish(run: Run, state: DcaLadderState): StepResult<DcaLadderState> {
  return { cancel: run.cancel, place: run.place, state, events: run.events };
}

const INITIAL_STATE: DcaLadderState = Object.freeze({ deals: 0, deal: null, cooldownUntil: 0 });

export const dcaLadder: Strategy<DcaLadderParams, DcaLadderState> = {
  id: 'dca_ladder',
  initialState: () => INITIAL_STATE,
  step(state, snap, params): StepResult<DcaLadderState> {
    const maxLeverage = snap.rules.maxLeverage;
    const leverage = maxLeverage > 0 ? Math.min(params.leverage, maxLeverage) : params.leverage;
    const run: Run = {
      snap,
      params,
      leverage,
      cap: pairMarginCap(params.maxMarginPct, snap.activePairs),
      slot: Math.floor(snap.time / 60_000).toString(36),
      events: [],
      place: [],
      cancel: [],
    };
    if (!(snap.balance > 0) || !(snap.bid > 0) || !(snap.ask > 0)) {
      run.events.push({ type: 'paused', message: 'Nothing to do: no balance or no price.', data: { reason: 'no_market' } });
      return finish(run, state);
    }
    const position = snap.position;
    let next = state;
    if (position && position.side !== params.side) {
      run.events.push({ type: 'paused', message: `Leaving the open ${position.side} alone: this pair trades ${params.side}.`, data: { reason: 'other_side_position' } });
      return finish(run, state);
    }
    if (position) {
      let deal = next.deal;
      if (!deal) {
        const n = next.deals + 1;
        deal = { n, openedAt: snap.time, entry: position.entryPrice, safetyFilled: 0, takeProfitStepsDone: 0, safetyRevision: 0, takeProfitRevision: 0, breakeven: false, trailingPeak: null, peak: 0 };
        next = { ...next, deals: n };
        run.events.push({ type: 'paused', message: `Adopted an open ${position.side} of ${position.size} at ${position.entryPrice} as deal ${n}.`, data: { reason: 'adopted' } });
      }
      deal = learnFills(run, deal);
      const peak = Math.max(position.size, deal.peak);
      let managed = manage(run, deal, position, peak);
      if (managed.peak !== peak) managed = { ...managed, peak };
      return finish(run, managed === state.deal && next === state ? state : { ...next, deal: managed });
    }
    if (next.deal) {
      const deal = learnFills(run, next.deal);
      const restingBase = ownResting(snap, deal).some((r) => r.parsed.kind === 'bo');
      if (deal.entry === null && restingBase) return finish(run, next);
      cancelAll(run, deal);
      if (deal.entry === null) {
        run.events.push({ type: 'paused', message: `Deal ${deal.n}'s base order did not fill; dropping the deal.`, data: { reason: 'base_order_unfilled' } });
        next = { ...next, deal: null };
      } else {
        run.events.push({ type: 'deal_closed', message: `Deal ${deal.n} is closed.`, data: { deal: deal.n } });
        next = { ...next, deal: null, cooldownUntil: snap.time + params.cooldownMinutes * 60_000 };
      }
    }
    return finish(run, openDeal(run, next));
  },
};
