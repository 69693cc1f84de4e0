import { apiRoute } from '@/lib/api/route';
import { backtest, backtestJson, backtestParams, getBacktestOrThrow } from '@/lib/api/bots';

export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/v1/bots/backtests/{id}',
    summary: 'Get a backtest',
    description: 'Status (`queued`, `running`, `succeeded`, `failed`), progress 0–100 and, once it succeeded, its metrics and the original bot’s report.',
    tags: ['Bots'],
    scope: 'bots:read',
    params: backtestParams,
    response: backtest,
  },
  async ({ tx, params }) => backtestJson(await getBacktestOrThrow(tx, params.id)),
);
