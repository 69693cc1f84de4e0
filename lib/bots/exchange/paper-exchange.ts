import type { Candle, MarketRules } from '../engine/types';
import { PaperBook, quoteAround, type PaperAccountJson, type PaperBookOptions } from './paper-book';
import { SimulatedMarket } from './simulated-market';
import { ExchangeError, type Exchange } from './types';

// The paper exchange: a PaperBook over a price source (the deterministic simulated market unless
// told otherwise). A bot's book is stored between runs (bots.paper_account); opening it catches up
// on the minutes since the last run, so resting limits fill and positions liquidate on the price
// path they missed, as they would have on an exchange.

const MINUTE = 60_000;
/** A paused bot's book catches up on at most this much history when it resumes. */
const MAX_CATCH_UP_MINUTES = 7 * 24 * 60;

export interface PriceSource {
  rules(symbol: string): MarketRules | null;
  candles(symbol: string, intervalMinutes: number, range: { since: number; until: number }): Candle[];
  /** The price at instant t (ms): the close of the minute ending at t. */
  price(symbol: string, time: number): number;
}

const defaultMarket = new SimulatedMarket();

export type PaperExchange = Exchange & { save(): PaperAccountJson; readonly book: PaperBook };

function isAccount(state: unknown): state is PaperAccountJson {
  return typeof state === 'object' && state !== null && (state as { v?: unknown }).v === 1;
}

export const PaperExchange = {
  async open(options: { state: unknown; startingBalance: number; now: Date; market?: PriceSource } & PaperBookOptions): Promise<PaperExchange> {
    const market = options.market ?? defaultMarket;
    const until = Math.floor(options.now.getTime() / MINUTE) * MINUTE;
    const book = isAccount(options.state) ? PaperBook.restore(options.state, options) : new PaperBook(options.startingBalance, until, options);
    catchUp(book, market, until);

    const rulesOf = (symbol: string): MarketRules => {
      const rules = market.rules(symbol);
      if (!rules) throw new ExchangeError('invalid_order', `The paper exchange has no market ${symbol}.`);
      return rules;
    };
    const mark = (symbol: string) => market.price(symbol, until);

    return {
      id: 'paper',
      book,
      save: () => book.toJSON(),
      async markets(symbols) {
        return symbols.flatMap((symbol) => market.rules(symbol) ?? []);
      },
      async candles(symbol, intervalMinutes, range) {
        rulesOf(symbol);
        return market.candles(symbol, intervalMinutes, { since: range.since, until: Math.min(range.until, until) });
      },
      async ticker(symbol) {
        const last = mark(symbol);
        const { bid, ask } = quoteAround(last, rulesOf(symbol));
        return { symbol, last, bid, ask, mark: last, time: until };
      },
      async balance() {
        return book.balance(mark);
      },
      async positions() {
        return book.positionList(mark);
      },
      async setLeverage(symbol, leverage) {
        book.setLeverage(symbol, leverage, rulesOf(symbol));
      },
      async createOrder(request) {
        return book.place(request, rulesOf(request.symbol), mark(request.symbol), options.now.getTime());
      },
      async cancelOrder(symbol, clientOrderId) {
        book.cancel(symbol, clientOrderId);
      },
      async cancelAllOrders(symbol) {
        book.cancelAll(symbol);
      },
      async openOrders(symbol) {
        return book.openOrders(symbol);
      },
      async fills(symbol, since) {
        return book.fillsSince(symbol, since);
      },
    };
  },
};

/** Replays the minutes the book missed on every symbol it has a position or resting order in. */
function catchUp(book: PaperBook, market: PriceSource, until: number): void {
  const since = Math.max(book.time, until - MAX_CATCH_UP_MINUTES * MINUTE);
  if (since < until) {
    const symbols = new Set([...book.positions.keys(), ...book.orders.map((o) => o.symbol)]);
    for (const symbol of symbols) {
      const rules = market.rules(symbol);
      if (!rules) continue;
      book.useRules(rules);
      for (const candle of market.candles(symbol, 1, { since, until })) book.candle(symbol, candle);
    }
  }
  book.time = Math.max(book.time, until);
}
