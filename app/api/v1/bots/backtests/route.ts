import { apiRoute } from '@/lib/api/route';
import { backtest, backtestBody, backtestJson, backtestList, withBacktestInput } from '@/lib/api/bots';
import { createBacktest, listBacktests } from '@/lib/bots/backtest/backtests';

export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/v1/bots/backtests',
    summary: 'List backtests',
    description: 'The newest 50, with status, progress and, for finished ones, their metrics.',
    tags: ['Bots'],
    scope: 'bots:read',
    response: backtestList,
  },
  async ({ tx }) => ({ data: (await listBacktests(tx)).map(backtestJson) }),
);

export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/v1/bots/backtests',
    summary: 'Start a backtest',
    description:
      'From strategy parameters and a candle source: the simulated market for a period, or a file uploaded through POST /api/v1/bots/backtests/uploads. Queued and run in the background (202): poll GET /api/v1/bots/backtests/{id} for `status` and `progress`, or subscribe to the `backtest.completed` webhook. Metered in `backtest.candles`; the plan limits backtests a day (402).',
    tags: ['Bots'],
    scope: 'bots:write',
    body: backtestBody,
    response: backtest,
    status: 202,
  },
  async ({ tx, access, body, meta, headers }) => {
    const item = await withBacktestInput(body, (input) => createBacktest(tx, access.ctx, input, meta));
    headers.set('Location', `/api/v1/bots/backtests/${item.id}`);
    return backtestJson(item);
  },
);
