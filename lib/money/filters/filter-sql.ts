import { and, eq, gte, inArray, isNull, lte, not, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { moneyTransactions as t } from '@/db/schema';
import { addDays } from '@/lib/money/recurring/dates';
import { postgresRegex, type MoneyFilter } from './filter-schema';

/**
 * filterWhere(filter, { today, excludeTransfers? }) → SQL | undefined
 *
 * The one translation of a MoneyFilter (filter-schema.ts) into a Drizzle `where` over
 * money_transactions, for the transactions list, the API and every report:
 *
 *   tx.select().from(moneyTransactions).where(filterWhere(filter, { today: '2026-03-31', excludeTransfers: true }))
 *
 * - `today` is the workspace's calendar day (zonedDay(new Date(), workspace.timezone)); a relative
 *   range "last N days" is the N days ending today, today included.
 * - `excludeTransfers: true` leaves transfers out whatever the filter says: reports, budgets and
 *   spending figures pass it (transfers are in no figure, as in the reference).
 * - Undefined when nothing narrows (`.where(undefined)` lists everything). Combine with `and(…)`.
 * - Full-text search uses exactly the GIN index's expression (payee, memo, notes); substring and
 *   regex (case-insensitive, JavaScript's syntax translated for Postgres) also look at the merchant.
 */
export function filterWhere(filter: MoneyFilter, options: { today: string; excludeTransfers?: boolean }): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  const range = filter.dateRange;
  if (range?.kind === 'relative') {
    parts.push(gte(t.bookedOn, addDays(options.today, -(range.lastDays - 1))), lte(t.bookedOn, options.today));
  } else if (range?.kind === 'absolute') {
    if (range.from) parts.push(gte(t.bookedOn, range.from));
    if (range.to) parts.push(lte(t.bookedOn, range.to));
  }
  if (filter.accounts?.length) parts.push(inArray(t.accountId, filter.accounts));
  if (filter.excludeAccounts?.length) parts.push(notInArray(t.accountId, filter.excludeAccounts));
  if (filter.tags?.length) parts.push(sql`${t.tags} && ${textArray(filter.tags)}`);
  if (filter.excludeTags?.length) parts.push(not(sql`${t.tags} && ${textArray(filter.excludeTags)}`));
  if (filter.categories?.length) {
    const ids = filter.categories.filter((id) => id !== 'none');
    const none = filter.categories.includes('none');
    parts.push(or(ids.length ? inArray(t.categoryId, ids) : undefined, none ? isNull(t.categoryId) : undefined));
  }
  if (filter.buckets?.length) parts.push(inArray(t.bucket, filter.buckets));
  if (filter.merchants?.length) {
    parts.push(inArray(sql`lower(coalesce(${t.merchant}, ${t.payee}))`, filter.merchants.map((m) => m.toLowerCase())));
  }
  const amount = filter.amountAbsolute ? sql`abs(${t.amountMinor})` : sql`${t.amountMinor}`;
  if (filter.amountMin !== undefined) parts.push(sql`${amount} >= ${filter.amountMin.toString()}::bigint`);
  if (filter.amountMax !== undefined) parts.push(sql`${amount} <= ${filter.amountMax.toString()}::bigint`);
  if (filter.text) parts.push(textWhere(filter.text.mode, filter.text.value));
  if (filter.reconciliation?.length) parts.push(inArray(t.reconciliation, filter.reconciliation));
  if (filter.status?.length) parts.push(inArray(t.status, filter.status));
  const transfers = options.excludeTransfers ? 'exclude' : (filter.transfers ?? 'include');
  if (transfers === 'exclude') parts.push(eq(t.isTransfer, false));
  if (transfers === 'only') parts.push(eq(t.isTransfer, true));
  const present = parts.filter((part): part is SQL => part !== undefined);
  return present.length ? and(...present) : undefined;
}

/** The search index's expression, character for character, so Postgres uses the GIN index. */
export const SEARCH_DOCUMENT = sql`to_tsvector('simple', ${t.payee} || ' ' || coalesce(${t.memo}, '') || ' ' || coalesce(${t.notes}, ''))`;

function textWhere(mode: 'search' | 'substring' | 'regex', value: string): SQL {
  if (mode === 'search') return sql`${SEARCH_DOCUMENT} @@ websearch_to_tsquery('simple', ${value})`;
  const fields = [t.payee, t.memo, t.notes, t.merchant];
  if (mode === 'regex') {
    const pattern = postgresRegex(value);
    return or(...fields.map((field) => sql`coalesce(${field}, '') ~* ${pattern}`))!;
  }
  const needle = value.toLowerCase();
  return or(...fields.map((field) => sql`strpos(lower(coalesce(${field}, '')), ${needle}) > 0`))!;
}

function textArray(values: readonly string[]): SQL {
  return sql`${`{${values.map((v) => `"${v.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`}::text[]`;
}
