import { asc, eq, inArray, sql } from 'drizzle-orm';
import { moneyTransactions, moneyTransactionSplits } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { fromMinor, parseMoney, type CurrencyCode } from '@/lib/currency';
import { AppError } from '@/lib/errors/app-error';
import { getAccount } from '@/lib/money/accounts';
import { queueMoneyTransactionsChanged } from '@/lib/money/budgets/transactions-changed';
import { bumpMoneyCache } from '@/lib/money/cache-version';
import { assertCategoriesExist } from '@/lib/money/categories';
import { ensureMoneyDefaults } from '@/lib/money/defaults';
import { contentHash, globalHash } from '@/lib/money/import/fingerprint';
import { ensureTagNames } from '@/lib/money/tags';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { fieldError, parseOrThrow } from './field-errors';
import { checkSplits } from './splits';
import { suggestAfterRecategorisation, type RecategorisationSuggestion } from './suggest-rule';
import { transactionInputSchema, transactionPatchSchema } from './transaction-input';

// Hand-made transactions and edits. A row typed in gets reconciliation `manually_entered` and the
// same two hashes an import computes, so a later bank file carrying it is recognised as a
// duplicate instead of doubling it. Every change bumps the report cache and queues the budget
// check (the transactions-changed workflow) in the same transaction.

export type MoneyTransaction = typeof moneyTransactions.$inferSelect;
export type MoneySplit = typeof moneyTransactionSplits.$inferSelect;
export type TransactionDetail = MoneyTransaction & { splits: MoneySplit[]; unallocatedMinor: bigint | null };

type SplitDraft = { categoryId: string | null; bucket: string; amountMinor: bigint; memo: string | null };

