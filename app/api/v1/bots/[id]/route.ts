import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { bot, botConfigBody, botJson, botParams } from '@/lib/api/bots';
import { deleteBot, getBotOrThrow, updateBot } from '@/lib/bots/bots';

export const GET = apiRoute(
  { method: 'GET', path: '/api/v1/bots/{id}', summary: 'Get a bot', tags: ['Bots'], scope: 'bots:read', params: botParams, response: bot },
  async ({ tx, params }) => botJson(await getBotOrThrow(tx, params.id)),
);

export const PUT = apiRoute(
  {
    method: 'PUT',
    path: '/api/v1/bots/{id}',
    summary: 'Replace a bot’s configuration',
    description: 'The whole configuration, as for create; a running bot uses it from its next run. Its exchange, network and strategy change only while it is stopped (409). Leave `credentials` out to keep the keys on file.',
    tags: ['Bots'],
    scope: 'bots:write',
    params: botParams,
    body: botConfigBody,
    response: bot,
  },
  async ({ tx, access, params, body, meta }) => botJson(await updateBot(tx, access.ctx, params.id, body, meta)),
);

export const DELETE = apiRoute(
  {
    method: 'DELETE',
    path: '/api/v1/bots/{id}',
    summary: 'Delete a bot',
    description: 'With its deals, orders, trades and run logs. A running live bot must be stopped first (409).',
    tags: ['Bots'],
    scope: 'bots:write',
    params: botParams,
    response: z.null(),
    status: 204,
  },
  async ({ tx, access, params, meta }) => {
    await deleteBot(tx, access.ctx, params.id, meta);
    return null;
  },
);
