import { apiRoute } from '@/lib/api/route';
import { botParams, orderPage, listOrdersPage } from '@/lib/api/bots';
import { pageQuery } from '@/lib/api/pagination';
import { getBotOrThrow } from '@/lib/bots/bots';

export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/v1/bots/{id}/orders',
    summary: "A bot's orders",
    description: 'Newest placed first, with the client order id, purpose and fill state. Cursor-paged.',
    tags: ['Bots'],
    scope: 'bots:read',
    params: botParams,
    query: pageQuery,
    response: orderPage,
  },
  async ({ tx, params, query }) => {
    await getBotOrThrow(tx, params.id);
    return listOrdersPage(tx, params.id, query);
  },
);
