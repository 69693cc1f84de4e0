// Bots name markets the way the exchanges' own APIs do (`BTCUSDT`); ccxt names its unified markets
// `BASE/QUOTE:SETTLE`. Tessera trades only USDT-margined perpetuals, so the two map one to one.

export const SETTLE_CURRENCY = 'USDT';

const PLAIN = /^([A-Z0-9]+)USDT$/;
const UNIFIED = /^([A-Z0-9]+)\/USDT:USDT$/;

/** `BTCUSDT` → `BTC/USDT:USDT`; null for anything that isn't a USDT perpetual's plain symbol. */
export function toCcxtSymbol(symbol: string): string | null {
  const match = PLAIN.exec(symbol.trim().toUpperCase());
  return match ? `${match[1]}/${SETTLE_CURRENCY}:${SETTLE_CURRENCY}` : null;
}

/** `BTC/USDT:USDT` → `BTCUSDT`; null for spot, inverse, dated futures and other settlements. */
export function fromCcxtSymbol(symbol: string): string | null {
  const match = UNIFIED.exec(symbol);
  return match ? `${match[1]}${SETTLE_CURRENCY}` : null;
}

/** The subset of a ccxt market the mapping needs. */
export interface MarketNames {
  id?: string;
  symbol: string;
  swap?: boolean;
  linear?: boolean;
  settle?: string;
}

export function isUsdtPerpetual(market: MarketNames): boolean {
  return market.swap === true && market.linear === true && market.settle === SETTLE_CURRENCY;
}

/**
 * The plain symbol of a USDT perpetual: its exchange id when that already has the plain shape
 * (it does on Bybit, Binance and Phemex, even where ccxt renames the base, e.g. `1000PEPE`),
 * else derived from the unified symbol.
 */
export function plainSymbolOf(market: MarketNames): string | null {
  if (!isUsdtPerpetual(market)) return null;
  if (market.id && PLAIN.test(market.id)) return market.id;
  return fromCcxtSymbol(market.symbol);
}
