import { z } from 'zod';
import { defineWorkflow } from '@/lib/jobs/define-workflow';
import { executeBacktest } from './backtests';

/**
 * One backtest. Its progress is written to the row between chunks (the page polls it); the run is
 * one step, as a year of minutes takes well under a second of engine time, and a retry of a
 * finished one returns at once.
 */
export const backtestWorkflow = defineWorkflow(
  {
    id: 'bot-backtest',
    trigger: { event: 'bots/backtest.requested' },
    schema: z.object({ tenantId: z.uuid(), backtestId: z.uuid() }),
    concurrency: { limit: 2, key: 'tenantId' },
    idempotency: ['backtestId'],
    retries: 2,
    timeout: '10m',
  },
  async ({ backtestId }, step, ctx) => step.run('run', () => executeBacktest(ctx.asTenant(), backtestId)),
);
