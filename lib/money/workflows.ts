import { z } from 'zod';
import { withTenant } from '@/db/tenant';
import { defineWorkflow } from '@/lib/jobs/define-workflow';
import { dispatchAfterResponse } from '@/lib/jobs/outbox';
import { raiseBudgetAlerts } from './budgets/alerts';
import { queueDueWeeklySummaries, WEEKLY_SUMMARY_EVENT } from './weekly-summary/due';
import { sendWeeklySummaries } from './weekly-summary/send';

const day = z.iso.date();

/**
 * After transactions changed (lib/money/budgets/transactions-changed.ts): the budgets whose
 * current period the booked dates touch raise their alerts. No concurrency limit is needed for
 * correctness — the alerts' unique key makes two runs at once raise each alert once — but one run
 * per workspace at a time keeps a burst of imports from measuring the same budgets in parallel.
 */
export const moneyTransactionsChangedWorkflow = defineWorkflow(
  {
    id: 'money-transactions-changed',
    trigger: { event: 'money/transactions.changed' },
    schema: z.object({ tenantId: z.uuid(), from: day, to: day }),
    concurrency: { limit: 1, key: 'tenantId' },
    retries: 3,
    timeout: '5m',
  },
  async ({ from, to }, step, ctx) => {
    const tenant = ctx.asTenant();
    return step.run('raise-budget-alerts', async () => {
      const raised = await withTenant(tenant, (tx) => raiseBudgetAlerts(tx, tenant.tenantId, { from, to }));
      if (raised.length) dispatchAfterResponse();
      return { alerts: raised.length };
    });
  },
);

/** Every hour: the workspaces where it is now Monday 08:00–08:59, one summary event each. */
export const moneyWeeklySummaryTickWorkflow = defineWorkflow(
  { id: 'money-weekly-summary-tick', trigger: { cron: 'TZ=UTC 5 * * * *' }, retries: 1, timeout: '5m' },
  async (_payload, step) =>
    step.run('queue-due', async () => {
      const queued = await queueDueWeeklySummaries(new Date());
      if (queued.length) dispatchAfterResponse();
      return { queued: queued.length };
    }),
);

/** One workspace's weekly summaries for the week starting `monday` (its own calendar). */
export const moneyWeeklySummaryWorkflow = defineWorkflow(
  {
    id: 'money-weekly-summary',
    trigger: { event: WEEKLY_SUMMARY_EVENT },
    schema: z.object({ tenantId: z.uuid(), monday: day }),
    idempotency: ['tenantId', 'monday'],
    retries: 3,
    timeout: '5m',
  },
  async ({ monday }, step, ctx) => {
    const tenant = ctx.asTenant();
    return step.run('send', async () => {
      const sent = await withTenant(tenant, (tx) => sendWeeklySummaries(tx, tenant.tenantId, monday));
      if (sent.length) dispatchAfterResponse();
      return { sent: sent.length };
    });
  },
);
