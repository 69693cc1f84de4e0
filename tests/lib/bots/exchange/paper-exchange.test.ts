import { describe, expect, it } from 'vitest';
import type { Candle, MarketRules } from '@/lib/bots/engine/types';
import { PaperBook } from '@/lib/bots/exchange/paper-book';
import { PaperExchange, type PriceSource } from '@/lib/bots/exchange/paper-exchange';
import { isExchangeError, type OrderRequest } from '@/lib/bots/exchange/types';

// The paper exchange on a price path the test writes by hand: minute closes from `T0`.

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 5, 12, 0);
const RULES: MarketRules = { symbol: 'BTCUSDT', lotStep: 0.001, tickSize: 0.1, minQty: 0.001, maxQty: 100, minNotional: 5, maxLeverage: 100, maintMarginRate: 0.005 };

function pathMarket(closes: number[]): PriceSource {
  const candleAt = (i: number): Candle => {
    const open = i === 0 ? closes[0]! : closes[Math.min(i - 1, closes.length - 1)]!;
    const close = closes[Math.min(i, closes.length - 1)]!;
    return { time: T0 + i * MINUTE, open, high: Math.max(open, close), low: Math.min(open, close), close, volume: 1 };
  };
  return {
    rules: (symbol) => (symbol === 'BTCUSDT' ? RULES : null),
    candles: (_symbol, interval, { since, until }) => {
      const out: Candle[] = [];
      for (let t = Math.ceil((since - T0) / MINUTE); T0 + t * MINUTE + interval * MINUTE <= until; t += interval) if (t >= 0) out.push(candleAt(t));
      return out;
    },
    // The close of the minute that ended at t.
    price: (_symbol, time) => candleAt(Math.max(0, Math.floor((time - T0) / MINUTE) - 1)).close,
  };
}

const order = (over: Partial<OrderRequest>): OrderRequest => ({ symbol: 'BTCUSDT', clientOrderId: 'c1', side: 'buy', type: 'market', price: null, qty: 0.1, reduceOnly: false, postOnly: false, ...over });
const at = (minute: number) => new Date(T0 + minute * MINUTE);

