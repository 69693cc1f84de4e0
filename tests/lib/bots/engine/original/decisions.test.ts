import { describe, expect, it } from 'vitest';
import { balanceMartingale, parseOriginalSettings, parseSymbolLine } from '@/lib/bots/engine/strategies/balance-martingale';
import type { MarketSnapshot } from '@/lib/bots/engine/types';
import { RULES, SLOT, decline, highVolatility, long, longFeatures, params, short, shortFeatures, snapshot } from './helpers';

// Each rule of the reference ("One run, per symbol, in this order"), hand-computed on a 10,000
// balance at price 100 with the original's defaults (leverage 10, begin 0.6 %, limit 2 %,
// threshold 0.3 %, profit 10 %, cap 50 %).

const step = (snap: MarketSnapshot, p = params()) => balanceMartingale.step(balanceMartingale.initialState(p), snap, p);
const floor3 = (value: number) => Math.floor(value * 1000 + 1e-9) / 1000;
const reasons = (result: ReturnType<typeof step>) => result.events.filter((e) => e.type === 'paused').map((e) => e.data?.reason);

describe('Balance Martingale (original): opening', () => {
  it('opens balance × 0.006 × leverage / price as a post-only limit at the bid, after cancelling everything', () => {
    const result = step(snapshot());
    expect(result.cancel).toBe('all');
    expect(result.place).toEqual([{ key: `op-${SLOT}`, side: 'buy', type: 'limit', price: 100, qty: 6, reduceOnly: false, postOnly: true, purpose: 'open' }]);
    expect(result.events.map((e) => e.type)).toEqual(['deal_opened']);
  });

  it('a short opens at the ask, above the hourly EMA', () => {
    const result = step(snapshot({ bid: 99.9, ask: 100.1, features: shortFeatures() }), params({ side: 'short' }));
    expect(result.place).toEqual([expect.objectContaining({ side: 'sell', price: 100.1, qty: floor3((10_000 * 0.006 * 10) / 100.1), postOnly: true })]);
  });

  it('uses market orders when post-only is off', () => {
    expect(step(snapshot(), params({ usePostOnly: false })).place[0]).toMatchObject({ type: 'market', price: null, postOnly: false });
  });

  it('caps the leverage at the market’s maximum', () => {
    expect(step(snapshot({ rules: { ...RULES, maxLeverage: 5 } })).place[0]!.qty).toBe(3);
  });

  it('waits for the dip: a long only below the hourly EMA100', () => {
    const result = step(snapshot({ features: longFeatures({ trendEma: 99 }) }));
    expect(result.place).toEqual([]);
    expect(reasons(result)).toEqual(['waiting_for_dip']);
  });

  it('does not open in high volatility, in a fast decline or crash, or with automatic off', () => {
    expect(reasons(step(snapshot({ features: longFeatures({ volatility: highVolatility() }) })))).toEqual(['high_volatility']);
    expect(reasons(step(snapshot({ features: longFeatures({ decline: decline('FAST_DECLINE') }) })))).toEqual(['dangerous_decline']);
    expect(reasons(step(snapshot({ features: longFeatures({ decline: decline('CRASH') }) })))).toEqual(['dangerous_decline']);
    const manual = step(snapshot(), params({ automatic: false }));
    expect(manual.place).toEqual([]);
    expect(manual.events).toEqual([]);
  });

  it('opens in a moderate decline (only fast declines and crashes block)', () => {
    expect(step(snapshot({ features: longFeatures({ decline: decline('MODERATE_DECLINE') }) })).place).toHaveLength(1);
  });
});

