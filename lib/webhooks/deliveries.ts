import { and, desc, eq, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import { webhookDeliveries } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { decodeCursor, encodeCursor } from '@/lib/api/pagination';
import { AppError } from '@/lib/errors/app-error';
import { enqueueWorkflow } from '@/lib/jobs/outbox';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { emitWebhookEvent } from './emit';
import { getWebhookEndpoint } from './endpoints';
import { webhookDeliveryWorkflow } from './workflows';

export type DeliveryStatus = 'pending' | 'retrying' | 'succeeded' | 'failed';

export type WebhookDeliveryItem = {
  id: string;
  endpointId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  responseStatus: number | null;
  responseBody: string | null;
  durationMs: number | null;
  error: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
};

export const deliveryCursorSchema = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });
export type DeliveryCursor = z.output<typeof deliveryCursorSchema>;

export function encodeDeliveryCursor(cursor: DeliveryCursor): string {
  return encodeCursor(cursor);
}

/** A cursor from a page's address: one this code didn't give out reads as the first page. */
export function decodeDeliveryCursor(value: string): DeliveryCursor | undefined {
  try {
    return decodeCursor(value, deliveryCursorSchema);
  } catch {
    return undefined;
  }
}

const STATUSES: readonly DeliveryStatus[] = ['pending', 'retrying', 'succeeded', 'failed'];

function toItem(row: typeof webhookDeliveries.$inferSelect): WebhookDeliveryItem {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventType: row.eventType,
    status: STATUSES.includes(row.status as DeliveryStatus) ? (row.status as DeliveryStatus) : 'failed',
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastAttemptAt: row.lastAttemptAt,
    responseStatus: row.responseStatus,
    responseBody: row.responseBody,
    durationMs: row.durationMs,
    error: row.error,
    payload: row.payload,
    createdAt: row.createdAt,
  };
}

/** One endpoint's delivery log, newest first, keyset-paged on (created_at, id). */
export async function listDeliveries(
  tx: Tx,
  endpointId: string,
  options: { limit: number; cursor?: DeliveryCursor; status?: DeliveryStatus },
): Promise<{ deliveries: WebhookDeliveryItem[]; nextCursor: DeliveryCursor | null }> {
  await getWebhookEndpoint(tx, endpointId);
  const cursor = options.cursor;
  const rows = await tx
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpointId),
        options.status ? eq(webhookDeliveries.status, options.status) : undefined,
        cursor
          ? or(
              lt(webhookDeliveries.createdAt, new Date(cursor.createdAt)),
              and(eq(webhookDeliveries.createdAt, new Date(cursor.createdAt)), lt(webhookDeliveries.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit).map(toItem);
  const last = page.at(-1);
  return { deliveries: page, nextCursor: rows.length > options.limit && last ? { createdAt: last.createdAt.toISOString(), id: last.id } : null };
}

/** Whether a page showing these should refresh itself: a first attempt or the 5-second retry is near. */
export function hasAttemptDueSoon(deliveries: readonly WebhookDeliveryItem[], now = new Date(), withinMs = 30_000): boolean {
  const soon = now.getTime() + withinMs;
  return deliveries.some((d) => d.status === 'pending' || (d.status === 'retrying' && d.nextAttemptAt !== null && d.nextAttemptAt.getTime() < soon));
}

/**
 * Sends a delivery again, with the same id (the `webhook-id` a receiver dedupes on) and a fresh
 * retry schedule. The endpoint must be on: a turned-off endpoint receives nothing.
 */
export async function redeliver(tx: Tx, ctx: TenantContext, deliveryId: string, meta: RequestMeta, now = new Date()): Promise<WebhookDeliveryItem> {
  const [row] = await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId)).for('update');
  if (!row) throw new AppError('not_found', 'That delivery does not exist.');
  const endpoint = await getWebhookEndpoint(tx, row.endpointId);
  if (!endpoint.enabled) throw new AppError('conflict', 'Turn the endpoint on before sending to it again.');
  const [updated] = await tx
    .update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, error: null })
    .where(eq(webhookDeliveries.id, deliveryId))
    .returning();
  await enqueueWorkflow(tx, webhookDeliveryWorkflow, { deliveryId, tenantId: ctx.tenantId });
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    actorUserId: ctx.userId,
    targetType: 'webhook_endpoint',
    targetId: endpoint.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    action: 'webhook.redelivered',
    metadata: { url: endpoint.url, deliveryId, eventType: row.eventType, previousStatus: row.status },
  });
  return toItem(updated!);
}

/** A `webhook.test` event to this endpoint alone, to check it receives and verifies. */
export async function sendTestEvent(tx: Tx, ctx: TenantContext, endpointId: string, meta: RequestMeta, now = new Date()): Promise<WebhookDeliveryItem> {
  const endpoint = await getWebhookEndpoint(tx, endpointId);
  if (!endpoint.enabled) throw new AppError('conflict', 'Turn the endpoint on before sending it a test event.');
  const [id] = await emitWebhookEvent(tx, ctx.tenantId, 'webhook.test', { message: 'A test event from Tessera.', endpoint_id: endpointId }, { now, only: endpointId });
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    actorUserId: ctx.userId,
    targetType: 'webhook_endpoint',
    targetId: endpointId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    action: 'webhook.test_sent',
    metadata: { url: endpoint.url, deliveryId: id },
  });
  const [row] = await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id!));
  return toItem(row!);
}
