import { and, eq, sql } from 'drizzle-orm';
import { usageLedger, usagePeriodTotals } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { loadEntitlements } from './entitlements';
import { metricLabel, usagePeriod } from './meter';
import { METRICS, type Metric, type PlanId } from './plans';

export type MetricUsage = {
  metric: Metric;
  label: string;
  used: number;
  /** null = unlimited. */
  quota: number | null;
  /** Of the quota, 0–100 and rounded down; null when unlimited. May pass 100 after a downgrade. */
  percent: number | null;
  /** One entry per day of the month (UTC), `date` as YYYY-MM-DD. */
  daily: { date: string; amount: number }[];
};

export type UsageSummary = { period: string; planId: PlanId; planName: string; metrics: MetricUsage[] };

const PERIOD = /^\d{4}-\d{2}-01$/;

/** Totals per metric for one month, from the meter's running totals (what the Redis counters are rebuilt from). */
export async function usageTotals(tx: Tx, tenantId: string, period: string): Promise<Record<Metric, number>> {
  const rows = await tx
    .select({ metric: usagePeriodTotals.metric, total: usagePeriodTotals.total })
    .from(usagePeriodTotals)
    .where(and(eq(usagePeriodTotals.tenantId, tenantId), eq(usagePeriodTotals.period, period)));
  const totals = Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<Metric, number>;
  for (const row of rows) if ((METRICS as readonly string[]).includes(row.metric)) totals[row.metric as Metric] = Number(row.total);
  return totals;
}

function daysOf(period: string): string[] {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const count = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${period.slice(0, 8)}${String(i + 1).padStart(2, '0')}`);
}

/**
 * The usage page's data for one month (default: the current one): per metric the total, the
 * plan's quota and the share used, and a daily series for the chart — all from the ledger.
 */
export async function usageSummary(tx: Tx, tenantId: string, period: string = usagePeriod(new Date()), now = new Date()): Promise<UsageSummary> {
  if (!PERIOD.test(period)) throw new Error(`usage period must be the first day of a month (YYYY-MM-01), got ${period}`);
  const entitlements = await loadEntitlements(tx, tenantId, now);
  const day = sql<string>`to_char(${usageLedger.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await tx
    .select({
      metric: usageLedger.metric,
      day,
      total: sql<string>`sum(${usageLedger.amount})`,
    })
    .from(usageLedger)
    .where(and(eq(usageLedger.tenantId, tenantId), eq(usageLedger.period, period)))
    .groupBy(usageLedger.metric, day);
  const days = daysOf(period);
  const metrics = METRICS.map((metric): MetricUsage => {
    const byDay = new Map(rows.filter((r) => r.metric === metric).map((r) => [r.day, Number(r.total)]));
    // A ledger row's day is when it was recorded; the period decides the month, so a row recorded
    // a moment past midnight on the 1st for the month before still counts (on its last day).
    const daily = days.map((date) => ({ date, amount: byDay.get(date) ?? 0 }));
    const outside = [...byDay.entries()].filter(([day]) => !days.includes(day)).reduce((sum, [, n]) => sum + n, 0);
    if (outside > 0) daily[daily.length - 1]!.amount += outside;
    const used = daily.reduce((sum, d) => sum + d.amount, 0);
    const quota = entitlements.quotas[metric] ?? null;
    return { metric, label: metricLabel(metric), used, quota, percent: quota === null ? null : quota === 0 ? 100 : Math.floor((used * 100) / quota), daily };
  });
  return { period, planId: entitlements.planId, planName: entitlements.planName, metrics };
}
