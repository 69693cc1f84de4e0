import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/rows';
import { moneyTransactions, moneyTransactionSplits } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import type { BudgetPeriod } from './budget-math';

export type SpendTarget = { id: string; period: BudgetPeriod; categoryId: string | null; bucket: string | null; currency: string };

/**
 * What each budget's category or bucket spent per period between two days (inclusive): |sum of
 * negative, non-transfer amounts| in the budget's currency. A split transaction counts each line
 * toward its own category and bucket, and the unallocated rest toward the transaction's own.
 * Returns budget id → period start → spent.
 */
export async function spentByPeriod(tx: Tx, targets: readonly SpendTarget[], from: string, to: string): Promise<Map<string, Map<string, bigint>>> {
  const result = new Map<string, Map<string, bigint>>(targets.map((t) => [t.id, new Map()]));
  if (!targets.length || from > to) return result;
  const json = JSON.stringify(targets.map((t) => ({ id: t.id, period: t.period, category_id: t.categoryId, bucket: t.bucket, currency: t.currency })));
  const rows = rowsOf<{ budget_id: string; period_start: string; spent: string }>(
    await tx.execute(sql`
      with budgets as (
        select * from jsonb_to_recordset(${json}::jsonb) as b(id uuid, period text, category_id uuid, bucket text, currency text)
      ), moved as (
        select t.id, t.booked_on, t.currency, t.category_id, t.bucket, t.amount_minor
        from ${moneyTransactions} t
        where not t.is_transfer and t.booked_on between ${from}::date and ${to}::date
      ), allocated as (
        select s.transaction_id, sum(s.amount_minor) as amount
        from ${moneyTransactionSplits} s join moved m on m.id = s.transaction_id
        group by s.transaction_id
      ), lines as (
        select m.booked_on, m.currency, m.category_id, m.bucket, m.amount_minor - coalesce(a.amount, 0) as amount
        from moved m left join allocated a on a.transaction_id = m.id
        union all
        select m.booked_on, m.currency, s.category_id, s.bucket, s.amount_minor
        from ${moneyTransactionSplits} s join moved m on m.id = s.transaction_id
      )
      select b.id::text as budget_id,
             case when b.period = 'yearly' then to_char(l.booked_on, 'YYYY') || '-01-01' else to_char(l.booked_on, 'YYYY-MM') || '-01' end as period_start,
             (-sum(l.amount))::text as spent
      from budgets b
      join lines l on l.currency = b.currency
        and ((b.category_id is not null and l.category_id = b.category_id) or (b.bucket is not null and l.bucket = b.bucket))
      where l.amount < 0
      group by 1, 2`),
  );
  for (const row of rows) result.get(row.budget_id)?.set(row.period_start, BigInt(row.spent));
  return result;
}
