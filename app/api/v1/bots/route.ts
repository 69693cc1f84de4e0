import { apiRoute } from '@/lib/api/route';
import { bot, botBody, botEtag, botJson, botList, withBotInput } from '@/lib/api/bots';
import { createBot, listBots } from '@/lib/bots/bots';

export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/v1/bots',
    summary: 'List bots',
    description: "The workspace's bots with their pairs, newest first (unpaged).",
    tags: ['Bots'],
    scope: 'bots:read',
    response: botList,
  },
  async ({ tx }) => ({ data: (await listBots(tx)).map(botJson) }),
);

export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/v1/bots',
    summary: 'Create a bot',
    description:
      'Created inactive: start it with POST /api/v1/bots/{id}/start. Types are checked first (400); the values whole (422 `validation_failed`, each problem in `details.fields` keyed by path, e.g. `pairs.0.params.takeProfit`). Pairs per bot are limited by the plan (402). Credentials are write-only.',
    tags: ['Bots'],
    scope: 'bots:write',
    body: botBody,
    response: bot,
    status: 201,
  },
  async ({ tx, access, body, meta, headers }) => {
    const item = await withBotInput(body, (input) => createBot(tx, access.ctx, input, meta));
    headers.set('ETag', botEtag(item));
    headers.set('Location', `/api/v1/bots/${item.id}`);
    return botJson(item);
  },
);
