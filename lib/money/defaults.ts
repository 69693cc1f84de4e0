import { isNull, sql } from 'drizzle-orm';
import { moneyCategories, moneySettings, moneyTags } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { DEFAULT_BUCKETS } from './rules/apply-rules';

// A household's first use of Money gets the default buckets (the rule engine's keyword lists, so
// a migrating household sees the buckets its old app filed things under) and a starter set of
// categories. Once per workspace: a bucket or category the household deleted never comes back.

export const DEFAULT_CATEGORIES: readonly { name: string; kind: 'expense' | 'income' }[] = [
  { name: 'Salary', kind: 'income' },
  { name: 'Other income', kind: 'income' },
  { name: 'Rent & mortgage', kind: 'expense' },
  { name: 'Groceries', kind: 'expense' },
  { name: 'Eating out', kind: 'expense' },
  { name: 'Transport', kind: 'expense' },
  { name: 'Utilities', kind: 'expense' },
  { name: 'Shopping', kind: 'expense' },
  { name: 'Entertainment', kind: 'expense' },
  { name: 'Health', kind: 'expense' },
  { name: 'Subscriptions', kind: 'expense' },
  { name: 'Travel', kind: 'expense' },
  { name: 'Fees & interest', kind: 'expense' },
];

/** Seeds the defaults the first time; a no-op ever after (and under a concurrent first use). */
export async function ensureMoneyDefaults(tx: Tx, tenantId: string): Promise<void> {
  await tx.insert(moneySettings).values({ tenantId }).onConflictDoNothing({ target: moneySettings.tenantId });
  const claimed = await tx
    .update(moneySettings)
    .set({ defaultsSeededAt: sql`now()` })
    .where(isNull(moneySettings.defaultsSeededAt))
    .returning({ id: moneySettings.id });
  if (!claimed.length) return;
  await tx
    .insert(moneyTags)
    .values(DEFAULT_BUCKETS.map(({ bucket }, index) => ({ tenantId, namespace: 'bucket', name: bucket, sortOrder: index })))
    .onConflictDoNothing();
  await tx
    .insert(moneyCategories)
    .values(DEFAULT_CATEGORIES.map((category, index) => ({ tenantId, ...category, sortOrder: index })))
    .onConflictDoNothing();
}

/** The account tag for an account name, the reference's spelling: lower case, spaces → dashes. */
export function accountTagName(accountName: string): string {
  return accountName.trim().toLowerCase().replace(/\s+/g, '-');
}

/** Creates the account's tag (idempotent): every account has one, as in the reference. */
export async function ensureAccountTag(tx: Tx, tenantId: string, account: { id: string; name: string }): Promise<void> {
  await tx.insert(moneyTags).values({ tenantId, namespace: 'account', name: accountTagName(account.name), accountId: account.id }).onConflictDoNothing();
}

