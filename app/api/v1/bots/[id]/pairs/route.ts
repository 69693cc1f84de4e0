import { apiRoute } from '@/lib/api/route';
import { botJson, botParams, pairList } from '@/lib/api/bots';
import { getBotOrThrow } from '@/lib/bots/bots';

export const GET = apiRoute(
  { method: 'GET', path: '/api/v1/bots/{id}/pairs', summary: "A bot's pairs", description: 'Change them by replacing the bot (PUT /api/v1/bots/{id}).', tags: ['Bots'], scope: 'bots:read', params: botParams, response: pairList },
  async ({ tx, params }) => ({ data: botJson(await getBotOrThrow(tx, params.id)).pairs }),
);