describe('Balance Martingale (original): take profit', () => {
  it('closes everything when uPnL ÷ margin is above 10 % (margin share 2.85 %, under the 7.5 % tier)', () => {
    // 30 at 95 with 10× holds 285 of margin; at 100 uPnL is 150: 1.5 % of balance, 52.6 % of margin.
    const result = step(snapshot({ position: long(30, 95, 285) }));
    expect(result.place).toEqual([{ key: `cl-${SLOT}`, side: 'sell', type: 'limit', price: 100, qty: 30, reduceOnly: true, postOnly: false, purpose: 'close' }]);
    expect(result.events.map((e) => e.type)).toContain('deal_closed');
  });

  it('closes 33 % when margin is above 7.5 % of balance', () => {
    const result = step(snapshot({ position: long(100, 95, 950) }));
    expect(result.place).toEqual([expect.objectContaining({ purpose: 'take_profit', qty: 33, reduceOnly: true, side: 'sell' })]);
  });

  it('never reaches the "> 10 % → close 50 %" tier: 11.4 % is above 7.5 % first', () => {
    const result = step(snapshot({ position: long(120, 95, 1140) }));
    expect(result.place[0]).toMatchObject({ purpose: 'take_profit', qty: 39.6 });
    // Reordered, the 50 % tier takes it: the tiers are configurable for that reason.
    const reordered = params({ takeProfitTiers: [{ marginShareAbove: 0.1, closeFraction: 0.5 }, { marginShareAbove: 0.075, closeFraction: 0.33 }] });
    expect(step(snapshot({ position: long(120, 95, 1140) }), reordered).place[0]).toMatchObject({ qty: 60 });
  });

  it('needs both uPnL ÷ balance above 0.3 % and margin ÷ balance at 2 % or more', () => {
    // uPnL 0.95 % of balance but margin 1.8 % of it: below the limit, so no take profit (and a
    // position in profit with a factor of 0.19 isn't added to either).
    expect(step(snapshot({ position: long(19, 95, 180.5) })).place).toEqual([]);
    expect(step(snapshot({ position: long(21.06, 95, 200.07) })).place[0]!.purpose).toBe('close');
    // uPnL 0.2 % of balance: below the threshold.
    const small = step(snapshot({ position: long(40, 99.5, 398) }));
    expect(small.place.every((o) => o.purpose !== 'take_profit' && o.purpose !== 'close')).toBe(true);
  });

  it('a position that qualifies but meets no tier and is under 10 % of margin is neither closed nor added to', () => {
    // 50 at 99.2: margin 496 (4.96 %), uPnL 40 (0.4 % of balance, 8.06 % of margin).
    const result = step(snapshot({ position: long(50, 99.2, 496) }));
    expect(result.place).toEqual([]);
  });

  it('a short takes profit buying at the bid', () => {
    const result = step(snapshot({ bid: 99.9, ask: 100.1, position: short(30, 105, 315), features: shortFeatures() }), params({ side: 'short' }));
    expect(result.place).toEqual([expect.objectContaining({ side: 'buy', price: 99.9, qty: 30, purpose: 'close', reduceOnly: true })]);
  });
});

describe('Balance Martingale (original): adding', () => {
  it('adds margin × leverage × (−uPnL %) / price whatever the filters say below margin level 2', () => {
    // 10 at 100, margin 100, mark 90.5: uPnL −95, level = 5 / (10 × 90.5 × 0.005) = 1.105.
    const snap = snapshot({ bid: 90.5, ask: 90.5, mark: 90.5, last: 90.5, position: long(10, 100, 100), features: longFeatures({ decline: decline('CRASH'), ema200: 120, volatility: highVolatility() }) });
    const result = step(snap);
    expect(result.place).toEqual([expect.objectContaining({ key: `ad-${SLOT}`, purpose: 'add', side: 'buy', price: 90.5, qty: floor3((100 * 10 * 0.95) / 90.5) })]);
    expect(result.events.map((e) => e.type)).toContain('margin_warning');
  });

  it('holds when a long is below EMA200 and the margin level is healthy', () => {
    const result = step(snapshot({ mark: 99, bid: 99, ask: 99, position: long(2, 100, 20), features: longFeatures({ ema200: 105 }) }));
    expect(result.place).toEqual([]);
    expect(reasons(result)).toEqual(['ema200_side']);
  });

  it('slow path: in a slow or moderate decline adds while notional ÷ balance < 1.5 × the limit, even when volatile', () => {
    // 2 at 100 (margin 20), mark 99: factor 0.0198 < 0.03; uPnL % = −10.
    const snap = (size: number, margin: number, cls: 'SLOW_DECLINE' | 'MODERATE_DECLINE') =>
      snapshot({ mark: 99, bid: 99, ask: 99, position: long(size, 100, margin), features: longFeatures({ decline: decline(cls), volatility: highVolatility() }) });
    expect(step(snap(2, 20, 'SLOW_DECLINE')).place[0]).toMatchObject({ purpose: 'add', qty: floor3((20 * 10 * 0.1) / 99) });
    expect(step(snap(2, 20, 'MODERATE_DECLINE')).place[0]).toMatchObject({ purpose: 'add' });
    // Factor 0.0396 is over 1.5 × the limit, and volatility closes the calm path: paused.
    const over = step(snap(4, 40, 'SLOW_DECLINE'));
    expect(over.place).toEqual([]);
    expect(reasons(over)).toEqual(['high_volatility']);
  });

  it('no adds in a fast decline or crash while the margin level is 2 or more', () => {
    const result = step(snapshot({ mark: 99, bid: 99, ask: 99, position: long(2, 100, 20), features: longFeatures({ decline: decline('FAST_DECLINE') }) }));
    expect(result.place).toEqual([]);
    expect(reasons(result)).toEqual(['dangerous_decline']);
    expect(result.events.map((e) => e.type)).toContain('decline_alert');
  });

  describe('calm path (decline filter off, so the slow path grants nothing)', () => {
    const calm = params({ filters: { declineEnabled: false } });
    it('adds while the factor is under the limit', () => {
      expect(step(snapshot({ mark: 99, bid: 99, ask: 99, position: long(2, 100, 20) }), calm).place[0]).toMatchObject({ purpose: 'add' });
    });

    it('adds on a dip: uPnL % below −5 % with the price above EMA50', () => {
      // 4 at 100 (margin 40), mark 94: uPnL −24 = −60 % of margin, factor 0.0376 ≥ 0.02.
      const snap = (ema50: number) => snapshot({ mark: 94, bid: 94, ask: 94, position: long(4, 100, 40), features: longFeatures({ ema50 }) });
      expect(step(snap(90), calm).place[0]).toMatchObject({ purpose: 'add', qty: floor3((40 * 10 * 0.6) / 94) });
      expect(step(snap(95), calm).place).toEqual([]);
    });

    it('no dip add at −5 % or above', () => {
      // 4 at 100, mark 99.6: uPnL −1.6 = −4 % of margin.
      expect(step(snapshot({ mark: 99.6, bid: 99.6, ask: 99.6, position: long(4, 100, 40) }), calm).place).toEqual([]);
    });

    it('high volatility closes the calm path', () => {
      const result = step(snapshot({ mark: 99, bid: 99, ask: 99, position: long(2, 100, 20), features: longFeatures({ volatility: highVolatility() }) }), calm);
      expect(result.place).toEqual([]);
      expect(reasons(result)).toEqual(['high_volatility']);
      expect(result.events.map((e) => e.type)).toContain('high_volatility');
    });
  });
});

