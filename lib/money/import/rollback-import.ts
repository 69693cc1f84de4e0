import { eq } from 'drizzle-orm';
import { moneyImportBatches, moneyTransactions } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors/app-error';
import type { RequestMeta } from '@/lib/tenancy/request-meta';

/**
 * Removes exactly the batch's transactions and keeps the batch, marked rolled back, for the
 * record (the original app's rollback button is broken: its endpoint was removed). The same
 * file can then be imported again.
 */
export async function rollbackImport(tx: Tx, ctx: TenantContext, batchId: string, meta: RequestMeta): Promise<{ removed: number }> {
  const [batch] = await tx.select().from(moneyImportBatches).where(eq(moneyImportBatches.id, batchId)).for('update');
  if (!batch) throw new AppError('not_found', 'That import does not exist.');
  if (batch.status === 'rolled_back') throw new AppError('conflict', 'This import was already rolled back.');
  const removed = await tx.delete(moneyTransactions).where(eq(moneyTransactions.batchId, batchId)).returning({ id: moneyTransactions.id });
  await tx.update(moneyImportBatches).set({ status: 'rolled_back', rolledBackAt: new Date(), rolledBackBy: ctx.userId }).where(eq(moneyImportBatches.id, batchId));
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    action: 'money.import_rolled_back',
    actorUserId: ctx.userId,
    targetType: 'money_import_batch',
    targetId: batchId,
    metadata: { file: batch.fileName, removed: removed.length },
    ...meta,
  });
  return { removed: removed.length };
}
