import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantTable } from './tenant-table';
import { users } from './users';

/**
 * Privacy (GDPR) data exports (lib/privacy). One row per request; the workflow moves it from
 * queued to running to ready or failed and keeps the progress counters up to date as each table
 * is written. The zip lives in storage at storage_key until expires_at. kind 'backup' is the
 * nightly snapshot (lib/privacy/backups.ts). At most one export of each kind per workspace is
 * queued or running at a time (the partial unique index), so a double click or two
 * owners asking at once start one export, not two.
 */
export const privacyExports = tenantTable(
  'privacy_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull().default('workspace'),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    status: text('status').notNull().default('queued'),
    tablesTotal: integer('tables_total').notNull().default(0),
    tablesDone: integer('tables_done').notNull().default(0),
    rowsDone: bigint('rows_done', { mode: 'bigint' }).notNull().default(sql`0`),
    storageKey: text('storage_key'),
    bytes: bigint('bytes', { mode: 'bigint' }),
    sha256: text('sha256'),
    error: text('error'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('privacy_exports_tenant_created_idx').on(t.tenantId, t.createdAt),
    uniqueIndex('privacy_exports_one_active_idx').on(t.tenantId, t.kind).where(sql`status in ('queued', 'running')`),
    check('privacy_exports_kind', sql`${t.kind} in ('workspace', 'backup')`),
    check('privacy_exports_status', sql`${t.status} in ('queued', 'running', 'ready', 'failed')`),
    check('privacy_exports_progress', sql`${t.tablesDone} >= 0 and ${t.rowsDone} >= 0`),
  ],
);

/**
 * A person's own export ("Export my data", lib/privacy/account-export.ts): their profile, sign-in
 * methods, sessions, security log and memberships, with every workspace they own nested inside.
 * Platform data (no tenant_id): only app_system reaches it. The zip lives at
 * `<userId>/account-exports/<id>.zip` (lib/storage/keys.ts). One active export per person.
 */
export const accountExports = pgTable(
  'account_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status').notNull().default('queued'),
    stepsTotal: integer('steps_total').notNull().default(0),
    stepsDone: integer('steps_done').notNull().default(0),
    storageKey: text('storage_key'),
    bytes: bigint('bytes', { mode: 'bigint' }),
    sha256: text('sha256'),
    error: text('error'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('account_exports_user_created_idx').on(t.userId, t.createdAt),
    uniqueIndex('account_exports_one_active_idx').on(t.userId).where(sql`status in ('queued', 'running')`),
    check('account_exports_status', sql`${t.status} in ('queued', 'running', 'ready', 'failed')`),
  ],
);

/**
 * Restores of a workspace export or snapshot into a NEW workspace (lib/privacy/restore*.ts),
 * requested in the workspace named by tenant_id: the source zip is that workspace's own export
 * or snapshot (source_export_id) or a zip an owner uploaded under its storage prefix. The
 * workflow moves it queued → running → done (restored_workspace_id set) or failed (report says
 * why: a typed list of problems). Nothing of a failed restore exists beyond this row.
 */
export const workspaceRestores = tenantTable(
  'workspace_restores',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    source: text('source').notNull(),
    sourceExportId: uuid('source_export_id'),
    storageKey: text('storage_key').notNull(),
    status: text('status').notNull().default('queued'),
    report: jsonb('report').$type<unknown>(),
    restoredWorkspaceId: uuid('restored_workspace_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('workspace_restores_tenant_created_idx').on(t.tenantId, t.createdAt),
    check('workspace_restores_source', sql`${t.source} in ('export', 'upload')`),
    check('workspace_restores_status', sql`${t.status} in ('queued', 'running', 'done', 'failed')`),
  ],
);
