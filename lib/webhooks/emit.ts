import { and, arrayContains, eq } from 'drizzle-orm';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { enqueueWorkflow } from '@/lib/jobs/outbox';
import { WEBHOOK_EVENTS, type WebhookEventData, type WebhookEventType } from './events';
import { webhookDeliveryWorkflow } from './workflows';

/** What a receiver gets as the body: the Standard Webhooks envelope. */
export type WebhookMessage = { type: WebhookEventType; timestamp: string; data: Record<string, unknown> };

/**
 * THE way to emit an event: one delivery row per enabled endpoint subscribed to `type`, written in
 * the caller's transaction with its delivery event (the outbox), so an event exists exactly when
 * the change that caused it commits. `data` is checked against the catalog first. `only` targets
 * one endpoint (the test event, which no endpoint subscribes to).
 */
export async function emitWebhookEvent<T extends WebhookEventType>(
  tx: Tx,
  tenantId: string,
  type: T,
  data: WebhookEventData<T>,
  options: { now?: Date; only?: string } = {},
): Promise<string[]> {
  const parsed = WEBHOOK_EVENTS[type].schema.parse(data) as Record<string, unknown>;
  const now = options.now ?? new Date();
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.tenantId, tenantId),
        eq(webhookEndpoints.enabled, true),
        options.only ? eq(webhookEndpoints.id, options.only) : arrayContains(webhookEndpoints.eventTypes, [type]),
      ),
    );
  if (!endpoints.length) return [];
  const message: WebhookMessage = { type, timestamp: now.toISOString(), data: parsed };
  const rows = await tx
    .insert(webhookDeliveries)
    .values(endpoints.map((endpoint) => ({ tenantId, endpointId: endpoint.id, eventType: type, payload: message, nextAttemptAt: now, createdAt: now })))
    .returning({ id: webhookDeliveries.id });
  for (const row of rows) await enqueueWorkflow(tx, webhookDeliveryWorkflow, { deliveryId: row.id, tenantId });
  return rows.map((row) => row.id);
}
