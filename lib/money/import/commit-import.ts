import { and, eq, ne, sql } from 'drizzle-orm';
import { moneyImportBatches, moneyTransactions } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { consumeQuota } from '@/lib/billing/gates';
import { AppError } from '@/lib/errors/app-error';
import { queueMoneyTransactionsChanged } from '@/lib/money/budgets/transactions-changed';
import { bumpMoneyCache } from '@/lib/money/cache-version';
import { ensureAccountTag, ensureMoneyDefaults } from '@/lib/money/defaults';
import { linkBatchTransfers } from '@/lib/money/transfers/link-transfers';
import { emitWebhookEvent } from '@/lib/webhooks/emit';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { recordRuleMatches } from './import-rules';
import { planImport, type ImportPlan, type PlanInput, type PlannedRow } from './plan-import';

// Commit: the whole batch in the caller's one transaction — the batch row, its transactions, the
// quota and the audit entry land together or not at all. Idempotent: the same bytes committed
// again into the account (while their batch stands) return that batch and add nothing. With the
// rows: the workspace's defaults (first use), the account's tag, the rules' match counts, the
// report cache version, transfer pairs with the household's other accounts and the budgets' check.

export type CommitInput = PlanInput & {
  /** Rows the file could not read are skipped only when the person said so. */
  skipProblemRows?: boolean;
  /** Lines the person left out in the preview (e.g. possible duplicates they recognised). */
  excludeLines?: readonly number[];
};

export type CommitResult = { batchId: string; added: number; replayed: boolean; plan: ImportPlan; transfersLinked: number };

const ROWS_PER_INSERT = 10_000;

export async function commitImport(tx: Tx, ctx: TenantContext, input: CommitInput, meta: RequestMeta): Promise<CommitResult> {
  // Defaults first, so a first import already sees (and can file under) the default buckets.
  await ensureMoneyDefaults(tx, ctx.tenantId);
  const plan = await planImport(tx, input);
  if (plan.alreadyImportedBatchId) return { batchId: plan.alreadyImportedBatchId, added: 0, replayed: true, plan, transfersLinked: 0 };
  if (plan.problems.length && !input.skipProblemRows) {
    const lines = plan.problems.map((p) => p.line).slice(0, 10).join(', ');
    throw new AppError(
      'validation_failed',
      `${plan.problems.length} row${plan.problems.length === 1 ? '' : 's'} of this file can't be read (line${plan.problems.length === 1 ? '' : 's'} ${lines}${plan.problems.length > 10 ? ', …' : ''}). Fix the file, or import the other rows and skip these.`,
      { problems: plan.problems.slice(0, 100) },
    );
  }
  const excluded = new Set(input.excludeLines ?? []);
  const adding = plan.rows.filter((row) => row.verdict !== 'duplicate' && !row.rules.skip && !excluded.has(row.line));

  const [batch] = await tx
    .insert(moneyImportBatches)
    .values({
      tenantId: ctx.tenantId,
      accountId: plan.account.id,
      status: plan.problems.length ? 'partial' : 'completed',
      fileName: plan.fileName,
      fileHash: plan.fileHash,
      sizeBytes: plan.sizeBytes,
      format: plan.format,
      preset: plan.preset,
      rowsTotal: plan.rows.length + plan.problems.length,
      rowsImported: adding.length,
      rowsDuplicate: plan.counts.duplicate,
      rowsSkipped: plan.problems.length + (plan.rows.length - plan.counts.duplicate - adding.length),
      problems: plan.problems.map((p) => ({ line: p.line, message: p.message })),
      notes: plan.notes,
      statedClosingMinor: plan.balance?.stated.amountMinor ?? null,
      statedClosingOn: plan.balance?.stated.on ?? null,
      computedClosingMinor: plan.balance?.computedMinor ?? null,
      createdBy: ctx.userId,
    })
    // A concurrent commit of the same bytes won the file's unique index: this one is its replay.
    .onConflictDoNothing()
    .returning({ id: moneyImportBatches.id });
  if (!batch) {
    const [standing] = await tx
      .select({ id: moneyImportBatches.id })
      .from(moneyImportBatches)
      .where(and(eq(moneyImportBatches.accountId, plan.account.id), eq(moneyImportBatches.fileHash, plan.fileHash), ne(moneyImportBatches.status, 'rolled_back')));
    if (!standing) throw new AppError('conflict', 'Another import of this file is being written; try again in a moment.');
    return { batchId: standing.id, added: 0, replayed: true, plan, transfersLinked: 0 };
  }

  for (let start = 0; start < adding.length; start += ROWS_PER_INSERT) {
    await insertRows(tx, ctx.tenantId, plan.account.id, batch.id, adding.slice(start, start + ROWS_PER_INSERT));
  }
  if (adding.length) await consumeQuota(tx, ctx.tenantId, 'money.imported_rows', adding.length, `money-import:${batch.id}`);
  await ensureAccountTag(tx, ctx.tenantId, plan.account);
  // A skip rule matched its rows too: they count for it, though they were not written.
  const matched = plan.rows.filter((row) => row.verdict !== 'duplicate' && !excluded.has(row.line));
  await recordRuleMatches(tx, matched.map((row) => row.rules), new Date());
  const transfers = adding.length ? await linkBatchTransfers(tx, batch.id) : [];
  await bumpMoneyCache(tx, ctx.tenantId);
  if (adding.length) {
    const dates = adding.map((row) => row.bookedOn).sort();
    await queueMoneyTransactionsChanged(tx, ctx.tenantId, { from: dates[0]!, to: dates.at(-1)! });
  }
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    action: 'money.import_committed',
    actorUserId: ctx.userId,
    targetType: 'money_import_batch',
    targetId: batch.id,
    metadata: {
      account: plan.account.name,
      file: plan.fileName,
      format: plan.format,
      added: adding.length,
      duplicates: plan.counts.duplicate,
      skipped: plan.problems.length,
      skippedByRule: plan.counts.skippedByRule,
      transfers: transfers.length,
    },
    ...meta,
  });
  await emitWebhookEvent(tx, ctx.tenantId, 'money.import.completed', {
    batch_id: batch.id,
    account_id: plan.account.id,
    file_name: plan.fileName,
    format: plan.format,
    status: plan.problems.length ? 'partial' : 'completed',
    added: adding.length,
    duplicates: plan.counts.duplicate,
    skipped: plan.problems.length,
    transfers_linked: transfers.length,
  });
  return { batchId: batch.id, added: adding.length, replayed: false, plan, transfersLinked: transfers.length };
}

