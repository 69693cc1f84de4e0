import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { moneyCategories, moneyTransactions, moneyTransactionSplits, webhookEndpoints } from '@/db/schema';
import { withTenant, type TenantContext } from '@/db/tenant';
import { createAccount } from '@/lib/money/accounts';
import { ensureMoneyDefaults } from '@/lib/money/defaults';
import { createWorkspaceWithOwner, meta } from '../../tenancy/support';

export { meta };

/** A workspace with Money's defaults and one current account in `currency`. */
export async function household(currency: 'GBP' | 'USD' = 'GBP') {
  const made = await createWorkspaceWithOwner('Household');
  const ctx = made.ownerCtx;
  const account = await withTenant(ctx, async (tx) => {
    await ensureMoneyDefaults(tx, ctx.tenantId);
    return createAccount(tx, ctx, { name: 'Current', type: 'checking', currency }, meta);
  });
  const categories = await withTenant(ctx, (tx) => tx.select().from(moneyCategories));
  const category = (name: string) => categories.find((c) => c.name === name)!.id;
  return { ...made, ctx, account, category, currency };
}

export type Row = { on: string; minor: bigint; payee?: string; merchant?: string | null; categoryId?: string | null; bucket?: string; transfer?: boolean; splits?: Array<{ minor: bigint; categoryId?: string | null; bucket?: string }> };

/** Inserts transactions as an import would leave them (hashes are unique per row here). */
export async function addTransactions(ctx: TenantContext, accountId: string, currency: 'GBP' | 'USD', rows: readonly Row[]) {
  return withTenant(ctx, async (tx) => {
    const ids: string[] = [];
    for (const row of rows) {
      const hash = randomUUID();
      const [inserted] = await tx
        .insert(moneyTransactions)
        .values({
          tenantId: ctx.tenantId,
          accountId,
          bookedOn: row.on,
          amountMinor: row.minor,
          currency,
          payee: row.payee ?? 'SHOP',
          merchant: row.merchant ?? null,
          categoryId: row.categoryId ?? null,
          bucket: row.bucket ?? 'none',
          isTransfer: row.transfer ?? false,
          contentHash: hash,
          globalHash: hash,
        })
        .returning({ id: moneyTransactions.id });
      ids.push(inserted!.id);
      for (const [position, split] of (row.splits ?? []).entries()) {
        await tx.insert(moneyTransactionSplits).values({ tenantId: ctx.tenantId, transactionId: inserted!.id, amountMinor: split.minor, categoryId: split.categoryId ?? null, bucket: split.bucket ?? 'none', position });
      }
    }
    return ids;
  });
}

export async function subscribeWebhook(ctx: TenantContext, type: string) {
  await withTenant(ctx, (tx) => tx.insert(webhookEndpoints).values({ tenantId: ctx.tenantId, url: 'https://hooks.example.test/money', eventTypes: [type], secretSealed: 'sealed' }));
}

export async function setBudgetCreatedAt(ctx: TenantContext, budgetId: string, at: Date) {
  const { moneyBudgets } = await import('@/db/schema');
  await withTenant(ctx, (tx) => tx.update(moneyBudgets).set({ createdAt: at }).where(eq(moneyBudgets.id, budgetId)));
}
