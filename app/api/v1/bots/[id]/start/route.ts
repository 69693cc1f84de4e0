import { apiRoute } from '@/lib/api/route';
import { bot, botJson, botParams } from '@/lib/api/bots';
import { startBot } from '@/lib/bots/lifecycle';

export const POST = apiRoute(
  { method: 'POST', path: '/api/v1/bots/{id}/start', summary: 'Start a bot', description: 'Counts against the plan’s paper or live bots; the first run is due at once. Live bots need a plan with live trading (402).', tags: ['Bots'], scope: 'bots:write', params: botParams, response: bot },
  async ({ tx, access, params, meta }) => botJson(await startBot(tx, access.ctx, params.id, meta)),
);
