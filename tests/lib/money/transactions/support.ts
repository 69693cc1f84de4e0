import { moneyTransactions } from '@/db/schema';
import { withTenant, type TenantContext } from '@/db/tenant';
import type { CurrencyCode } from '@/lib/currency';
import { createAccount } from '@/lib/money/accounts';
import { ensureMoneyDefaults } from '@/lib/money/defaults';
import { contentHash, globalHash } from '@/lib/money/import/fingerprint';
import { createWorkspaceWithOwner, meta, putOnPlan } from '../../api-keys/support';

// A household on the pro plan with a checking account and the default buckets and categories,
// plus a row writer for tests that need transactions without going through an import.

export { meta };

export async function household(options: { accounts?: string[] } = {}) {
  const { ownerCtx: ctx, workspace, owner } = await createWorkspaceWithOwner();
  await putOnPlan(workspace.id, 'pro');
  const accounts = await withTenant(ctx, async (tx) => {
    await ensureMoneyDefaults(tx, ctx.tenantId);
    const made = [];
    for (const name of options.accounts ?? ['Checking']) made.push(await createAccount(tx, ctx, { name, type: 'checking', currency: 'USD' }, meta));
    return made;
  });
  return { ctx, workspace, owner, accounts, checking: accounts[0]! };
}

export type RowSeed = {
  accountId: string;
  bookedOn: string;
  amountMinor: bigint;
  payee: string;
  currency?: CurrencyCode;
  merchant?: string | null;
  memo?: string | null;
  notes?: string | null;
  categoryId?: string | null;
  bucket?: string;
  tags?: string[];
  reconciliation?: 'unreconciled' | 'matched' | 'manually_entered' | 'ignored';
  status?: 'pending' | 'cleared';
  isTransfer?: boolean;
};

/** Inserts rows as an import would leave them (hashes included) and returns them. */
export async function seedRows(ctx: TenantContext, rows: RowSeed[]) {
  if (!rows.length) return [];
  return withTenant(ctx, (tx) =>
    tx
      .insert(moneyTransactions)
      .values(
        rows.map((row) => {
          const currency = row.currency ?? 'USD';
          const basis = { bookedOn: row.bookedOn, amountMinor: row.amountMinor, currency, payee: row.payee };
          return {
            tenantId: ctx.tenantId,
            accountId: row.accountId,
            bookedOn: row.bookedOn,
            amountMinor: row.amountMinor,
            currency,
            payee: row.payee,
            merchant: row.merchant ?? null,
            memo: row.memo ?? null,
            notes: row.notes ?? null,
            categoryId: row.categoryId ?? null,
            bucket: row.bucket ?? 'none',
            tags: row.tags ?? [],
            reconciliation: row.reconciliation ?? 'unreconciled',
            status: row.status ?? 'cleared',
            isTransfer: row.isTransfer ?? false,
            contentHash: contentHash(basis, row.accountId),
            globalHash: globalHash(basis),
          };
        }),
      )
      .returning(),
  );
}
