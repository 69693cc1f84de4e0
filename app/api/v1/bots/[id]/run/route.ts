import { apiRoute } from '@/lib/api/route';
import { botParams, runRequested } from '@/lib/api/bots';
import { requestBotRun } from '@/lib/bots/run-request';

export const POST = apiRoute(
  {
    method: 'POST',
    path: '/api/v1/bots/{id}/run',
    summary: 'Run a bot now',
    description: 'Queues one run of an active bot outside its schedule (202); its outcome appears in the run log under the returned slot. 409 unless active.',
    tags: ['Bots'],
    scope: 'bots:write',
    params: botParams,
    response: runRequested,
    status: 202,
  },
  ({ tx, access, params, meta }) => requestBotRun(tx, access.ctx, params.id, meta),
);
