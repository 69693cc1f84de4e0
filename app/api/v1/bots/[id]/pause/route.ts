import { apiRoute } from '@/lib/api/route';
import { bot, botJson, botParams } from '@/lib/api/bots';
import { pauseBot } from '@/lib/bots/lifecycle';

export const POST = apiRoute(
  { method: 'POST', path: '/api/v1/bots/{id}/pause', summary: 'Pause a bot', description: 'No runs until resumed; open orders and positions stay as they are.', tags: ['Bots'], scope: 'bots:write', params: botParams, response: bot },
  async ({ tx, access, params, meta }) => botJson(await pauseBot(tx, access.ctx, params.id, meta)),
);
