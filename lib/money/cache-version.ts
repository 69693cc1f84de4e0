import { sql } from 'drizzle-orm';
import { moneySettings } from '@/db/schema';
import type { Tx } from '@/db/tenant';

// Every change a Money report reads (transactions, rules, categories, budgets) calls
// bumpMoneyCache in its own transaction: the version is part of every cached report's key
// (lib/money/reports), so a committed change makes the old entries unreachable at once, and a
// rolled-back one leaves them valid. No key is ever scanned or deleted.

/** Increments the workspace's report cache version in the caller's transaction. */
export async function bumpMoneyCache(tx: Tx, tenantId: string): Promise<void> {
  await tx
    .insert(moneySettings)
    .values({ tenantId, cacheVersion: 1 })
    .onConflictDoUpdate({ target: moneySettings.tenantId, set: { cacheVersion: sql`${moneySettings.cacheVersion} + 1`, updatedAt: sql`now()` } });
}

/** The current version (0 before the first change). */
export async function moneyCacheVersion(tx: Tx): Promise<number> {
  const [row] = await tx.select({ version: moneySettings.cacheVersion }).from(moneySettings);
  return row?.version ?? 0;
}
