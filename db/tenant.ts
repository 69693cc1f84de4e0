import { sql, type ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { getDatabase, type Schema } from './client';

export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type WorkspaceRole = 'owner' | 'admin' | 'member' | 'viewer';

declare const tenantBrand: unique symbol;

/**
 * Who is acting in which workspace. Made only by lib/tenancy (requireWorkspace, requireApiKey)
 * and the workflow runners for a tenant's own jobs; tests/architecture/import-boundaries.test.ts checks.
 */
export type TenantContext = {
  readonly tenantId: string;
  readonly userId: string | null;
  readonly role: WorkspaceRole;
  readonly via: 'session' | 'api_key' | 'workflow';
  readonly [tenantBrand]: true;
};

export function tenantContext(fields: Omit<TenantContext, typeof tenantBrand>): TenantContext {
  return Object.freeze({ ...fields }) as TenantContext;
}

/**
 * The only way to tenant data: one transaction as app_user with the tenant set, so row-level
 * security decides what exists. The settings ride in one statement to keep the overhead to one
 * round trip.
 */
export async function withTenant<T>(ctx: TenantContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDatabase();
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', 'app_user', true), set_config('app.tenant_id', ${ctx.tenantId}, true), set_config('app.user_id', ${ctx.userId ?? ''}, true)`,
    );
    return fn(tx as Tx);
  });
}

/**
 * Cross-tenant system work (cron fan-out, webhooks, the auth adapter, admin). The reason is
 * recorded in the transaction so it shows in pg_stat_activity and in audit rows that ask for it.
 */
export async function withSystem<T>(reason: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!reason.trim()) throw new Error('withSystem needs a reason');
  const db = await getDatabase();
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', 'app_system', true), set_config('app.system_reason', ${reason}, true), set_config('application_name', ${`tessera:${reason}`.slice(0, 63)}, true)`,
    );
    return fn(tx as Tx);
  });
}
