import { apiRoute } from '@/lib/api/route';
import { botParams, pairList, pairsJson } from '@/lib/api/bots';
import { getBotOrThrow } from '@/lib/bots/bots';

export const GET = apiRoute(
  {
    method: 'GET',
    path: '/api/v1/bots/{id}/pairs',
    summary: "A bot's pairs",
    description: 'Each with its side, leverage and the strategy parameters it runs with. Change them with PATCH /api/v1/bots/{id} (`pairs`).',
    tags: ['Bots'],
    scope: 'bots:read',
    params: botParams,
    response: pairList,
  },
  async ({ tx, params }) => pairsJson(await getBotOrThrow(tx, params.id)),
);
