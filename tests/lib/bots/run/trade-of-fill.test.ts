import { describe, expect, it } from 'vitest';
import { tradeOfFill } from '@/lib/bots/run/trade-of-fill';

const MMR = 0.005;

describe('tradeOfFill', () => {
  it('a buy from flat opens a long; another buy adds at the new average', () => {
    const opened = tradeOfFill(null, { side: 'buy', price: 100, qty: 1, fee: 0.06 }, 'long', 10, MMR);
    expect(opened.action).toBe('OPENED');
    expect(opened.after).toEqual({ side: 'long', size: 1, entryPrice: 100, margin: 10, leverage: 10 });
    const added = tradeOfFill(opened.after, { side: 'buy', price: 90, qty: 1, fee: 0.05 }, 'long', 10, MMR);
    expect(added.action).toBe('ADDED');
    expect(added.after!.entryPrice).toBe(95);
    expect(added.after!.margin).toBe(19);
    expect(added.pnl).toBeNull();
  });

  it('a partial sell reduces with the PnL of the part sold; selling the rest closes', () => {
    const position = { side: 'long' as const, size: 2, entryPrice: 95, margin: 19, leverage: 10 };
    const reducedTrade = tradeOfFill(position, { side: 'sell', price: 105, qty: 0.5, fee: 0.03 }, 'long', 10, MMR);
    expect(reducedTrade.action).toBe('REDUCED');
    expect(reducedTrade.pnl).toBeCloseTo(5, 10);
    expect(reducedTrade.pnlPct).toBeCloseTo(5 / 4.75, 10);
    expect(reducedTrade.after!.size).toBe(1.5);
    const closed = tradeOfFill(reducedTrade.after, { side: 'sell', price: 100, qty: 1.5, fee: 0.09 }, 'long', 10, MMR);
    expect(closed.action).toBe('CLOSED');
    expect(closed.pnl).toBeCloseTo(7.5, 10);
    expect(closed.after).toBeNull();
    expect(closed.positionValue).toBe(0);
  });

  it('shorts mirror longs: a sell opens, a buy below entry closes at a profit', () => {
    const opened = tradeOfFill(null, { side: 'sell', price: 100, qty: 1, fee: 0 }, 'short', 5, MMR);
    expect(opened.after).toMatchObject({ side: 'short', size: 1, margin: 20 });
    const closed = tradeOfFill(opened.after, { side: 'buy', price: 90, qty: 1, fee: 0 }, 'short', 5, MMR);
    expect(closed).toMatchObject({ action: 'CLOSED', pnl: 10 });
  });

  it('a liquidation fill is marked as one', () => {
    const position = { side: 'long' as const, size: 1, entryPrice: 100, margin: 10, leverage: 10 };
    const trade = tradeOfFill(position, { side: 'sell', price: 90.4, qty: 1, fee: 0, liquidation: true }, 'long', 10, MMR);
    expect(trade).toMatchObject({ action: 'CLOSED', liquidation: true });
    expect(trade.pnl).toBeCloseTo(-9.6, 10);
  });
});
