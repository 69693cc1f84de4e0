import { z } from 'zod';
import { withTenant } from '@/db/tenant';
import { defineWorkflow } from '@/lib/jobs/define-workflow';
import { dispatchAfterResponse } from '@/lib/jobs/outbox';
import { raiseBudgetAlerts } from './budgets/alerts';
import { announceImportRead, claimImportForReading, failImportRead, readQueuedImport } from './import/uploads';
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

const IMPORT_READ_RETRIES = 2;

/**
 * Reads one uploaded bank file into its preview: claimed (`reading`, visible at once), read with
 * de-duplication and the rules in a second transaction, and the uploader told in that same
 * transaction. A last failed attempt marks the row failed rather than leaving it reading.
 */
export const moneyImportReadWorkflow = defineWorkflow(
  {
    id: 'money-import-read',
    trigger: { event: 'money/import.uploaded' },
    schema: z.object({ tenantId: z.uuid(), importId: z.uuid() }),
    idempotency: ['importId'],
    concurrency: { limit: 2, key: 'tenantId' },
    retries: IMPORT_READ_RETRIES,
    timeout: '10m',
  },
  async ({ importId }, step, ctx) => {
    const tenant = ctx.asTenant();
    const claimed = await step.run('claim', () => withTenant(tenant, (tx) => claimImportForReading(tx, importId)));
    if (!claimed) return { status: 'skipped' };
    return step.run('read', async () => {
      try {
        const row = await withTenant(tenant, async (tx) => {
          const read = await readQueuedImport(tx, importId);
          if (read) await announceImportRead(tx, tenant.tenantId, read);
          return read;
        });
        dispatchAfterResponse();
        return { status: row?.status ?? 'skipped' };
      } catch (error) {
        if (ctx.attempt >= IMPORT_READ_RETRIES) await withTenant(tenant, (tx) => failImportRead(tx, importId));
        throw error;
      }
    });
  },
);
