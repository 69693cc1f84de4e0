import { apiRoute } from '@/lib/api/route';
import { backtestParams, equityJson, equityResponse, getBacktestOrThrow } from '@/lib/api/bots';

export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/v1/bots/backtests/{id}/equity',
    summary: "A backtest's equity curve",
    description: 'At most 3,000 evenly spaced points, oldest first, with the drawdown at each (so unpaged); empty until it succeeded.',
    tags: ['Bots'],
    scope: 'bots:read',
    params: backtestParams,
    response: equityResponse,
  },
  async ({ tx, params }) => equityJson((await getBacktestOrThrow(tx, params.id)).results?.equity ?? []),
);