describe('Balance Martingale (original): margin cap and taper', () => {
  // A deep dip (−10 % of margin) with the EMA50 side right, so the calm path adds.
  const dip = (size: number, over: Partial<MarketSnapshot> = {}) => snapshot({ mark: 99, bid: 99, ask: 99, position: long(size, 100, size * 10), ...over });

  it('adds full size below 70 % of the cap', () => {
    // Margin 3,400 = 34 % < 35 %: raw 3400 × 10 × 0.1 / 99.
    expect(step(dip(340)).place[0]).toMatchObject({ qty: floor3((3400 * 10 * 0.1) / 99) });
  });

  it('tapers linearly between 70 % of the cap and the cap', () => {
    // Margin 4,000 = 40 %: factor (0.5 − 0.4) / (0.3 × 0.5) = 2/3.
    const qty = step(dip(400)).place[0]!.qty;
    expect(qty).toBe(floor3(((4000 * 10 * 0.1) / 99) * (2 / 3)));
  });

  it('splits the cap across active pairs and skips at or above it, with a notice', () => {
    const result = step(dip(400, { activePairs: 2 }));
    expect(result.place).toEqual([]);
    expect(result.events).toContainEqual(expect.objectContaining({ type: 'max_margin_protection' }));
  });

  it('skips an order that would take the pair over the cap', () => {
    // 340 at 100, mark 70: level < 2, so it adds 3400 × 10 × 3 / 70 = 1457 — 10,200 more margin.
    const result = step(snapshot({ mark: 70, bid: 70, ask: 70, position: long(340, 100, 3400) }));
    expect(result.place).toEqual([]);
    expect(result.events).toContainEqual(expect.objectContaining({ type: 'max_margin_protection' }));
  });
});

describe('Balance Martingale (original): everything else', () => {
  it('leaves a position on the other side alone', () => {
    expect(reasons(step(snapshot({ position: short(5, 100, 50) })))).toEqual(['other_side_position']);
  });

  it('asks for the same keys when the same minute is decided twice (a retried run)', () => {
    const snap = snapshot();
    expect(step(snap).place.map((o) => o.key)).toEqual(step(snap).place.map((o) => o.key));
    expect(step(snapshot({ time: snap.time + 60_000 })).place[0]!.key).not.toBe(step(snap).place[0]!.key);
  });

  it('imports the original’s SYMBOL line and settings', () => {
    expect(parseSymbolLine('SYMBOL=BTCUSDT:Long:true,ethusdt:Short:false')).toEqual([
      { symbol: 'BTCUSDT', side: 'long', automatic: true },
      { symbol: 'ETHUSDT', side: 'short', automatic: false },
    ]);
    expect(() => parseSymbolLine('BTCUSDT:Sideways:true')).toThrow(/Long or Short/);
    const settings = parseOriginalSettings('LEVERAGE=5\nPROFIT_PNL=0.2\n# comment\nUSE_POST_ONLY=false\nAPI_KEY=secret\nEMA_INTERVAL=5');
    expect(settings).toMatchObject({ leverage: 5, profitPnl: 0.2, usePostOnly: false, unknownKeys: ['API_KEY'] });
    expect(settings.filters?.emaInterval).toBe(5);
    expect(() => parseOriginalSettings('LEVERAGE=500')).toThrow(/LEVERAGE=500/);
  });
});
