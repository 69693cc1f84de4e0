import { apiRoute } from '@/lib/api/route';
import { botParams, tradePage, listTradesPage } from '@/lib/api/bots';
import { pageQuery } from '@/lib/api/pagination';
import { getBotOrThrow } from '@/lib/bots/bots';

export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/v1/bots/{id}/trades',
    summary: "A bot's trades",
    description: 'Fills newest first, told as what they did to the position (OPENED, ADDED, REDUCED, CLOSED) with P&L and the balance after. Cursor-paged.',
    tags: ['Bots'],
    scope: 'bots:read',
    params: botParams,
    query: pageQuery,
    response: tradePage,
  },
  async ({ tx, params, query }) => {
    await getBotOrThrow(tx, params.id);
    return listTradesPage(tx, params.id, query);
  },
);
