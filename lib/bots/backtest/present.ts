import type { BacktestItem, BacktestStatus } from './backtests';

// How a backtest's figures read on its page. The results are the simulation's floats (a
// backtest stores no money), shown to fixed decimals.

export const BACKTEST_STATUS_LABELS: Record<BacktestStatus, string> = { queued: 'Queued', running: 'Running', succeeded: 'Finished', failed: 'Failed' };

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
const plain = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });

export const signedUsdt = (value: number) => `${money.format(value).replace('-', '−')} USDT`;
export const usdt = (value: number) => `${plain.format(value)} USDT`;
export const percentOf = (value: number | null) => (value === null ? '—' : pct.format(value).replace('-', '−'));
const unsignedPct = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** A share such as a win rate: never signed. */
export const shareOf = (value: number | null) => (value === null ? '—' : unsignedPct.format(value));
export const ratio = (value: number | null) => (value === null ? '—' : plain.format(value));

/** 90 → "1 h 30 min", 3000 → "2 d 2 h". */
export function minutesText(minutes: number | null): string {
  if (minutes === null) return '—';
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  if (m < 1440) return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
  return `${Math.floor(m / 1440)} d${Math.floor((m % 1440) / 60) ? ` ${Math.floor((m % 1440) / 60)} h` : ''}`;
}

/** "Simulated market, 2026-09-01 to 2026-12-01" or "candles.csv". */
export function sourceText(backtest: Pick<BacktestItem, 'source'>): string {
  return backtest.source.kind === 'simulated' ? `Simulated market, ${backtest.source.from} to ${backtest.source.to}` : `Uploaded ${backtest.source.name}`;
}

export const isRunning = (status: BacktestStatus) => status === 'queued' || status === 'running';
