import { index, integer, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenantTable } from './tenant-table';

/**
 * The public API's Idempotency-Key records (lib/api/idempotency.ts): the first POST with a key
 * claims it in the request's own transaction (a concurrent twin waits on the unique index, then
 * replays), and the response is stored beside the effect, so both commit or neither does.
 * `fingerprint` is SHA-256 of method, path and body: a repeat with another body is refused.
 */
export const apiIdempotencyKeys = tenantTable(
  'api_idempotency_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    responseStatus: integer('response_status'),
    // The body as sent, so a replay is byte-identical (jsonb would reorder its keys).
    responseBody: text('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // Unique per workspace: one record per key, and the index concurrent claims wait on.
    unique('api_idempotency_keys_tenant_key_unique').on(t.tenantId, t.key),
    index('api_idempotency_keys_expires_idx').on(t.expiresAt),
  ],
);
