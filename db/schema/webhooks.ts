import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantRef, tenantTable } from './tenant-table';
import { users } from './users';

/**
 * Outgoing webhook endpoints (lib/webhooks). The signing secret must be recoverable to sign every
 * delivery, so it is sealed with the workspace's key (lib/secrets), never hashed; the browser sees
 * it once, at creation or rotation. failing_since marks the first failure of the current run of
 * failures: five days of it disables the endpoint (disabled_reason 'failing').
 */
export const webhookEndpoints = tenantTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    eventTypes: text('event_types').array().notNull(),
    secretSealed: text('secret_sealed').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    disabledReason: text('disabled_reason'),
    failingSince: timestamp('failing_since', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('webhook_endpoints_tenant_created_idx').on(t.tenantId, t.createdAt),
    check('webhook_endpoints_events_present', sql`cardinality(${t.eventTypes}) > 0`),
    check('webhook_endpoints_disabled_reason', sql`${t.disabledReason} is null or ${t.disabledReason} in ('manual', 'failing')`),
  ],
);

/**
 * One event for one endpoint. Its id is the `webhook-id` header: the same across every retry and
 * redelivery, so a receiver that dedupes on it sees the event once. The last attempt's outcome is
 * kept on the row (the delivery log); next_attempt_at is when the sweep sends it again.
 */
export const webhookDeliveries = tenantTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    endpointId: uuid('endpoint_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    durationMs: integer('duration_ms'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    tenantRef(t, t.endpointId, webhookEndpoints, { onDelete: 'cascade', name: 'webhook_deliveries_endpoint_fk' }),
    index('webhook_deliveries_tenant_endpoint_created_idx').on(t.tenantId, t.endpointId, t.createdAt),
    // The sweep's question across tenants: what is due now.
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'retrying')`),
    check('webhook_deliveries_status', sql`${t.status} in ('pending', 'retrying', 'succeeded', 'failed')`),
  ],
);