export async function getTransactionOrThrow(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<TransactionDetail> {
  const query = tx.select().from(moneyTransactions).where(eq(moneyTransactions.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'That transaction does not exist.');
  const splits = await tx.select().from(moneyTransactionSplits).where(eq(moneyTransactionSplits.transactionId, id)).orderBy(asc(moneyTransactionSplits.position));
  return withSplits(row, splits);
}

function withSplits(row: MoneyTransaction, splits: MoneySplit[]): TransactionDetail {
  const unallocatedMinor = splits.length ? checkSplits(row.amountMinor, splits).unallocatedMinor : null;
  return { ...row, splits, unallocatedMinor };
}

function amountIn(text: string, currency: CurrencyCode, field: string): bigint {
  try {
    return parseMoney(text.replace(/^\+/, ''), currency);
  } catch (error) {
    if (error instanceof AppError) throw fieldError(field, error.message);
    throw error;
  }
}

function draftSplits(splits: readonly { categoryId?: string | null; bucket: string; amount: string; memo?: string | null }[], currency: CurrencyCode): SplitDraft[] {
  return splits.map((split, index) => ({
    categoryId: split.categoryId ?? null,
    bucket: split.bucket,
    amountMinor: amountIn(split.amount, currency, `splits.${index}.amount`),
    memo: split.memo ?? null,
  }));
}

function assertSplits(totalMinor: bigint, splits: readonly SplitDraft[]): void {
  const { errors } = checkSplits(totalMinor, splits);
  const first = Object.values(errors)[0]?.[0];
  if (first) throw new AppError('validation_failed', first, { fields: errors });
}

async function writeSplits(tx: Tx, tenantId: string, transactionId: string, splits: readonly SplitDraft[]): Promise<void> {
  await tx.delete(moneyTransactionSplits).where(eq(moneyTransactionSplits.transactionId, transactionId));
  if (!splits.length) return;
  await tx.insert(moneyTransactionSplits).values(splits.map((split, position) => ({ tenantId, transactionId, position, ...split })));
}

async function checkLabels(tx: Tx, tenantId: string, labels: { categoryIds: (string | null | undefined)[]; buckets: string[]; tags: string[] }): Promise<void> {
  await assertCategoriesExist(tx, labels.categoryIds);
  await ensureTagNames(tx, tenantId, 'bucket', labels.buckets);
  await ensureTagNames(tx, tenantId, 'occasion', labels.tags);
}

function hashes(row: { bookedOn: string; amountMinor: bigint; currency: CurrencyCode; payee: string }, accountId: string) {
  return { contentHash: contentHash(row, accountId), globalHash: globalHash(row) };
}

function assertCurrency(sent: CurrencyCode | undefined, account: { currency: CurrencyCode }): void {
  if (sent !== undefined && sent !== account.currency) {
    throw fieldError('currency', `This account keeps ${account.currency}: a transaction on it is in ${account.currency}.`);
  }
}

async function accountOrFieldError(tx: Tx, accountId: string) {
  try {
    return await getAccount(tx, accountId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw fieldError('accountId', 'Choose an account.');
    throw error;
  }
}

export async function createTransaction(tx: Tx, ctx: TenantContext, raw: unknown, meta: RequestMeta): Promise<TransactionDetail> {
  const input = parseOrThrow(transactionInputSchema, raw);
  await ensureMoneyDefaults(tx, ctx.tenantId);
  const account = await accountOrFieldError(tx, input.accountId);
  assertCurrency(input.currency, account);
  const amountMinor = amountIn(input.amount, account.currency, 'amount');
  const splits = draftSplits(input.splits, account.currency);
  assertSplits(amountMinor, splits);
  await checkLabels(tx, ctx.tenantId, {
    categoryIds: [input.categoryId, ...splits.map((s) => s.categoryId)],
    buckets: [input.bucket, ...splits.map((s) => s.bucket)],
    tags: input.tags,
  });
  const basis = { bookedOn: input.bookedOn, amountMinor, currency: account.currency, payee: input.payee };
  const [row] = await tx
    .insert(moneyTransactions)
    .values({
      tenantId: ctx.tenantId,
      accountId: account.id,
      bookedOn: input.bookedOn,
      valueOn: input.valueOn ?? null,
      amountMinor,
      currency: account.currency,
      payee: input.payee,
      merchant: input.merchant ?? null,
      memo: input.memo ?? null,
      notes: input.notes ?? null,
      status: input.status,
      reconciliation: 'manually_entered',
      categoryId: input.categoryId ?? null,
      bucket: input.bucket,
      tags: input.tags,
      ...hashes(basis, account.id),
    })
    .returning();
  await writeSplits(tx, ctx.tenantId, row!.id, splits);
  await bumpMoneyCache(tx, ctx.tenantId);
  await queueMoneyTransactionsChanged(tx, ctx.tenantId, { from: input.bookedOn, to: input.bookedOn });
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    action: 'money.transaction_created',
    actorUserId: ctx.userId,
    targetType: 'money_transaction',
    targetId: row!.id,
    metadata: { accountId: account.id, bookedOn: input.bookedOn, amountMinor: amountMinor.toString(), currency: account.currency },
    ...meta,
  });
  return getTransactionOrThrow(tx, row!.id);
}

export type UpdateResult = { transaction: TransactionDetail; suggestion: RecategorisationSuggestion | null };

/**
 * Changes what is sent. On a hand-made row, moving the date, amount, payee or account recomputes
 * the hashes (an imported row keeps its bank line's); the
 * split lines must add up to a new amount (send new ones with it). Recategorising by hand returns a
 * rule suggestion ("always file <merchant> under …?") unless a rule already does it.
 */
export async function updateTransaction(tx: Tx, ctx: TenantContext, id: string, raw: unknown, _meta: RequestMeta): Promise<UpdateResult> {
  const input = parseOrThrow(transactionPatchSchema, raw);
  const current = await getTransactionOrThrow(tx, id, { lock: true });
  const account = input.accountId && input.accountId !== current.accountId ? await accountOrFieldError(tx, input.accountId) : await getAccount(tx, current.accountId);
  assertCurrency(input.currency, account);
  if (account.currency !== current.currency && input.amount === undefined) {
    throw fieldError('accountId', `That account keeps ${account.currency}; enter the amount in ${account.currency} too.`);
  }
  const amountMinor = input.amount !== undefined ? amountIn(input.amount, account.currency, 'amount') : current.amountMinor;
  const splits = input.splits !== undefined ? draftSplits(input.splits, account.currency) : current.splits;
  // Only a new amount or new lines are checked: editing the notes of a row split partially before
  // the lines had to add up is not refused.
  if (input.splits !== undefined || amountMinor !== current.amountMinor || account.currency !== current.currency) assertSplits(amountMinor, splits);
  const next = {
    accountId: account.id,
    bookedOn: input.bookedOn ?? current.bookedOn,
    valueOn: input.valueOn === undefined ? current.valueOn : input.valueOn,
    amountMinor,
    currency: account.currency,
    payee: input.payee ?? current.payee,
    merchant: input.merchant === undefined ? current.merchant : input.merchant,
    memo: input.memo === undefined ? current.memo : input.memo,
    notes: input.notes === undefined ? current.notes : input.notes,
    categoryId: input.categoryId === undefined ? current.categoryId : input.categoryId,
    bucket: input.bucket ?? current.bucket,
    tags: input.tags ?? current.tags,
    status: input.status ?? current.status,
    reconciliation: input.reconciliation ?? current.reconciliation,
  };
  await checkLabels(tx, ctx.tenantId, {
    categoryIds: input.categoryId !== undefined || input.splits !== undefined ? [next.categoryId, ...splits.map((s) => s.categoryId)] : [],
    buckets: [...(input.bucket !== undefined ? [next.bucket] : []), ...(input.splits !== undefined ? splits.map((s) => s.bucket) : [])],
    tags: input.tags ?? [],
  });
  // A row typed in by hand is fingerprinted from what it now says. An imported row keeps its
  // bank line's fingerprint whatever is edited, so the next export carrying that line is still
  // recognised as a duplicate instead of adding it again.
  await tx
    .update(moneyTransactions)
    .set({ ...next, ...(current.batchId === null ? hashes(next, next.accountId) : {}), updatedAt: sql`now()` })
    .where(eq(moneyTransactions.id, id));
  if (input.splits !== undefined) await writeSplits(tx, ctx.tenantId, id, splits);
  await bumpMoneyCache(tx, ctx.tenantId);
  await queueMoneyTransactionsChanged(tx, ctx.tenantId, { from: current.bookedOn, to: next.bookedOn });
  const transaction = await getTransactionOrThrow(tx, id);
  const recategorised = input.categoryId && input.categoryId !== current.categoryId ? input.categoryId : null;
  const suggestion = recategorised ? await suggestAfterRecategorisation(tx, transaction, recategorised) : null;
  return { transaction, suggestion };
}

/** Deletes it and its split lines; a linked transfer's counterpart goes back to an ordinary transaction (as on rollback). */
export async function deleteTransaction(tx: Tx, ctx: TenantContext, id: string, meta: RequestMeta): Promise<void> {
  const current = await getTransactionOrThrow(tx, id, { lock: true });
  await tx.update(moneyTransactions).set({ transferId: null, isTransfer: false, updatedAt: sql`now()` }).where(eq(moneyTransactions.transferId, id));
  await tx.delete(moneyTransactions).where(eq(moneyTransactions.id, id));
  await bumpMoneyCache(tx, ctx.tenantId);
  await queueMoneyTransactionsChanged(tx, ctx.tenantId, { from: current.bookedOn, to: current.bookedOn });
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    action: 'money.transaction_deleted',
    actorUserId: ctx.userId,
    targetType: 'money_transaction',
    targetId: id,
    metadata: { bookedOn: current.bookedOn, payee: current.payee, amount: fromMinor(current.amountMinor, current.currency), currency: current.currency },
    ...meta,
  });
}

/** Several by id, with their splits (the page's selection, the API's bulk answer). */
export async function getTransactions(tx: Tx, ids: readonly string[]): Promise<TransactionDetail[]> {
  if (!ids.length) return [];
  const rows = await tx.select().from(moneyTransactions).where(inArray(moneyTransactions.id, [...ids]));
  const splits = await tx.select().from(moneyTransactionSplits).where(inArray(moneyTransactionSplits.transactionId, [...ids])).orderBy(asc(moneyTransactionSplits.position));
  return rows.map((row) => withSplits(row, splits.filter((s) => s.transactionId === row.id)));
}
