import { apiRoute } from '@/lib/api/route';
import { botParams, cursorOf, orderJson, orderPage, pageJson, pageQuery } from '@/lib/api/bots';
import { getBotOrThrow } from '@/lib/bots/bots';
import { listOrders } from '@/lib/bots/read/orders';

export const GET = apiRoute(
  { method: 'GET', path: '/api/v1/bots/{id}/orders', summary: "A bot's orders", description: 'Newest first. Cursor-paged.', tags: ['Bots'], scope: 'bots:read', params: botParams, query: pageQuery, response: orderPage },
  async ({ tx, params, query }) => {
    await getBotOrThrow(tx, params.id);
    return pageJson(await listOrders(tx, params.id, { limit: query.limit, before: cursorOf(query) }), orderJson);
  },
);
