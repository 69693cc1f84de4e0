// The exchanges a bot can trade on, apart from bot-input (whose credentials schema pulls in
// node:crypto) so client components can name them.

export const EXCHANGES = ['paper', 'bybit', 'phemex', 'binance'] as const;
export type ExchangeId = (typeof EXCHANGES)[number];

export const EXCHANGE_LABELS: Record<ExchangeId, string> = {
  paper: 'Paper (simulated)',
  bybit: 'Bybit USDT perpetuals',
  phemex: 'Phemex USDT perpetuals',
  binance: 'Binance USDT-M futures',
};
