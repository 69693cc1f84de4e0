import { apiRoute } from '@/lib/api/route';
import { backtestParams, equityResponse } from '@/lib/api/bots';
import { getBacktestOrThrow } from '@/lib/api/bots-backtest';

export const GET = apiRoute(
  { method: 'GET', path: '/api/v1/bots/backtests/{id}/equity', summary: "A backtest's equity curve", description: 'At most 3,000 evenly spaced points with the drawdown at each; empty until it succeeded.', tags: ['Backtests'], scope: 'bots:read', params: backtestParams, response: equityResponse },
  async ({ tx, params }) => ({ data: ((await getBacktestOrThrow(tx, params.id)).results?.equity ?? []).map((p) => ({ time: new Date(p.time).toISOString(), equity: p.equity, drawdown: p.drawdown })) }),
);
