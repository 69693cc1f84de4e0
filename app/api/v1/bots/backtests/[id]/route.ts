import { apiRoute } from '@/lib/api/route';
import { backtest, backtestJson, backtestParams } from '@/lib/api/bots';
import { getBacktestOrThrow } from '@/lib/api/bots-backtest';

export const GET = apiRoute(
  { method: 'GET', path: '/api/v1/bots/backtests/{id}', summary: 'Get a backtest', description: 'Status, progress and, once it succeeded, its metrics and the original’s report.', tags: ['Backtests'], scope: 'bots:read', params: backtestParams, response: backtest },
  async ({ tx, params }) => backtestJson(await getBacktestOrThrow(tx, params.id)),
);
