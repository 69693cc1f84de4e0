import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { databaseAvailability, failFast, getDatabase, type Schema } from './client';
import { systemCategory, type SystemReason } from './system-reasons';

export { DatabaseUnavailableError, isDatabaseUnavailable } from './availability';

/**
 * For the request gate: false while Postgres is known to be down (it answers 503 at once), except
 * for the one request per second that probes it with `select 1`. Always true on PGlite.
 */
export async function databaseAvailableForRequest(): Promise<boolean> {
  const availability = databaseAvailability();
  if (!availability) return true;
  return availability.availableOrProbe(async (answered) => {
    await (await getDatabase()).execute(sql`select 1`);
    answered();
  });
}

export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type WorkspaceRole = 'owner' | 'admin' | 'member' | 'viewer';
export type { SystemReason } from './system-reasons';

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

/** Thrown when a transaction is opened inside another in the same async context. */
export class NestedTransactionError extends Error {
  constructor(opening: string, open: string) {
    super(
      `${opening} was called inside ${open}. The entry point owns the one transaction: pass its tx down instead of opening another (on PGlite a nested transaction waits forever; on Postgres it takes a second connection that can't see the first one's writes).`,
    );
    this.name = 'NestedTransactionError';
  }
}

// Which transaction is open in this async context. Set for the whole callback, so anything the
// callback awaits — however deep — sees it.
type OpenTransaction = { label: string; wroteEvents: boolean };
const open = new AsyncLocalStorage<OpenTransaction>();

function guard(opening: string): void {
  const current = open.getStore();
  if (current) throw new NestedTransactionError(opening, current.label);
}

/** Whether a withTenant/withSystem transaction is open here (for code that must run outside one, e.g. network sends). */
export function inTransaction(): boolean {
  return open.getStore() !== undefined;
}

/** Called by the outbox when it writes events in the open transaction, so the entry point knows to dispatch after commit. */
export function noteEventsWritten(): void {
  const current = open.getStore();
  if (current) current.wroteEvents = true;
}

/** Whether the open transaction has written outbox events so far (read by the wrappers before they return). */
export function transactionWroteEvents(): boolean {
  return open.getStore()?.wroteEvents ?? false;
}

/**
 * The only way to tenant data: one transaction as app_user with the tenant set, so row-level
 * security decides what exists. The settings ride in one statement to keep the overhead to one
 * round trip.
 */
export async function withTenant<T>(ctx: TenantContext, fn: (tx: Tx) => Promise<T>, options: { readOnly?: boolean } = {}): Promise<T> {
  guard('withTenant');
  return failFast(async (answered) => {
    const db = await getDatabase();
    return open.run({ label: `withTenant(${ctx.tenantId || 'no tenant'})`, wroteEvents: false }, () =>
      db.transaction(async (tx) => {
        // A read-only transaction (a page's render) goes read-only in the same statement: no extra round trip.
        await tx.execute(
          sql`select set_config('role', 'app_user', true), set_config('app.tenant_id', ${ctx.tenantId}, true), set_config('app.user_id', ${ctx.userId ?? ''}, true)${options.readOnly ? sql`, set_config('transaction_read_only', 'on', true)` : sql``}`,
        );
        answered();
        return fn(tx as Tx);
      }),
    );
  });
}

/**
 * Cross-tenant system work (cron fan-out, webhooks, the auth adapter, admin), called from lib/
 * and the runners only. The reason — a category from db/system-reasons.ts, optionally with a
 * detail — is recorded in the transaction so it shows in pg_stat_activity and in audit rows.
 */
export async function withSystem<T>(reason: SystemReason, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!systemCategory(reason)) throw new Error(`withSystem needs a reason from db/system-reasons.ts, got: ${reason}`);
  guard(`withSystem(${reason})`);
  return failFast(async (answered) => {
    const db = await getDatabase();
    return open.run({ label: `withSystem(${reason})`, wroteEvents: false }, () =>
      db.transaction(async (tx) => {
        await tx.execute(
          sql`select set_config('role', 'app_system', true), set_config('app.system_reason', ${reason}, true), set_config('application_name', ${`tessera:${reason}`.slice(0, 63)}, true)`,
        );
        answered();
        return fn(tx as Tx);
      }),
    );
  });
}
