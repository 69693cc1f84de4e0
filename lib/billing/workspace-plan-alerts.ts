import type { Tx } from '@/db/tenant';
import { seatsInUse } from '@/lib/tenancy/seat-limit';
import { cachedEntitlements } from './entitlements-cache';
import { planAlerts, type PlanAlert } from './plan-alerts';
import type { Limit } from './plans';
import { cachedUsageTotals } from './usage-counters';

/**
 * How each counted limit is counted, for the over-limit part of the plan banner. A product whose
 * plan limit counts something it stores (live bots, stores, bank accounts) adds its counter here.
 */
const LIMIT_COUNTERS: Partial<Record<Limit, (tx: Tx, tenantId: string) => Promise<number>>> = {
  members: seatsInUse,
};

/**
 * The shell banner's alerts for one workspace. Entitlements and the month's totals come from the
 * Redis-layer caches (each checked against Postgres, see their modules), the counts from the
 * page's read-only tenant transaction: a few indexed reads, streamed behind the page.
 */
export async function workspacePlanAlerts(tenantId: string, read: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>, now = new Date()): Promise<PlanAlert[]> {
  const [entitlements, totals] = await Promise.all([cachedEntitlements(tenantId, now), cachedUsageTotals(tenantId, now)]);
  const counted = (Object.keys(LIMIT_COUNTERS) as Limit[]).filter((limit) => entitlements.limits[limit] !== null);
  const counts = counted.length
    ? await read(async (tx) => {
        const found: Partial<Record<Limit, number>> = {};
        for (const limit of counted) found[limit] = await LIMIT_COUNTERS[limit]!(tx, tenantId);
        return found;
      })
    : {};
  return planAlerts(entitlements, totals, counts);
}
