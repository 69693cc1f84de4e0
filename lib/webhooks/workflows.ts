import { z } from 'zod';
import { defineWorkflow } from '@/lib/jobs/define-workflow';
import { attemptDelivery, sweepDueDeliveries } from './deliver';

/**
 * The first attempt of one delivery, right after the transaction that emitted it committed. It
 * doesn't retry itself: retries follow the webhook schedule (RETRY_SCHEDULE_MS, up to 10 hours
 * apart), which the minute sweep below keeps from the rows, so no run sleeps for hours.
 */
export const webhookDeliveryWorkflow = defineWorkflow(
  {
    id: 'webhook-delivery',
    trigger: { event: 'webhooks/delivery.requested' },
    schema: z.object({ deliveryId: z.uuid(), tenantId: z.uuid() }),
    concurrency: { limit: 1, key: 'deliveryId' },
    retries: 0,
    timeout: '2m',
  },
  async ({ deliveryId }, step) => step.run('attempt', () => attemptDelivery(deliveryId)),
);

/** Every minute: retries that are due, and first attempts whose run never came. */
export const webhookSweepWorkflow = defineWorkflow(
  { id: 'webhook-delivery-sweep', trigger: { cron: 'TZ=UTC * * * * *' }, retries: 0, timeout: '5m' },
  async (_payload, step) => step.run('attempt-due-deliveries', () => sweepDueDeliveries()),
);
