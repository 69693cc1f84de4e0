import { z } from 'zod';
import type { Tx } from '@/db/tenant';
import type { WebhookDeliveryItem } from '@/lib/webhooks/deliveries';
import { deliveryCursorSchema, listDeliveries } from '@/lib/webhooks/deliveries';
import type { WebhookEndpointItem } from '@/lib/webhooks/endpoints';
import { SUBSCRIBABLE_EVENT_TYPES, WEBHOOK_EVENT_TYPES } from '@/lib/webhooks/events';
import { etagFor } from './etag';
import { decodeCursor, encodeCursor, pageOf, pageQuery } from './pagination';

// The public API's view of webhook endpoints and deliveries (snake_case, ISO-8601 UTC). The
// commands are lib/webhooks'; the routes under app/api/v1/webhooks only map to and from these.

export const endpointParams = z.object({ id: z.uuid().meta({ description: 'The endpoint id.' }) });
export const deliveryParams = endpointParams.extend({ delivery_id: z.uuid().meta({ description: 'The delivery id (its `webhook-id`).' }) });

export const webhookEndpoint = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string(),
    event_types: z.array(z.enum(SUBSCRIBABLE_EVENT_TYPES)),
    enabled: z.boolean(),
    disabled_reason: z.enum(['manual', 'failing']).nullable().meta({ description: '`failing`: turned off by Tessera after 5 days of failed deliveries.' }),
    failing_since: z.string().nullable().meta({ description: 'Start of the current run of failures, ISO-8601 UTC.' }),
    secret_hint: z.string().meta({ description: 'The first characters of the signing secret.' }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'WebhookEndpoint' });

export const webhookEndpointWithSecret = webhookEndpoint
  .extend({ secret: z.string().meta({ description: 'The signing secret (`whsec_…`). Returned only by create and rotate-secret.' }) })
  .meta({ id: 'WebhookEndpointWithSecret' });

export const webhookEndpointList = z.object({ data: z.array(webhookEndpoint) }).meta({ id: 'WebhookEndpointList' });

export const webhookDelivery = z
  .object({
    id: z.uuid().meta({ description: 'Also the `webhook-id` header: the same on every retry and redelivery.' }),
    endpoint_id: z.uuid(),
    event_type: z.enum(WEBHOOK_EVENT_TYPES),
    status: z.enum(['pending', 'retrying', 'succeeded', 'failed']),
    attempts: z.number().int(),
    next_attempt_at: z.string().nullable(),
    last_attempt_at: z.string().nullable(),
    response_status: z.number().int().nullable(),
    response_body: z.string().nullable().meta({ description: 'The first 2 KB of the last response.' }),
    duration_ms: z.number().int().nullable(),
    error: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()).meta({ description: 'The body sent: `{type, timestamp, data}`.' }),
    created_at: z.string(),
  })
  .meta({ id: 'WebhookDelivery' });

export const deliveriesQuery = pageQuery.extend({
  status: z.enum(['pending', 'retrying', 'succeeded', 'failed']).optional().meta({ description: 'Only deliveries in this state.' }),
});

export const deliveriesResponse = pageOf(webhookDelivery).meta({ id: 'WebhookDeliveryPage' });

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function endpointJson(endpoint: WebhookEndpointItem): z.input<typeof webhookEndpoint> {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    event_types: endpoint.eventTypes.filter((type) => type !== 'webhook.test'),
    enabled: endpoint.enabled,
    disabled_reason: endpoint.disabledReason,
    failing_since: iso(endpoint.failingSince),
    secret_hint: endpoint.secretHint,
    created_at: endpoint.createdAt.toISOString(),
    updated_at: endpoint.updatedAt.toISOString(),
  };
}

export function endpointEtag(endpoint: Pick<WebhookEndpointItem, 'id' | 'version'>): string {
  return etagFor(endpoint.id, endpoint.version);
}

export function deliveryJson(delivery: WebhookDeliveryItem): z.input<typeof webhookDelivery> {
  return {
    id: delivery.id,
    endpoint_id: delivery.endpointId,
    event_type: delivery.eventType as z.input<typeof webhookDelivery>['event_type'],
    status: delivery.status,
    attempts: delivery.attempts,
    next_attempt_at: iso(delivery.nextAttemptAt),
    last_attempt_at: iso(delivery.lastAttemptAt),
    response_status: delivery.responseStatus,
    response_body: delivery.responseBody,
    duration_ms: delivery.durationMs,
    error: delivery.error,
    payload: delivery.payload,
    created_at: delivery.createdAt.toISOString(),
  };
}

export async function listDeliveriesPage(tx: Tx, endpointId: string, query: z.output<typeof deliveriesQuery>): Promise<z.input<typeof deliveriesResponse>> {
  const cursor = decodeCursor(query.cursor, deliveryCursorSchema);
  const page = await listDeliveries(tx, endpointId, { limit: query.limit, cursor, status: query.status });
  return { data: page.deliveries.map(deliveryJson), next_cursor: page.nextCursor ? encodeCursor(page.nextCursor) : null };
}
