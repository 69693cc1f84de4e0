import { apiRoute } from '@/lib/api/route';
import { botParams, cursorOf, runLogJson, runLogPage, pageJson, pageQuery } from '@/lib/api/bots';
import { getBotOrThrow } from '@/lib/bots/bots';
import { listRunLogs } from '@/lib/bots/read/run-logs';

export const GET = apiRoute(
  { method: 'GET', path: '/api/v1/bots/{id}/run-logs', summary: "A bot's run log", description: 'Newest first. Cursor-paged.', tags: ['Bots'], scope: 'bots:read', params: botParams, query: pageQuery, response: runLogPage },
  async ({ tx, params, query }) => {
    await getBotOrThrow(tx, params.id);
    return pageJson(await listRunLogs(tx, params.id, { limit: query.limit, before: cursorOf(query) }), runLogJson);
  },
);
