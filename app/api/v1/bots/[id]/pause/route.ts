import { apiRoute } from '@/lib/api/route';
import { bot, botCommand, botEtag, botJson, botParams } from '@/lib/api/bots';
import { pauseBot } from '@/lib/bots/lifecycle';

export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/v1/bots/{id}/pause',
    summary: 'Pause a bot',
    description: 'An active bot stops being scheduled; its resting orders and positions stay as they are. 409 unless active.',
    tags: ['Bots'],
    scope: 'bots:write',
    params: botParams,
    response: bot,
  },
  async ({ tx, access, params, meta, headers }) => {
    const item = await botCommand(() => pauseBot(tx, access.ctx, params.id, meta));
    headers.set('ETag', botEtag(item));
    return botJson(item);
  },
);
