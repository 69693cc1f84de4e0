import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/rows';
import { moneyCategories, moneyTransactions } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import type { CurrencyCode } from '@/lib/currency';
import { listBudgetProgress, type BudgetProgress } from '@/lib/money/budgets/progress';
import { addDays } from '@/lib/money/recurring/dates';
import { listRecurring, type RecurringItem } from '@/lib/money/recurring/store';

// The weekly summary's figures, in plain SQL of its own (the reports module is separate work):
// income, spending and net for the week, the top categories and buckets by spending, the budgets
// at risk this month, and the recurring payments expected in the coming week. Transfers are left
// out; only the workspace's currency is counted.

export type WeeklySummary = {
  from: string;
  to: string;
  currency: CurrencyCode;
  incomeMinor: bigint;
  spendingMinor: bigint;
  netMinor: bigint;
  topCategories: Array<{ name: string; spentMinor: bigint }>;
  topBuckets: Array<{ name: string; spentMinor: bigint }>;
  budgetsAtRisk: BudgetProgress[];
  upcoming: RecurringItem[];
};

const TOP = 5;

export async function computeWeeklySummary(tx: Tx, options: { from: string; to: string; today: string; currency: CurrencyCode }): Promise<WeeklySummary> {
  const { from, to, today, currency } = options;
  const window = sql`not t.is_transfer and t.currency = ${currency} and t.booked_on between ${from}::date and ${to}::date`;
  const [totals] = rowsOf<{ income: string; spending: string }>(
    await tx.execute(sql`
      select coalesce(sum(t.amount_minor) filter (where t.amount_minor > 0), 0)::text as income,
             coalesce(-sum(t.amount_minor) filter (where t.amount_minor < 0), 0)::text as spending
      from ${moneyTransactions} t where ${window}`),
  );
  const categories = rowsOf<{ name: string; spent: string }>(
    await tx.execute(sql`
      select coalesce(c.name, 'Uncategorised') as name, (-sum(t.amount_minor))::text as spent
      from ${moneyTransactions} t left join ${moneyCategories} c on c.tenant_id = t.tenant_id and c.id = t.category_id
      where ${window} and t.amount_minor < 0
      group by 1 order by sum(t.amount_minor) asc, 1 limit ${TOP}`),
  );
  const buckets = rowsOf<{ name: string; spent: string }>(
    await tx.execute(sql`
      select t.bucket as name, (-sum(t.amount_minor))::text as spent
      from ${moneyTransactions} t
      where ${window} and t.amount_minor < 0
      group by 1 order by sum(t.amount_minor) asc, 1 limit ${TOP}`),
  );
  const progress = await listBudgetProgress(tx, { month: today.slice(0, 7), today });
  const budgetsAtRisk = progress.filter((p) => p.status !== 'on_track' || p.projectedMinor > p.availableMinor);
  const recurring = await listRecurring(tx, { today });
  const until = addDays(today, 7);
  const upcoming = recurring.upcoming.filter((r) => r.nextExpectedOn <= until);
  const incomeMinor = BigInt(totals?.income ?? '0');
  const spendingMinor = BigInt(totals?.spending ?? '0');
  return {
    from,
    to,
    currency,
    incomeMinor,
    spendingMinor,
    netMinor: incomeMinor - spendingMinor,
    topCategories: categories.map((r) => ({ name: r.name, spentMinor: BigInt(r.spent) })),
    topBuckets: buckets.map((r) => ({ name: r.name, spentMinor: BigInt(r.spent) })),
    budgetsAtRisk,
    upcoming,
  };
}