/**
 * One statement per 10,000 rows, the rows as one JSON parameter: a bank file of 100,000 rows is
 * ten statements instead of a hundred multi-row inserts whose building (and 1.5 M parameters)
 * cost more than the database's work. Amounts travel as strings, so no bigint passes a float.
 */
async function insertRows(tx: Tx, tenantId: string, accountId: string, batchId: string, rows: readonly PlannedRow[]): Promise<void> {
  const json = JSON.stringify(
    rows.map((row) => ({
      booked_on: row.bookedOn,
      value_on: row.valueOn,
      amount_minor: row.amountMinor.toString(),
      currency: row.currency,
      payee: row.payee,
      merchant: row.rules.merchant,
      memo: row.memo,
      status: row.status,
      reference: row.reference,
      content_hash: row.contentHash,
      global_hash: row.globalHash,
      source_line: row.line,
      category_id: row.rules.categoryId,
      bucket: row.rules.bucket,
      tags: row.rules.tags,
      is_transfer: row.rules.isTransfer,
    })),
  );
  await tx.execute(sql`
    insert into ${moneyTransactions} (tenant_id, account_id, batch_id, booked_on, value_on, amount_minor, currency, payee, merchant, memo, status, reference, content_hash, global_hash, source_line, category_id, bucket, tags, is_transfer)
    select ${tenantId}::uuid, ${accountId}::uuid, ${batchId}::uuid, r.booked_on, r.value_on, r.amount_minor, r.currency, r.payee, r.merchant, r.memo, r.status, r.reference, r.content_hash, r.global_hash, r.source_line, r.category_id, r.bucket, r.tags, r.is_transfer
    from jsonb_to_recordset(${json}::jsonb) as r(booked_on date, value_on date, amount_minor bigint, currency char(3), payee text, merchant text, memo text, status text, reference text, content_hash text, global_hash text, source_line integer, category_id uuid, bucket text, tags text[], is_transfer boolean)`);
}
