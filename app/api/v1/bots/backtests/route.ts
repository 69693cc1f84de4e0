import { apiRoute } from '@/lib/api/route';
import { backtest, backtestBody, backtestJson, backtestList } from '@/lib/api/bots';
import { createBacktest, listBacktests } from '@/lib/bots/backtest/backtests';

export const GET = apiRoute(
  { method: 'GET', path: '/api/v1/bots/backtests', summary: 'List backtests', description: 'The newest 50, with status and progress.', tags: ['Backtests'], scope: 'bots:read', response: backtestList },
  async ({ tx }) => ({ data: (await listBacktests(tx)).map(backtestJson) }),
);

export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/v1/bots/backtests',
    summary: 'Start a backtest',
    description: 'Queued and run in the background (202): poll GET /api/v1/bots/backtests/{id} for `progress`, or subscribe to the `backtest.completed` webhook. Metered in candles; the plan limits backtests per day.',
    tags: ['Backtests'],
    scope: 'bots:write',
    body: backtestBody,
    response: backtest,
    status: 202,
  },
  async ({ tx, access, body, meta, headers }) => {
    const item = await createBacktest(tx, access.ctx, body, meta);
    headers.set('Location', `/api/v1/bots/backtests/${item.id}`);
    return backtestJson(item);
  },
);
