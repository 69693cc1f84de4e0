import { eq, sql } from 'drizzle-orm';
import { moneyImportBatches, moneyImports, moneyTransactions } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors/app-error';
import { queueMoneyTransactionsChanged } from '@/lib/money/budgets/transactions-changed';
import { bumpMoneyCache } from '@/lib/money/cache-version';
import { unlinkBatchCounterparts } from '@/lib/money/transfers/link-transfers';
import type { RequestMeta } from '@/lib/tenancy/request-meta';

/**
 * Removes exactly the batch's transactions and keeps the batch, marked rolled back, for the
 * record (the original app's rollback button is broken: its endpoint was removed). The same
 * file can then be imported again. Transfers the batch's rows were halves of are unlinked on the
 * other side first, so no transaction is left pointing at a row that is gone.
 */
export async function rollbackImport(tx: Tx, ctx: TenantContext, batchId: string, meta: RequestMeta): Promise<{ removed: number; transfersUnlinked: number }> {
  const [batch] = await tx.select().from(moneyImportBatches).where(eq(moneyImportBatches.id, batchId)).for('update');
  if (!batch) throw new AppError('not_found', 'That import does not exist.');
  if (batch.status === 'rolled_back') throw new AppError('conflict', 'This import was already rolled back.');
  const [span] = await tx
    .select({ from: sql<string | null>`min(${moneyTransactions.bookedOn})::text`, to: sql<string | null>`max(${moneyTransactions.bookedOn})::text` })
    .from(moneyTransactions)
    .where(eq(moneyTransactions.batchId, batchId));
  const unlinked = await unlinkBatchCounterparts(tx, batchId);
  const removed = await tx.delete(moneyTransactions).where(eq(moneyTransactions.batchId, batchId)).returning({ id: moneyTransactions.id });
  await tx.update(moneyImportBatches).set({ status: 'rolled_back', rolledBackAt: new Date(), rolledBackBy: ctx.userId }).where(eq(moneyImportBatches.id, batchId));
  await tx.update(moneyImports).set({ status: 'rolled_back', updatedAt: new Date() }).where(eq(moneyImports.batchId, batchId));
  await bumpMoneyCache(tx, ctx.tenantId);
  if (span?.from && span.to) await queueMoneyTransactionsChanged(tx, ctx.tenantId, { from: span.from, to: span.to });
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    action: 'money.import_rolled_back',
    actorUserId: ctx.userId,
    targetType: 'money_import_batch',
    targetId: batchId,
    metadata: { file: batch.fileName, removed: removed.length, transfersUnlinked: unlinked },
    ...meta,
  });
  return { removed: removed.length, transfersUnlinked: unlinked };
}
