import { apiRoute } from '@/lib/api/route';
import { bot, botCommand, botEtag, botJson, botParams, stopBody } from '@/lib/api/bots';
import { stopBot } from '@/lib/bots/lifecycle';

export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/v1/bots/{id}/stop',
    summary: 'Stop a bot',
    description: 'No more scheduled runs (the body is optional). With `close_positions: true` a close-out run is queued that cancels the resting orders and closes the positions at market. 409 if it is not running.',
    tags: ['Bots'],
    scope: 'bots:write',
    params: botParams,
    body: stopBody,
    response: bot,
  },
  async ({ tx, access, params, body, meta, headers }) => {
    const item = await botCommand(() => stopBot(tx, access.ctx, params.id, meta, { closePositions: body.close_positions }));
    headers.set('ETag', botEtag(item));
    return botJson(item);
  },
);
