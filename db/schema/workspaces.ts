import { sql } from 'drizzle-orm';
import { pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
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
