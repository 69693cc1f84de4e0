import { z } from 'zod';
import { defineWorkflow } from '@/lib/jobs/define-workflow';
import { NonRetriableWorkflowError } from '@/lib/jobs/errors';
import { deliverEmail, EMAIL_MAX_ATTEMPTS, EmailDeliveryError, sweepQueuedEmails } from './deliver-email';

/**
 * Delivers one queued email through the provider. Its event is written by queueEmail in the same
 * transaction as the row, so the message exists exactly when the change that caused it commits.
 * Retries with backoff up to the row's attempt budget; the longest backoff stays under the sweep's
 * staleness (EMAIL_SWEEP_STALE_MS), so the sweep never competes with a live run.
 */
export const emailDeliveryWorkflow = defineWorkflow(
  {
    id: 'email-delivery',
    trigger: { event: 'email/delivery.requested' },
    // tenantId only when a workspace's transaction queued it (an invitation): its outbox row belongs to that workspace.
    schema: z.object({ emailId: z.uuid(), tenantId: z.uuid().optional() }),
    concurrency: { limit: 1, key: 'emailId' },
    retries: EMAIL_MAX_ATTEMPTS - 1,
    backoff: { initial: '30s', max: '10m' },
    timeout: '2h',
  },
  async ({ emailId }, step) =>
    step.run('deliver', async () => {
      try {
        return await deliverEmail(emailId);
      } catch (error) {
        if (error instanceof EmailDeliveryError && !error.retryable) {
          throw new NonRetriableWorkflowError('The email could not be delivered.', { cause: error, code: 'email_undeliverable' });
        }
        throw error;
      }
    }),
);

/** Every five minutes: queued emails that no run is delivering (a crash, a lost run) go out. */
export const emailSweepWorkflow = defineWorkflow(
  { id: 'email-delivery-sweep', trigger: { cron: 'TZ=UTC */5 * * * *' }, retries: 1, timeout: '2m' },
  async (_payload, step) => step.run('deliver-stale-emails', () => sweepQueuedEmails()),
);
