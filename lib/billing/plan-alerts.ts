import type { Entitlements } from './entitlements';
import { limitLabel, planLiftingLimit } from './gates';
import { metricLabel } from './meter';
import { METRICS, PLANS, type Limit, type Metric } from './plans';

/**
 * What the shell's plan banner warns about (issue 9): a count over the plan's limit (after a
 * downgrade, say: the data stays, read-only, until the workspace is within the limit again), or
 * a monthly quota at 80% (warning) or 90% and over (critical). Pure: the caller loads the
 * entitlements, the month's totals and the counts.
 */
export type PlanAlert =
  | { kind: 'over_limit'; limit: Limit; label: string; count: number; allowed: number; planName: string; upgradeTo: string | null }
  | { kind: 'quota'; metric: Metric; label: string; used: number; quota: number; percent: number; level: 'warning' | 'critical'; planName: string };

export const QUOTA_WARNING_PERCENT = 80;
export const QUOTA_CRITICAL_PERCENT = 90;

/** Most severe first: limits passed, then quotas by share used. */
export function planAlerts(entitlements: Entitlements, totals: Record<Metric, number>, counts: Partial<Record<Limit, number>>): PlanAlert[] {
  const over: PlanAlert[] = [];
  for (const [limit, count] of Object.entries(counts) as [Limit, number][]) {
    const allowed = entitlements.limits[limit];
    if (allowed === null || count <= allowed) continue;
    const lifting = planLiftingLimit(limit, count - 1);
    const upgradeTo = lifting && lifting.rank > PLANS[entitlements.planId].rank ? lifting.name : null;
    over.push({ kind: 'over_limit', limit, label: limitLabel(limit), count, allowed, planName: entitlements.planName, upgradeTo });
  }
  const quotas: (PlanAlert & { kind: 'quota' })[] = [];
  for (const metric of METRICS) {
    const quota = entitlements.quotas[metric];
    if (quota === null || quota === undefined) continue;
    const used = totals[metric] ?? 0;
    // A zero quota (a metric the plan lacks) is the feature check's business, not a usage warning.
    if (quota === 0 || used === 0) continue;
    const percent = Math.floor((used * 100) / quota);
    if (percent < QUOTA_WARNING_PERCENT) continue;
    const level = percent >= QUOTA_CRITICAL_PERCENT ? 'critical' : 'warning';
    quotas.push({ kind: 'quota', metric, label: metricLabel(metric), used, quota, percent, level, planName: entitlements.planName });
  }
  quotas.sort((a, b) => b.percent - a.percent);
  return [...over, ...quotas];
}
