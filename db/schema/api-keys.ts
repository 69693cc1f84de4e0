import { sql } from 'drizzle-orm';
import { check, index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantRef, tenantTable } from './tenant-table';
import { users } from './users';

/**
 * Workspace API keys (lib/api-keys). Only the SHA-256 of the secret is stored, with its visible
 * prefix. created_by is a plain user reference, not a composite one to the membership: the
 * membership is deleted when the creator leaves, and the key then dies (authentication joins the
 * membership, and the leave path revokes it) while its row stays for the list and the audit log.
 * A rotated key points at its successor and keeps working until grace_until.
 */
export const apiKeys = tenantTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    hash: text('hash').notNull().unique(),
    scopes: text('scopes').array().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    lastUsedIp: text('last_used_ip'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    rotatedTo: uuid('rotated_to'),
    graceUntil: timestamp('grace_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('api_keys_tenant_created_idx').on(t.tenantId, t.createdAt),
    index('api_keys_tenant_creator_idx').on(t.tenantId, t.createdBy),
    // `no action` (checked at the end of the statement) so deleting the workspace cascades through a rotation chain.
    tenantRef(t, t.rotatedTo, t, { onDelete: 'no action', name: 'api_keys_rotated_to_fk' }),
    // Which scope names exist is lib/api-keys/scopes.ts's to say (validated at the boundary);
    // the database only refuses a key that could do nothing.
    check('api_keys_scopes_present', sql`cardinality(${t.scopes}) > 0`),
    check('api_keys_grace_with_successor', sql`(${t.graceUntil} is null) = (${t.rotatedTo} is null)`),
  ],
);
