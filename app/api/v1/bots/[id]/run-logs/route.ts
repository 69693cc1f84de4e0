import { apiRoute } from '@/lib/api/route';
import { botParams, runLogPage, listRunLogsPage } from '@/lib/api/bots';
import { pageQuery } from '@/lib/api/pagination';
import { getBotOrThrow } from '@/lib/bots/bots';

export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/v1/bots/{id}/run-logs',
    summary: "A bot's run log",
    description: 'Newest slot first: status, message, attempts and duration of each run. Cursor-paged.',
    tags: ['Bots'],
    scope: 'bots:read',
    params: botParams,
    query: pageQuery,
    response: runLogPage,
  },
  async ({ tx, params, query }) => {
    await getBotOrThrow(tx, params.id);
    return listRunLogsPage(tx, params.id, query);
  },
);
