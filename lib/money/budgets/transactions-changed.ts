import type { Tx } from '@/db/tenant';
import { enqueueWorkflow } from '@/lib/jobs/outbox';
import { moneyTransactionsChangedWorkflow } from '@/lib/money/workflows';

/**
 * THE call for code that adds, changes or removes transactions (an import's commit, an edit, a
 * rollback): in the same transaction, so the budget check runs exactly when the change commits,
 * and never for a change that rolled back. `from`/`to` are the booked dates touched (YYYY-MM-DD).
 */
export async function queueMoneyTransactionsChanged(tx: Tx, tenantId: string, range: { from: string; to: string }): Promise<void> {
  const [from, to] = range.from <= range.to ? [range.from, range.to] : [range.to, range.from];
  await enqueueWorkflow(tx, moneyTransactionsChangedWorkflow, { tenantId, from, to });
}
