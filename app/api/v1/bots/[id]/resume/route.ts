import { apiRoute } from '@/lib/api/route';
import { bot, botCommand, botEtag, botJson, botParams } from '@/lib/api/bots';
import { resumeBot } from '@/lib/bots/lifecycle';

export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/v1/bots/{id}/resume',
    summary: 'Resume a bot',
    description: 'A paused bot is scheduled again, the next run due at once. 409 unless paused.',
    tags: ['Bots'],
    scope: 'bots:write',
    params: botParams,
    response: bot,
  },
  async ({ tx, access, params, meta, headers }) => {
    const item = await botCommand(() => resumeBot(tx, access.ctx, params.id, meta));
    headers.set('ETag', botEtag(item));
    return botJson(item);
  },
);
