import { apiRoute } from '@/lib/api/route';
import { bot, botJson, botParams } from '@/lib/api/bots';
import { resumeBot } from '@/lib/bots/lifecycle';

export const POST = apiRoute(
  { method: 'POST', path: '/api/v1/bots/{id}/resume', summary: 'Resume a bot', description: 'The next run is due at once.', tags: ['Bots'], scope: 'bots:write', params: botParams, response: bot },
  async ({ tx, access, params, meta }) => botJson(await resumeBot(tx, access.ctx, params.id, meta)),
);
