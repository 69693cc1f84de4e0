import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantTable } from './tenant-table';
import { users } from './users';

export const roleEnum = pgEnum('workspace_role', ['owner', 'admin', 'member', 'viewer']);

export const memberships = tenantTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull().default('member'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('memberships_tenant_user_idx').on(t.tenantId, t.userId),
    index('memberships_user_idx').on(t.userId),
  ],
);

export const invitations = tenantTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    role: roleEnum('role').notNull().default('member'),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('invitations_tenant_email_idx').on(t.tenantId, t.email),
    // One open invitation per address and workspace; resending reuses it.
    uniqueIndex('invitations_open_idx').on(t.tenantId, t.email).where(sql`accepted_at is null and revoked_at is null`),
  ],
);

/**
 * Append-only (a trigger rejects UPDATE and DELETE; app_user has no grant for them). Each row
 * carries the hash of the previous row of its chain — one chain per workspace ('w:<id>') and one
 * per user for account events ('u:<id>', tenant_id null) — so any edit breaks verification.
 * actor_user_id has no foreign key on purpose: deleting a user must not rewrite history.
 */
export const auditLog = tenantTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    chain: text('chain').notNull(),
    seq: integer('seq').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorLabel: text('actor_label'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text('prev_hash'),
    hash: text('hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // Version 2 hashes cover the personal fields (actor, label, ip, user agent) only through
    // personal_digest, a salted SHA-256 of them, so erasing a person (lib/audit/pseudonymise.ts)
    // can blank them and drop the salt while every hash still verifies. Version 1 rows (before
    // migration 0021) hash the fields themselves; once pseudonymised they carry redaction_mac.
    hashVersion: smallint('hash_version').notNull().default(1),
    personalSalt: text('personal_salt'),
    personalDigest: text('personal_digest'),
    pseudonymisedAt: timestamp('pseudonymised_at', { withTimezone: true }),
    redactionMac: text('redaction_mac'),
  },
  (t) => [
    index('audit_log_tenant_created_idx').on(t.tenantId, t.createdAt),
    uniqueIndex('audit_log_chain_seq_idx').on(t.chain, t.seq),
    index('audit_log_actor_created_idx').on(t.actorUserId, t.createdAt),
  ],
  // Account chains (tenant_id null) live here too; app_user may only read and append.
  { tenant: 'optional', grants: ['select', 'insert'] },
);

/** Old slugs keep working after a rename: `/w/<old>` redirects to the current slug. */
export const workspaceSlugRedirects = tenantTable(
  'workspace_slug_redirects',
  {
    oldSlug: text('old_slug').primaryKey(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('workspace_slug_redirects_tenant_idx').on(t.tenantId)],
  { key: 'oldSlug', grants: ['select', 'insert', 'delete'] },
);

export const emailStatusEnum = pgEnum('email_status', ['queued', 'sent', 'failed']);

/** Every email the app sends; in zero-config mode this table is the mailbox at /dev/mailbox. */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    to: text('to').notNull(),
    from: text('from').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    template: text('template').notNull(),
    status: emailStatusEnum('status').notNull().default('queued'),
    provider: text('provider').notNull(),
    providerMessageId: text('provider_message_id'),
    error: text('error'),
    // Delivery through a provider (lib/email/deliver-email.ts): attempts across the delivery
    // workflow's retries and the sweep; a claim holds the row until claimed_until so two workers
    // never send it at once; the sweep takes rows whose last attempt is long past.
    attempts: integer('attempts').notNull().default(0),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('email_outbox_to_created_idx').on(t.to, t.createdAt),
    // The sweep's scan: only rows still waiting for the provider.
    index('email_outbox_queued_idx').on(t.createdAt).where(sql`status = 'queued'`),
  ],
);
