import { sql } from 'drizzle-orm';
import { pgPolicy, uuid } from 'drizzle-orm/pg-core';
import { appUser } from './roles';
import { workspaces } from './workspaces';

/** The tenant predicate of DESIGN.md §2: no tenant set means no rows. */
export const currentTenant = sql`(select nullif(current_setting('app.tenant_id', true), ''))::uuid`;

export const tenantIdColumn = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

/** Rows some system workflows write without a workspace (cron fan-out, platform events). */
export const optionalTenantIdColumn = () => uuid('tenant_id').references(() => workspaces.id, { onDelete: 'cascade' });

/** The one policy every tenant table carries; FORCE RLS and grants live in custom migrations. */
export const tenantIsolationPolicy = (table: string) =>
  pgPolicy(`${table}_tenant_isolation`, {
    as: 'permissive',
    for: 'all',
    to: appUser,
    using: sql`tenant_id = ${currentTenant}`,
    withCheck: sql`tenant_id = ${currentTenant}`,
  });
