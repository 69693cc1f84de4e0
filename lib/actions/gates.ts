import type { Tx } from '@/db/tenant';
import { assertFeature, consumeQuota, type Feature, type Quota } from '@/lib/billing/gates';
import type { ConsumeResult } from '@/lib/billing/meter';

/**
 * A wrapper's `quota` option: the quota name (one unit per call), or the name and how many units
 * this call uses — a number, or computed from the parsed input (rows in an import).
 */
export type QuotaOption<I> = Quota | { quota: Quota; amount: number | ((input: I) => number) };

export type BillingGates<I> = { feature?: Feature | readonly Feature[]; quota?: QuotaOption<I> | readonly QuotaOption<I>[] };

/**
 * Entitlement, then quota, inside the action's own transaction before its handler: a refusal
 * (AppError('payment_required'), or QuotaExceeded) rolls back with nothing written, and quota
 * consumed by a handler that then fails is rolled back too. Returns what was metered, for the
 * wrapper to refresh the usage counters after commit.
 */
export async function runBillingGates<I>(tx: Tx, tenantId: string, gates: BillingGates<I>, input: I): Promise<ConsumeResult[]> {
  for (const feature of [gates.feature ?? []].flat() as Feature[]) await assertFeature(tx, tenantId, feature);
  const consumed: ConsumeResult[] = [];
  for (const option of [gates.quota ?? []].flat() as QuotaOption<I>[]) {
    const [quota, amount] = typeof option === 'string' ? [option, 1] : [option.quota, typeof option.amount === 'function' ? option.amount(input) : option.amount];
    // Nothing to count (an empty import) is not an operation.
    if (amount > 0) consumed.push(await consumeQuota(tx, tenantId, quota, amount));
  }
  return consumed;
}
