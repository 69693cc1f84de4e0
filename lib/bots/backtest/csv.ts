import { stringify } from 'csv-stringify/sync';
import type { BacktestItem } from './backtests';

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());
// Backtest figures are floats from the simulation (nothing here is stored money): fixed decimals keep the file stable.
const fixed = (value: number, digits: number) => value.toFixed(digits);

/** A finished backtest's deals, one row each, as a spreadsheet opens them. */
export function backtestDealsCsv(backtest: BacktestItem): { filename: string; csv: string } {
  const deals = backtest.results?.deals ?? [];
  const rows = deals.map((deal) => [
    deal.n,
    deal.side,
    iso(deal.openedAt),
    iso(deal.closedAt),
    deal.closedAt === null ? '' : Math.round((deal.closedAt - deal.openedAt) / 60_000),
    deal.entryPrice,
    deal.exitPrice ?? '',
    deal.safetyOrders,
    deal.maxSize,
    fixed(deal.pnl, 8),
    fixed(deal.fees, 8),
    fixed(deal.net, 8),
    deal.liquidated ? 'yes' : 'no',
  ]);
  const csv = stringify(rows, {
    header: true,
    columns: ['deal', 'side', 'opened_at', 'closed_at', 'duration_minutes', 'entry_price', 'exit_price', 'safety_orders', 'max_size', 'pnl', 'fees', 'net', 'liquidated'],
  });
  const slug = backtest.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'backtest';
  return { filename: `${slug}-deals.csv`, csv };
}
