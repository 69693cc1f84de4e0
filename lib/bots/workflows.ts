import { z } from 'zod';
import { defineWorkflow } from '@/lib/jobs/define-workflow';
import { getLogger } from '@/lib/observability/logger';
import { runBot } from './run/run-bot';
import { recordRunFailure } from './run/run-failure';
import { BOT_RUN_EVENT, queueDueBotRuns } from './schedule';

const RUN_RETRIES = 3;
/** Runs of one workspace's bots at once: a workspace with thousands of bots can't take every worker. */
export const BOT_RUNS_PER_WORKSPACE = 25;

/**
 * One run of one bot for one slot. One at a time per bot and BOT_RUNS_PER_WORKSPACE per workspace; the idempotency key botId:slot makes a
 * duplicated event start no second run, and the run itself finds a slot that already succeeded
 * (run-bot.ts), so a retry after a crash places nothing twice. Past the last retry the failure
 * counts towards stopping the bot.
 */
export const botRunWorkflow = defineWorkflow(
  {
    id: 'bot-run',
    trigger: { event: BOT_RUN_EVENT },
    schema: z.object({ tenantId: z.uuid(), botId: z.uuid(), slot: z.iso.datetime(), closeOut: z.boolean().optional() }),
    concurrency: [
      { limit: 1, key: 'botId' },
      { limit: BOT_RUNS_PER_WORKSPACE, key: 'tenantId' },
    ],
    idempotency: ['botId', 'slot'],
    retries: RUN_RETRIES,
    backoff: { initial: '10s', max: '1m' },
    timeout: '4m',
  },
  async ({ botId, slot, closeOut }, step, ctx) => {
    const tenant = ctx.asTenant();
    try {
      return await step.run(closeOut ? 'close-out' : 'run', () => runBot(tenant, { botId, slot }, { closeOut }));
    } catch (error) {
      if (ctx.attempt >= RUN_RETRIES && !closeOut) {
        getLogger({ component: 'bot-run' }).warn({ botId, slot, err: error }, 'bot run failed');
        await recordRunFailure(tenant, { botId, slot }, error);
      }
      throw error;
    }
  },
);

/** Every minute: the due bots, one run event each (schedule.ts). */
export const botsTickWorkflow = defineWorkflow(
  { id: 'bots-tick', trigger: { cron: 'TZ=UTC * * * * *' }, retries: 0, timeout: '2m' },
  async (_payload, step) => step.run('queue-due-runs', async () => ({ queued: (await queueDueBotRuns()).queued })),
);
