import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { BacktestItem } from '@/lib/bots/backtest/backtests';
import { backtestDealsCsv } from '@/lib/bots/backtest/csv';
import { minutesText, percentOf, signedUsdt } from '@/lib/bots/backtest/present';

const deal = (n: number, closedAt: number | null, net: number) => ({
  n,
  side: 'long' as const,
  openedAt: Date.UTC(2026, 0, 1, 0, n),
  closedAt,
  entryPrice: 100,
  exitPrice: closedAt === null ? null : 101.5,
  safetyOrders: 2,
  maxSize: 0.3,
  pnl: net + 0.01,
  fees: 0.01,
  net,
  liquidated: false,
});

const backtest = {
  name: 'BTC / year #1',
  results: { deals: [deal(1, Date.UTC(2026, 0, 1, 1, 31), 1.23456789), deal(2, null, -0.5)] },
} as unknown as BacktestItem;

describe('backtest deals CSV', () => {
  it('has one row per deal under a header, with UTC times, durations and fixed decimals', () => {
    const { filename, csv } = backtestDealsCsv(backtest);
    expect(filename).toBe('btc-year-1-deals.csv');
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ deal: '1', side: 'long', opened_at: '2026-01-01T00:01:00.000Z', closed_at: '2026-01-01T01:31:00.000Z', duration_minutes: '90', exit_price: '101.5', net: '1.23456789', fees: '0.01000000', liquidated: 'no' });
    expect(rows[1]).toMatchObject({ deal: '2', closed_at: '', duration_minutes: '', exit_price: '', net: '-0.50000000' });
  });

  it('is a header alone for a backtest without results', () => {
    expect(backtestDealsCsv({ name: '', results: null } as unknown as BacktestItem).csv.trim()).toBe('deal,side,opened_at,closed_at,duration_minutes,entry_price,exit_price,safety_orders,max_size,pnl,fees,net,liquidated');
  });

  it('reads figures the way the page shows them', () => {
    expect(signedUsdt(12.345)).toBe('+12.35 USDT');
    expect(signedUsdt(-3)).toBe('−3.00 USDT');
    expect(percentOf(0.1234)).toBe('+12.34%');
    expect(percentOf(null)).toBe('—');
    expect(minutesText(90)).toBe('1 h 30 min');
    expect(minutesText(3000)).toBe('2 d 2 h');
  });
});
