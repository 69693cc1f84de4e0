import { and, eq, sql } from 'drizzle-orm';
import { usageLedger } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { defineWorkflow } from '@/lib/jobs/define-workflow';
import { getLogger } from '@/lib/observability/logger';
import { failSoft, kv } from '@/lib/redis';
import { usagePeriod } from './meter';
import { METRICS, type Metric } from './plans';
import { usageTotals } from './usage';

/**
 * The fast usage counters in the Redis layer: a read cache of the ledger's monthly totals for the
 * usage banner and page, never consulted by the meter (which decides in Postgres, see meter.ts).
 * Refreshed from the ledger after a metered transaction commits, rebuilt on a miss, and
 * recomputed for every workspace daily, so a lost or lagging Redis never loses or invents usage.
 * Outside transactions only (the Redis layer throws inside one in dev and tests).
 */

// A day and a bit: the daily reconcile rewrites every active key before it expires.
const TTL_SECONDS = 26 * 3600;

export function usageCounterKey(tenantId: string, period: string): string {
  return `usage:v1:${tenantId}:${period}`;
}

function totalsFromLedger(tenantId: string, period: string) {
  return withSystem('billing: usage totals', (tx) => usageTotals(tx, tenantId, period));
}

async function store(tenantId: string, period: string, totals: Record<Metric, number>): Promise<void> {
  await failSoft(() => kv().set(usageCounterKey(tenantId, period), JSON.stringify(totals), { ttlSeconds: TTL_SECONDS }), false);
}

/** The month's totals per metric: Redis when it has them, else the ledger (and Redis refilled). */
export async function cachedUsageTotals(tenantId: string, now = new Date()): Promise<Record<Metric, number>> {
  const period = usagePeriod(now);
  const cached = await failSoft(() => kv().get(usageCounterKey(tenantId, period)), null);
  if (cached) {
    try {
      const parsed = JSON.parse(cached) as Record<string, unknown>;
      if (METRICS.every((m) => typeof parsed[m] === 'number')) return parsed as Record<Metric, number>;
    } catch {
      // A corrupt entry is a miss.
    }
  }
  const totals = await totalsFromLedger(tenantId, period);
  await store(tenantId, period, totals);
  return totals;
}

/**
 * After commit: recomputes the consumed periods' counters from the ledger. Two refreshes may land
 * out of order and leave a total one operation behind until the next refresh or the nightly
 * reconcile: acceptable for a banner, which is why nothing enforces from it.
 */
export async function refreshUsageCounters(consumed: readonly { tenantId: string; period: string; replayed: boolean }[]): Promise<void> {
  const seen = new Set<string>();
  for (const { tenantId, period, replayed } of consumed) {
    const key = usageCounterKey(tenantId, period);
    if (replayed || seen.has(key)) continue;
    seen.add(key);
    try {
      await store(tenantId, period, await totalsFromLedger(tenantId, period));
    } catch (error) {
      // Best effort after a committed action: its result must not turn into a failure because a
      // display cache could not be refreshed. A miss or the nightly reconcile puts it right.
      getLogger({ component: 'usage-counters' }).warn({ err: error, tenantId, period }, 'usage counter refresh failed');
    }
  }
}

/** Rewrites every workspace's counters for the current month from the ledger. */
export async function reconcileUsageCounters(now = new Date()): Promise<{ workspaces: number }> {
  const period = usagePeriod(now);
  const rows = await withSystem('billing: reconcile usage counters', (tx) =>
    tx
      .select({ tenantId: usageLedger.tenantId, metric: usageLedger.metric, total: sql<string>`sum(${usageLedger.amount})` })
      .from(usageLedger)
      .where(and(eq(usageLedger.period, period)))
      .groupBy(usageLedger.tenantId, usageLedger.metric),
  );
  const byTenant = new Map<string, Record<Metric, number>>();
  for (const row of rows) {
    if (!(METRICS as readonly string[]).includes(row.metric)) continue;
    const totals = byTenant.get(row.tenantId) ?? (Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<Metric, number>);
    totals[row.metric as Metric] = Number(row.total);
    byTenant.set(row.tenantId, totals);
  }
  for (const [tenantId, totals] of byTenant) await store(tenantId, period, totals);
  return { workspaces: byTenant.size };
}

/** Daily: the Redis counters recomputed from the ledger, the durable source. */
export const usageReconcileWorkflow = defineWorkflow(
  { id: 'billing-usage-reconcile', trigger: { cron: 'TZ=UTC 15 4 * * *' }, retries: 2, timeout: '15m' },
  async (_payload, step) => step.run('reconcile-usage-counters', () => reconcileUsageCounters()),
);
