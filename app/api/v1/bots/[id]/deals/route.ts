import { apiRoute } from '@/lib/api/route';
import { botParams, cursorOf, dealJson, dealPage, pageJson, pageQuery } from '@/lib/api/bots';
import { getBotOrThrow } from '@/lib/bots/bots';
import { listDeals } from '@/lib/bots/read/deals';

export const GET = apiRoute(
  { method: 'GET', path: '/api/v1/bots/{id}/deals', summary: "A bot's deals", description: 'Newest first. Cursor-paged.', tags: ['Bots'], scope: 'bots:read', params: botParams, query: pageQuery, response: dealPage },
  async ({ tx, params, query }) => {
    await getBotOrThrow(tx, params.id);
    return pageJson(await listDeals(tx, params.id, { limit: query.limit, before: cursorOf(query) }), dealJson);
  },
);
