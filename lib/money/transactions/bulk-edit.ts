import { inArray, sql, type SQL } from 'drizzle-orm';
import { moneyTransactions as t } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { queueMoneyTransactionsChanged } from '@/lib/money/budgets/transactions-changed';
import { bumpMoneyCache } from '@/lib/money/cache-version';
import { assertCategoriesExist } from '@/lib/money/categories';
import { ensureTagNames } from '@/lib/money/tags';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { parseOrThrow } from './field-errors';
import { bulkEditSchema } from './transaction-input';

// One statement for the whole selection: category, bucket, merchant set (or cleared), occasion
// tags added and removed — tags keep their order, with no duplicates. Ids the workspace doesn't
// hold are simply not matched (RLS), so the count says how many changed.

function textArray(values: readonly string[]): SQL {
  return sql`${`{${values.map((v) => `"${v.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`}::text[]`;
}

export async function bulkEditTransactions(tx: Tx, ctx: TenantContext, raw: unknown, meta: RequestMeta): Promise<{ updated: number; ids: string[] }> {
  const edit = parseOrThrow(bulkEditSchema, raw);
  if (edit.categoryId) await assertCategoriesExist(tx, [edit.categoryId]);
  if (edit.bucket) await ensureTagNames(tx, ctx.tenantId, 'bucket', [edit.bucket]);
  if (edit.addTags?.length) await ensureTagNames(tx, ctx.tenantId, 'occasion', edit.addTags);
  const add = edit.addTags ?? [];
  const remove = edit.removeTags ?? [];
  const tags =
    add.length || remove.length
      ? sql`array(select x from unnest(${t.tags} || ${textArray(add)}) with ordinality as u(x, n) where x <> all(${textArray(remove)}) group by x order by min(n))`
      : undefined;
  const rows = await tx
    .update(t)
    .set({
      ...(edit.categoryId !== undefined ? { categoryId: edit.categoryId } : {}),
      ...(edit.bucket !== undefined ? { bucket: edit.bucket } : {}),
      ...(edit.merchant !== undefined ? { merchant: edit.merchant } : {}),
      ...(tags ? { tags } : {}),
      updatedAt: sql`now()`,
    })
    .where(inArray(t.id, edit.ids))
    .returning({ id: t.id, bookedOn: t.bookedOn });
  if (rows.length) {
    await bumpMoneyCache(tx, ctx.tenantId);
    const dates = rows.map((r) => r.bookedOn).sort();
    await queueMoneyTransactionsChanged(tx, ctx.tenantId, { from: dates[0]!, to: dates.at(-1)! });
    await recordWorkspaceAudit(tx, ctx.tenantId, {
      action: 'money.transactions_bulk_updated',
      actorUserId: ctx.userId,
      targetType: 'money_transaction',
      metadata: {
        count: rows.length,
        ...(edit.categoryId !== undefined ? { categoryId: edit.categoryId } : {}),
        ...(edit.bucket !== undefined ? { bucket: edit.bucket } : {}),
        ...(edit.merchant !== undefined ? { merchant: edit.merchant } : {}),
        ...(add.length ? { addTags: add } : {}),
        ...(remove.length ? { removeTags: remove } : {}),
      },
      ...meta,
    });
  }
  return { updated: rows.length, ids: rows.map((r) => r.id) };
}
