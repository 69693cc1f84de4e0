import type { Tx } from '@/db/tenant';
import { getBacktest, type BacktestItem } from '@/lib/bots/backtest/backtests';
import { AppError } from '@/lib/errors/app-error';

/** A backtest of this workspace, or the API's 404. */
export async function getBacktestOrThrow(tx: Tx, id: string): Promise<BacktestItem> {
  const item = await getBacktest(tx, id);
  if (!item) throw new AppError('not_found', 'That backtest does not exist.');
  return item;
}
