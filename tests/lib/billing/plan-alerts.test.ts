import { describe, expect, it } from 'vitest';
import { withTenant } from '@/db/tenant';
import { resolveEntitlements } from '@/lib/billing/entitlements';
import { meter, usagePeriod } from '@/lib/billing/meter';
import { refreshUsageCounters } from '@/lib/billing/usage-counters';
import { planAlerts } from '@/lib/billing/plan-alerts';
import { METRICS, type Metric } from '@/lib/billing/plans';
import { workspacePlanAlerts } from '@/lib/billing/workspace-plan-alerts';
import { addMember } from '../tenancy/support';
import { freeWorkspace } from './support';

const now = new Date('2027-03-10T12:00:00Z');
const free = resolveEntitlements({ tenantId: 't', subscriptions: [], account: null, now });
const totals = (over: Partial<Record<Metric, number>>) => ({ ...(Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<Metric, number>), ...over });

describe('planAlerts', () => {
  it('warns from 80% of a quota and turns critical at 90%', () => {
    const quota = free.quotas['money.imported_rows']!;
    expect(planAlerts(free, totals({ 'money.imported_rows': Math.floor(quota * 0.79) }), {})).toEqual([]);
    expect(planAlerts(free, totals({ 'money.imported_rows': quota * 0.8 }), {})).toMatchObject([{ kind: 'quota', metric: 'money.imported_rows', percent: 80, level: 'warning' }]);
    expect(planAlerts(free, totals({ 'money.imported_rows': quota * 0.9 }), {})).toMatchObject([{ level: 'critical', percent: 90 }]);
    expect(planAlerts(free, totals({ 'money.imported_rows': quota * 2 }), {})).toMatchObject([{ level: 'critical', percent: 200 }]);
  });

  it('puts a passed limit first, then quotas by share used, and names the plan that lifts the limit', () => {
    const alerts = planAlerts(free, totals({ 'money.imported_rows': free.quotas['money.imported_rows']! * 0.85, 'journal.trades': free.quotas['journal.trades']! }), { members: 3 });
    expect(alerts.map((a) => (a.kind === 'quota' ? a.metric : a.limit))).toEqual(['members', 'journal.trades', 'money.imported_rows']);
    expect(alerts[0]).toMatchObject({ kind: 'over_limit', count: 3, allowed: 1, planName: 'Free', upgradeTo: 'Pro' });
  });

  it('says nothing at a limit (only past it), for unlimited quotas, or for a quota the plan sets to zero', () => {
    expect(planAlerts(free, totals({}), { members: 1 })).toEqual([]);
    const zeroQuota = METRICS.find((m) => free.quotas[m] === 0);
    if (zeroQuota) expect(planAlerts(free, totals({ [zeroQuota]: 5 }), {})).toEqual([]);
    const unlimited = { ...free, quotas: {} };
    expect(planAlerts(unlimited, totals({ 'money.imported_rows': 10_000 }), {})).toEqual([]);
  });
});

describe('workspacePlanAlerts', () => {
  it('finds the members over a downgraded plan and the month’s usage near its quota', async () => {
    const { ctx, workspace } = await freeWorkspace();
    await addMember(workspace.id, 'member');
    await addMember(workspace.id, 'viewer');
    const read = <T,>(fn: Parameters<typeof withTenant<T>>[1]) => withTenant(ctx, fn, { readOnly: true });
    expect(await workspacePlanAlerts(workspace.id, read)).toMatchObject([{ kind: 'over_limit', limit: 'members', count: 3, allowed: 1 }]);

    await withTenant(ctx, (tx) => meter.consume(tx, 'money.imported_rows', 460, 'import-1'));
    // What the wrappers do after a metered transaction commits: the banner reads the counters.
    await refreshUsageCounters([{ tenantId: workspace.id, period: usagePeriod(new Date()), replayed: false }]);
    const alerts = await workspacePlanAlerts(workspace.id, read);
    expect(alerts.map((a) => a.kind)).toEqual(['over_limit', 'quota']);
    expect(alerts[1]).toMatchObject({ metric: 'money.imported_rows', used: 460, quota: 500, percent: 92, level: 'critical' });
  });
});
