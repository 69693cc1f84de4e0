import { sql } from 'drizzle-orm';
import { boolean, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { currencyColumn } from './money';
import { appUser } from './roles';
import { users } from './users';

/** The tenant. Under app_user a workspace sees only its own row. */
export const workspaces = pgTable(
  'workspaces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    timezone: text('timezone').notNull().default('UTC'),
    currency: currencyColumn('currency').notNull().default('USD'),
    // Members without two-factor are kept out while the plan includes security.require_2fa;
    // on a plan without it the setting is kept but not enforced (lib/tenancy/two-factor-requirement.ts).
    requireTwoFactor: boolean('require_two_factor').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    // A scheduled deletion (lib/tenancy/workspace-deletion.ts): read-only until then, purged at
    // deletion_scheduled_for unless an owner cancels.
    deletionScheduledFor: timestamp('deletion_scheduled_for', { withTimezone: true }),
    deletionRequestedAt: timestamp('deletion_requested_at', { withTimezone: true }),
    deletionRequestedBy: uuid('deletion_requested_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [
    pgPolicy('workspaces_self', {
      as: 'permissive',
      for: 'all',
      to: appUser,
      using: sql`id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid`,
      withCheck: sql`id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid`,
    }),
  ],
);
