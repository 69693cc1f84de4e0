import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { botParams } from '@/lib/api/bots';
import { requestBotRun } from '@/lib/bots/run-request';

export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/v1/bots/{id}/run',
    summary: 'Run a bot now',
    description: 'Queues a run of an active bot for the current slot (202). A slot runs once however often it is asked for.',
    tags: ['Bots'],
    scope: 'bots:write',
    params: botParams,
    response: z.object({ slot: z.string() }).meta({ id: 'BotRunRequested' }),
    status: 202,
  },
  async ({ tx, access, params, meta }) => requestBotRun(tx, access.ctx, params.id, meta),
);
