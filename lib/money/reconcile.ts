import { and, asc, eq, inArray, sql, sum } from 'drizzle-orm';
import { z } from 'zod';
import { moneyTransactions as t } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { getAccount, type MoneyAccount } from './accounts';
import { bumpMoneyCache } from './cache-version';
import { parseOrThrow } from './transactions/field-errors';
import type { MoneyTransaction } from './transactions/transactions';

// Reconciling an account against a bank statement: the matched balance (opening balance plus
// every transaction the person matched) is where the statement starts; the open rows (not yet
// matched or ignored, hand-entered ones included) are ticked off until the running total meets
// the statement's balance. Transfers count: they are real money on the account.

export const OPEN_RECONCILIATION = ['unreconciled', 'manually_entered'] as const;
export const RECONCILE_MAX = 1000;

export type ReconcileView = {
  account: MoneyAccount;
  matchedBalanceMinor: bigint;
  /** Oldest first, the order a statement lists them. */
  open: MoneyTransaction[];
};

export async function reconcileView(tx: Tx, accountId: string): Promise<ReconcileView> {
  const account = await getAccount(tx, accountId);
  const [matched] = await tx
    .select({ total: sum(t.amountMinor) })
    .from(t)
    .where(and(eq(t.accountId, accountId), eq(t.reconciliation, 'matched')));
  const open = await tx
    .select()
    .from(t)
    .where(and(eq(t.accountId, accountId), inArray(t.reconciliation, [...OPEN_RECONCILIATION])))
    .orderBy(asc(t.bookedOn), asc(t.createdAt), asc(t.id))
    .limit(RECONCILE_MAX);
  return { account, matchedBalanceMinor: account.openingBalanceMinor + BigInt(matched?.total ?? 0), open };
}

export const reconcileInputSchema = z.strictObject({
  accountId: z.uuid({ error: 'Choose an account.' }),
  ids: z
    .array(z.uuid())
    .min(1, { error: 'Tick at least one transaction.' })
    .max(RECONCILE_MAX, { error: `At most ${RECONCILE_MAX} at once.` })
    .transform((ids) => [...new Set(ids)]),
  status: z.enum(['matched', 'ignored', 'unreconciled'], { error: 'Choose matched, ignored or unreconciled.' }),
});

/** Marks the ticked rows of one account; rows of other accounts in the list are left alone. */
export async function markReconciliation(tx: Tx, ctx: TenantContext, raw: unknown, meta: RequestMeta): Promise<{ updated: number }> {
  const input = parseOrThrow(reconcileInputSchema, raw);
  await getAccount(tx, input.accountId);
  const rows = await tx
    .update(t)
    // Back to open: a row no bank file brought (no batch: typed in by hand) is open as
    // manually_entered again, as it was made, not as an unreconciled bank line.
    .set({
      reconciliation:
        input.status === 'unreconciled' ? sql`case when ${t.batchId} is null and ${t.reconciliation} <> 'unreconciled' then 'manually_entered' else 'unreconciled' end` : input.status,
      updatedAt: sql`now()`,
    })
    .where(and(eq(t.accountId, input.accountId), inArray(t.id, input.ids)))
    .returning({ id: t.id });
  if (rows.length) {
    await bumpMoneyCache(tx, ctx.tenantId);
    await recordWorkspaceAudit(tx, ctx.tenantId, {
      action: 'money.transactions_reconciled',
      actorUserId: ctx.userId,
      targetType: 'money_account',
      targetId: input.accountId,
      metadata: { status: input.status, count: rows.length },
      ...meta,
    });
  }
  return { updated: rows.length };
}
