import { apiRoute } from '@/lib/api/route';
import { botParams, dealPage, listDealsPage } from '@/lib/api/bots';
import { pageQuery } from '@/lib/api/pagination';
import { getBotOrThrow } from '@/lib/bots/bots';

export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/v1/bots/{id}/deals',
    summary: "A bot's deals",
    description: 'Newest opened first: entry and average price, size, safety orders filled, realised P&L and fees. Cursor-paged.',
    tags: ['Bots'],
    scope: 'bots:read',
    params: botParams,
    query: pageQuery,
    response: dealPage,
  },
  async ({ tx, params, query }) => {
    await getBotOrThrow(tx, params.id);
    return listDealsPage(tx, params.id, query);
  },
);
