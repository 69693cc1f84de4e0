import { apiRoute } from '@/lib/api/route';
import { bot, botCommand, botEtag, botJson, botParams } from '@/lib/api/bots';
import { startBot } from '@/lib/bots/lifecycle';

export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/v1/bots/{id}/start',
    summary: 'Start a bot',
    description: 'From inactive or error. Counts against the plan’s running paper or live bots (402 `plan_required` at the limit); live bots need a plan with live trading. The first run is due at once. 409 if it is already running.',
    tags: ['Bots'],
    scope: 'bots:write',
    params: botParams,
    response: bot,
  },
  async ({ tx, access, params, meta, headers }) => {
    const item = await botCommand(() => startBot(tx, access.ctx, params.id, meta));
    headers.set('ETag', botEtag(item));
    return botJson(item);
  },
);
