import { apiRoute } from '@/lib/api/route';
import { bot, botJson, botParams, stopBody } from '@/lib/api/bots';
import { stopBot } from '@/lib/bots/lifecycle';

export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/v1/bots/{id}/stop',
    summary: 'Stop a bot',
    description: 'Cancels its open orders; with `close_positions` also closes its positions at market (in a close-out run).',
    tags: ['Bots'],
    scope: 'bots:write',
    params: botParams,
    body: stopBody,
    response: bot,
  },
  async ({ tx, access, params, body, meta }) => botJson(await stopBot(tx, access.ctx, params.id, meta, { closePositions: body.close_positions })),
);
