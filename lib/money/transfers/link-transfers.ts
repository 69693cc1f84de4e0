import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/rows';
import { moneyTransactions } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors/app-error';
import { bumpMoneyCache } from '@/lib/money/cache-version';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { detectTransfers, TRANSFER_DEFAULTS, type TransferPair } from './detect-transfers';

// Transfer pairs on the ledger: both halves `is_transfer`, each pointing at the other through
// `transfer_id`. After an import only pairs with a half in the new batch are linked: a pair the
// person unlinked earlier stays unlinked until they link it again.

/** Links each pair both ways (one statement); halves already linked elsewhere are left alone. */
async function writePairs(tx: Tx, pairs: readonly { a: string; b: string }[]): Promise<void> {
  if (!pairs.length) return;
  const json = JSON.stringify(pairs.flatMap(({ a, b }) => [{ id: a, other: b }, { id: b, other: a }]));
  await tx.execute(sql`
    update ${moneyTransactions} set is_transfer = true, transfer_id = p.other, updated_at = now()
    from jsonb_to_recordset(${json}::jsonb) as p(id uuid, other uuid)
    where ${moneyTransactions.id} = p.id`);
}

/**
 * After a batch is written: its transactions and the workspace's other unlinked ones with the
 * opposite amount on another account within 3 days, paired by detectTransfers (closest first, each
 * at most once) and linked. The candidates are found by one join, so a batch with no counterpart
 * anywhere (the usual large import into one account) costs one indexed query.
 */
export async function linkBatchTransfers(tx: Tx, batchId: string): Promise<TransferPair[]> {
  const window = TRANSFER_DEFAULTS.windowDays;
  const matches = rowsOf<{ batch_id: string; other_id: string }>(
    await tx.execute(sql`
      select b.id as batch_id, o.id as other_id
      from ${moneyTransactions} b
      join ${moneyTransactions} o
        on o.amount_minor = -b.amount_minor and o.currency = b.currency and o.account_id <> b.account_id
        and o.booked_on between b.booked_on - ${window}::integer and b.booked_on + ${window}::integer
        and o.transfer_id is null and o.tenant_id = b.tenant_id
      where b.batch_id = ${batchId}::uuid and b.transfer_id is null and b.amount_minor <> 0`),
  );
  if (!matches.length) return [];
  const ids = [...new Set(matches.flatMap((m) => [m.batch_id, m.other_id]))];
  const candidates = await tx
    .select({
      id: moneyTransactions.id,
      accountId: moneyTransactions.accountId,
      bookedOn: moneyTransactions.bookedOn,
      amountMinor: moneyTransactions.amountMinor,
      currency: moneyTransactions.currency,
      payee: moneyTransactions.payee,
      memo: moneyTransactions.memo,
      batchId: moneyTransactions.batchId,
    })
    .from(moneyTransactions)
    .where(inArray(moneyTransactions.id, ids));
  const inBatch = new Set(candidates.filter((c) => c.batchId === batchId).map((c) => c.id));
  const pairs = detectTransfers(candidates).filter((pair) => inBatch.has(pair.outId) || inBatch.has(pair.inId));
  await writePairs(tx, pairs.map((pair) => ({ a: pair.outId, b: pair.inId })));
  return pairs;
}

/** Before a batch's transactions are deleted: their counterparts elsewhere go back to ordinary transactions. */
export async function unlinkBatchCounterparts(tx: Tx, batchId: string): Promise<number> {
  const inBatch = tx.select({ id: moneyTransactions.id }).from(moneyTransactions).where(eq(moneyTransactions.batchId, batchId));
  const freed = await tx
    .update(moneyTransactions)
    .set({ isTransfer: false, transferId: null, updatedAt: new Date() })
    .where(and(inArray(moneyTransactions.transferId, inBatch), or(isNull(moneyTransactions.batchId), sql`${moneyTransactions.batchId} <> ${batchId}::uuid`)))
    .returning({ id: moneyTransactions.id });
  return freed.length;
}

async function getHalf(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: moneyTransactions.id, accountId: moneyTransactions.accountId, transferId: moneyTransactions.transferId, amountMinor: moneyTransactions.amountMinor, currency: moneyTransactions.currency })
    .from(moneyTransactions)
    .where(eq(moneyTransactions.id, id))
    .for('update');
  if (!row) throw new AppError('not_found', 'That transaction does not exist.');
  return row;
}

/**
 * Links two transactions as the halves of one transfer (the person's word: amounts need not be
 * exactly opposite, fees happen), both then left out of every report. Either half already linked
 * to a third transaction is refused; linking a pair already linked changes nothing.
 */
export async function linkTransfer(tx: Tx, ctx: TenantContext, aId: string, bId: string, meta: RequestMeta): Promise<{ linked: boolean }> {
  if (aId === bId) throw new AppError('validation_failed', 'A transfer links two different transactions.');
  const [a, b] = [await getHalf(tx, aId), await getHalf(tx, bId)];
  if (a.transferId === b.id && b.transferId === a.id) return { linked: false };
  if (a.accountId === b.accountId) throw new AppError('validation_failed', 'A transfer moves money between two different accounts.');
  if (a.currency !== b.currency) throw new AppError('validation_failed', 'Both halves of a transfer must be in the same currency.');
  if (a.transferId || b.transferId) throw new AppError('conflict', 'One of these transactions is already linked to another transfer: unlink it first.');
  await writePairs(tx, [{ a: a.id, b: b.id }]);
  await bumpMoneyCache(tx, ctx.tenantId);
  await recordWorkspaceAudit(tx, ctx.tenantId, { action: 'money.transfer_linked', actorUserId: ctx.userId, targetType: 'money_transaction', targetId: a.id, metadata: { with: b.id }, ...meta });
  return { linked: true };
}

/** Unlinks a transfer from either half: both become ordinary transactions again. */
export async function unlinkTransfer(tx: Tx, ctx: TenantContext, id: string, meta: RequestMeta): Promise<{ unlinked: boolean }> {
  const half = await getHalf(tx, id);
  if (!half.transferId) return { unlinked: false };
  await tx
    .update(moneyTransactions)
    .set({ isTransfer: false, transferId: null, updatedAt: new Date() })
    .where(or(inArray(moneyTransactions.id, [half.id, half.transferId]), eq(moneyTransactions.transferId, half.id)));
  await bumpMoneyCache(tx, ctx.tenantId);
  await recordWorkspaceAudit(tx, ctx.tenantId, { action: 'money.transfer_unlinked', actorUserId: ctx.userId, targetType: 'money_transaction', targetId: half.id, metadata: { with: half.transferId }, ...meta });
  return { unlinked: true };
}
