import { and, count, desc, sql, sum } from 'drizzle-orm';
import { z } from 'zod';
import { moneyTransactions as t, moneyTransactionSplits } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import type { CurrencyCode } from '@/lib/currency';
import { filterWhere } from '@/lib/money/filters/filter-sql';
import type { MoneyFilter } from '@/lib/money/filters/filter-schema';
import type { MoneyTransaction } from './transactions';

// The ledger, newest first: booked_on desc, then id desc, a total order, so a cursor (the last
// row's date and id) pages through without skipping or repeating rows however many share a day.

export const transactionCursorSchema = z.strictObject({ b: z.iso.date(), i: z.uuid() });
export type TransactionCursor = z.output<typeof transactionCursorSchema>;

export type TransactionRow = MoneyTransaction & { splitCount: number };
export type TransactionPage = { rows: TransactionRow[]; next: TransactionCursor | null };

export async function listTransactions(
  tx: Tx,
  options: { filter: MoneyFilter; today: string; limit: number; cursor?: TransactionCursor },
): Promise<TransactionPage> {
  const after = options.cursor ? sql`(${t.bookedOn}, ${t.id}) < (${options.cursor.b}::date, ${options.cursor.i}::uuid)` : undefined;
  const rows = await tx
    .select({
      row: t,
      splitCount: sql<number>`(select count(*) from ${moneyTransactionSplits} where ${moneyTransactionSplits.transactionId} = ${t.id})`.mapWith(Number),
    })
    .from(t)
    .where(and(filterWhere(options.filter, { today: options.today }), after))
    .orderBy(desc(t.bookedOn), desc(t.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit).map(({ row, splitCount }) => ({ ...row, splitCount }));
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > options.limit && last ? { b: last.bookedOn, i: last.id } : null };
}

export type TransactionTotals = { currency: CurrencyCode; count: number; inMinor: bigint; outMinor: bigint };

/** Count, money in and money out of everything the filter matches, per currency. */
export async function transactionTotals(tx: Tx, filter: MoneyFilter, today: string): Promise<TransactionTotals[]> {
  const rows = await tx
    .select({
      currency: t.currency,
      n: count(),
      in: sum(sql`case when ${t.amountMinor} > 0 then ${t.amountMinor} else 0 end`),
      out: sum(sql`case when ${t.amountMinor} < 0 then ${t.amountMinor} else 0 end`),
    })
    .from(t)
    .where(filterWhere(filter, { today }))
    .groupBy(t.currency)
    .orderBy(desc(count()));
  return rows.map((r) => ({ currency: r.currency, count: r.n, inMinor: BigInt(r.in ?? 0), outMinor: BigInt(r.out ?? 0) }));
}