describe('paper exchange', () => {
  it('fills a market order at the last close moved by the slippage, and charges the fee', async () => {
    const exchange = await PaperExchange.open({ state: null, startingBalance: 10_000, now: at(2), market: pathMarket([100, 100, 100]) });
    await exchange.setLeverage('BTCUSDT', 10);
    const placed = await exchange.createOrder(order({ qty: 1 }));
    expect(placed.status).toBe('filled');
    const [fill] = await exchange.fills('BTCUSDT', 0);
    expect(fill!.price).toBeCloseTo(100.05, 10); // 100 × (1 + 0.05 %)
    expect(fill!.fee).toBeCloseTo(100.05 * 0.0006, 10);
    const [position] = await exchange.positions();
    expect(position).toMatchObject({ side: 'long', size: 1, leverage: 10 });
    expect(position!.margin).toBeCloseTo(10.005, 10);
    const balance = await exchange.balance();
    expect(balance.wallet).toBeCloseTo(10_000 - 100.05 * 0.0006, 10);
    expect(balance.available).toBeCloseTo(balance.wallet - 10.005, 10);
  });

  it('refuses a second order with the same client order id, as real exchanges do', async () => {
    const exchange = await PaperExchange.open({ state: null, startingBalance: 10_000, now: at(2), market: pathMarket([100, 100, 100]) });
    await exchange.createOrder(order({ clientOrderId: 'same', type: 'limit', price: 90 }));
    await exchange.cancelOrder('BTCUSDT', 'same');
    const again = exchange.createOrder(order({ clientOrderId: 'same', type: 'limit', price: 90 }));
    await expect(again).rejects.toSatisfy((error) => isExchangeError(error, 'duplicate_client_order_id'));
  });

  it('remembers client order ids across runs through the stored book', async () => {
    const market = pathMarket([100, 100, 100, 100]);
    const first = await PaperExchange.open({ state: null, startingBalance: 10_000, now: at(2), market });
    await first.createOrder(order({ clientOrderId: 'x' }));
    const stored = JSON.parse(JSON.stringify(first.save()));
    const second = await PaperExchange.open({ state: stored, startingBalance: 10_000, now: at(3), market });
    await expect(second.createOrder(order({ clientOrderId: 'x' }))).rejects.toSatisfy((error) => isExchangeError(error, 'duplicate_client_order_id'));
    expect((await second.positions())[0]!.size).toBe(0.1);
  });

  it('rests a limit order and fills it at its price when a later candle reaches it', async () => {
    const market = pathMarket([100, 100, 99, 98, 99]);
    const first = await PaperExchange.open({ state: null, startingBalance: 10_000, now: at(2), market });
    await first.createOrder(order({ type: 'limit', price: 98.5, qty: 1 }));
    expect(await first.openOrders('BTCUSDT')).toHaveLength(1);
    const later = await PaperExchange.open({ state: first.save(), startingBalance: 10_000, now: at(5), market });
    expect(await later.openOrders('BTCUSDT')).toEqual([]);
    const [fill] = await later.fills('BTCUSDT', 0);
    expect(fill).toMatchObject({ price: 98.5, qty: 1, time: T0 + 3 * MINUTE, liquidation: false });
  });

  it('fills a marketable limit at once, and rejects it when post-only', async () => {
    const exchange = await PaperExchange.open({ state: null, startingBalance: 10_000, now: at(2), market: pathMarket([100, 100, 100]) });
    await expect(exchange.createOrder(order({ type: 'limit', price: 101, postOnly: true }))).rejects.toSatisfy((error) => isExchangeError(error, 'post_only_rejected'));
    expect((await exchange.createOrder(order({ clientOrderId: 'c2', type: 'limit', price: 101 }))).status).toBe('filled');
  });

  it('closes with a reduce-only order, realising the PnL, and never flips with one', async () => {
    const book = new PaperBook(1000, T0, { feeRate: 0, slippage: 0 });
    book.setLeverage('BTCUSDT', 5, RULES);
    book.place(order({ qty: 1 }), RULES, 100, T0);
    expect(() => book.place(order({ clientOrderId: 'r0', reduceOnly: true }), RULES, 100, T0)).toThrow(/reduce-only/);
    book.place(order({ clientOrderId: 'r1', side: 'sell', qty: 2, reduceOnly: true }), RULES, 110, T0);
    expect(book.positions.size).toBe(0);
    expect(book.wallet).toBeCloseTo(1010, 10);
    expect(book.fills.at(-1)!.qty).toBe(1);
  });

  it('reduces then flips with a plain order against the position (one-way mode)', () => {
    const book = new PaperBook(1000, T0, { feeRate: 0, slippage: 0 });
    book.place(order({ qty: 1 }), RULES, 100, T0);
    book.place(order({ clientOrderId: 'f', side: 'sell', qty: 1.5 }), RULES, 100, T0);
    expect(book.positions.get('BTCUSDT')).toMatchObject({ side: 'short', size: 0.5 });
  });

  it('refuses what the balance can’t margin, and orders off the lot step or tick', () => {
    const book = new PaperBook(100, T0);
    expect(() => book.place(order({ qty: 2 }), RULES, 100, T0)).toThrow(expect.objectContaining({ code: 'insufficient_balance' }));
    expect(() => book.place(order({ clientOrderId: 'l', qty: 0.0005 }), RULES, 100, T0)).toThrow(expect.objectContaining({ code: 'invalid_order' }));
    expect(() => book.place(order({ clientOrderId: 't', type: 'limit', price: 99.95 }), RULES, 100, T0)).toThrow(expect.objectContaining({ code: 'invalid_order' }));
    expect(() => book.place(order({ clientOrderId: 'n', qty: 0.01 }), RULES, 100, T0)).toThrow(/minimum/);
    // A resting entry order holds margin, so two can't spend the same balance.
    book.place(order({ clientOrderId: 'a', type: 'limit', price: 90, qty: 1 }), RULES, 100, T0);
    expect(() => book.place(order({ clientOrderId: 'b', type: 'limit', price: 90, qty: 0.2 }), RULES, 100, T0)).toThrow(expect.objectContaining({ code: 'insufficient_balance' }));
  });

  it('liquidates an isolated position when a candle reaches its liquidation price, losing its margin', async () => {
    // 1 BTC at 100 with 10× holds 10 of margin; liquidation at (100 − 10) / (1 − 0.005) = 90.45…
    const market = pathMarket([100, 100, 95, 90, 92]);
    const first = await PaperExchange.open({ state: null, startingBalance: 1000, now: at(2), market, feeRate: 0, slippage: 0 });
    await first.setLeverage('BTCUSDT', 10);
    await first.createOrder(order({ qty: 1 }));
    await first.createOrder(order({ clientOrderId: 'tp', side: 'sell', type: 'limit', price: 110, qty: 1, reduceOnly: true }));
    expect((await first.positions())[0]!.liquidationPrice).toBeCloseTo(90 / 0.995, 8);
    const later = await PaperExchange.open({ state: first.save(), startingBalance: 1000, now: at(5), market, feeRate: 0, slippage: 0 });
    expect(await later.positions()).toEqual([]);
    expect(await later.openOrders('BTCUSDT')).toEqual([]);
    expect((await later.balance()).wallet).toBeCloseTo(990, 10);
    expect((await later.fills('BTCUSDT', 0)).at(-1)).toMatchObject({ liquidation: true, side: 'sell', qty: 1 });
  });

  it('serves candles only up to now, and says so for unknown markets', async () => {
    const exchange = await PaperExchange.open({ state: null, startingBalance: 1000, now: at(3), market: pathMarket([1, 2, 3, 4, 5, 6]) });
    const candles = await exchange.candles('BTCUSDT', 1, { since: T0, until: T0 + 60 * MINUTE });
    expect(candles.map((c) => c.close)).toEqual([1, 2, 3]);
    expect((await exchange.ticker('BTCUSDT')).last).toBe(3);
    expect(await exchange.markets(['BTCUSDT', 'NOPE'])).toEqual([RULES]);
    await expect(exchange.ticker('NOPE')).rejects.toSatisfy((error) => isExchangeError(error, 'invalid_order'));
  });

  it('stores amounts as decimal strings', async () => {
    const exchange = await PaperExchange.open({ state: null, startingBalance: 10_000, now: at(2), market: pathMarket([100, 100, 100]) });
    await exchange.createOrder(order({}));
    const saved = exchange.save();
    expect(typeof saved.wallet).toBe('string');
    expect(typeof saved.positions.BTCUSDT!.size).toBe('string');
    expect(typeof saved.fills[0]!.price).toBe('string');
  });
});
