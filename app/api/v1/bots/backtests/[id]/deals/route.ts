import { apiRoute } from '@/lib/api/route';
import { backtestDealsResponse, backtestParams } from '@/lib/api/bots';
import { getBacktestOrThrow } from '@/lib/api/bots-backtest';

export const GET = apiRoute(
  { method: 'GET', path: '/api/v1/bots/backtests/{id}/deals', summary: "A backtest's deals", description: 'Every deal in order, with entry, exit, safety orders, fees and net; empty until it succeeded.', tags: ['Backtests'], scope: 'bots:read', params: backtestParams, response: backtestDealsResponse },
  async ({ tx, params }) => ({
    data: ((await getBacktestOrThrow(tx, params.id)).results?.deals ?? []).map((d) => ({
      n: d.n,
      side: d.side,
      opened_at: new Date(d.openedAt).toISOString(),
      closed_at: d.closedAt === null ? null : new Date(d.closedAt).toISOString(),
      entry_price: d.entryPrice,
      exit_price: d.exitPrice,
      safety_orders: d.safetyOrders,
      max_size: d.maxSize,
      pnl: d.pnl,
      fees: d.fees,
      net: d.net,
      liquidated: d.liquidated,
    })),
  }),
);
