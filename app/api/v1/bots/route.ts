import { apiRoute } from '@/lib/api/route';
import { botConfigBody, botJson, botList, bot } from '@/lib/api/bots';
import { createBot, listBots } from '@/lib/bots/bots';

export const GET = apiRoute(
  { method: 'GET', path: '/api/v1/bots', summary: 'List bots', description: "The workspace's bots with their pairs, newest first.", tags: ['Bots'], scope: 'bots:read', response: botList },
  async ({ tx }) => ({ data: (await listBots(tx)).map(botJson) }),
);

export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/v1/bots',
    summary: 'Create a bot',
    description: 'Created inactive: start it with POST /api/v1/bots/{id}/start. The configuration is checked whole (422 with `details.fields` keyed by path); pairs per bot are limited by the plan.',
    tags: ['Bots'],
    scope: 'bots:write',
    body: botConfigBody,
    response: bot,
    status: 201,
  },
  async ({ tx, access, body, meta, headers }) => {
    const item = await createBot(tx, access.ctx, body, meta);
    headers.set('Location', `/api/v1/bots/${item.id}`);
    return botJson(item);
  },
);
