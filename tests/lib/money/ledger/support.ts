import { and, asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { auditLog, moneyCategories, outbox } from '@/db/schema';
import { withSystem, withTenant, type TenantContext } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';
import { moneyCacheVersion } from '@/lib/money/cache-version';
import { household as baseHousehold, meta, seedRows, type RowSeed } from '../transactions/support';

// The ledger's tests share this: a household with Money's defaults (a USD checking account by
// default), the default categories by name, the report cache version, and the workspace's audit
// trail of Money actions in order.

export { meta, seedRows, type RowSeed };

export async function household(options: { accounts?: string[] } = {}) {
  const made = await baseHousehold(options);
  const categories = await withTenant(made.ctx, (tx) => tx.select().from(moneyCategories).orderBy(asc(moneyCategories.name)));
  const category = (name: string) => {
    const found = categories.find((c) => c.name === name);
    if (!found) throw new Error(`no default category ${name}`);
    return found.id;
  };
  return { ...made, category };
}

export const cacheVersion = (ctx: TenantContext) => withTenant(ctx, (tx) => moneyCacheVersion(tx));

/** The workspace's audit rows for one action (or every money.* action), oldest first. */
export async function audits(ctx: TenantContext, action?: string) {
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select({ action: auditLog.action, targetId: auditLog.targetId, metadata: auditLog.metadata, actorUserId: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, ctx.tenantId), action ? eq(auditLog.action, action) : undefined))
      .orderBy(asc(auditLog.seq)),
  );
  return rows.filter((row) => row.action.startsWith('money.'));
}

/** The budget checks queued for the workspace (the transactions-changed workflow's events), oldest first. */
export async function changedEvents(ctx: TenantContext): Promise<unknown[]> {
  const rows = await withSystem('test: read outbox', (tx) =>
    tx
      .select({ data: outbox.data })
      .from(outbox)
      .where(and(eq(outbox.tenantId, ctx.tenantId), eq(outbox.name, 'money/transactions.changed')))
      .orderBy(asc(outbox.createdAt), asc(outbox.id)),
  );
  return rows.map((r) => r.data);
}

/** The AppError a call refuses with. */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
