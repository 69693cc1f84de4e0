import { apiRoute } from '@/lib/api/route';
import { botParams, cursorOf, tradeJson, tradePage, pageJson, pageQuery } from '@/lib/api/bots';
import { getBotOrThrow } from '@/lib/bots/bots';
import { listTrades } from '@/lib/bots/read/trades';

export const GET = apiRoute(
  { method: 'GET', path: '/api/v1/bots/{id}/trades', summary: "A bot's trades", description: 'Newest first. Cursor-paged.', tags: ['Bots'], scope: 'bots:read', params: botParams, query: pageQuery, response: tradePage },
  async ({ tx, params, query }) => {
    await getBotOrThrow(tx, params.id);
    return pageJson(await listTrades(tx, params.id, { limit: query.limit, before: cursorOf(query) }), tradeJson);
  },
);
