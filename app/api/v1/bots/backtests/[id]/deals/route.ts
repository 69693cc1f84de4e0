import { apiRoute } from '@/lib/api/route';
import { backtestDealPage, backtestDealsPage, backtestParams, getBacktestOrThrow } from '@/lib/api/bots';
import { pageQuery } from '@/lib/api/pagination';

export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/v1/bots/backtests/{id}/deals',
    summary: "A backtest's deals",
    description: 'In the order they opened, with entry, exit, safety orders, fees and net; empty until it succeeded. Cursor-paged.',
    tags: ['Bots'],
    scope: 'bots:read',
    params: backtestParams,
    query: pageQuery,
    response: backtestDealPage,
  },
  async ({ tx, params, query }) => backtestDealsPage(await getBacktestOrThrow(tx, params.id), query),
);
