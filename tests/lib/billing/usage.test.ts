import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { subscriptions } from '@/db/schema';
import { withSystem, withTenant } from '@/db/tenant';
import { bumpEntitlementsVersion } from '@/lib/billing/accounts';
import { cachedEntitlements, entitlementsCacheKey } from '@/lib/billing/entitlements-cache';
import { checkLimit } from '@/lib/billing/gates';
import { meter } from '@/lib/billing/meter';
import { usageSummary } from '@/lib/billing/usage';
import { cachedUsageTotals, reconcileUsageCounters, refreshUsageCounters, refreshUsageCountersSoon, settleUsageCounterRefreshes, usageCounterKey } from '@/lib/billing/usage-counters';
import type { AppError } from '@/lib/errors/app-error';
import { kv } from '@/lib/redis';
import { createTenant } from '../../helpers/database';
import { freeWorkspace } from './support';

describe('usageSummary', () => {
  it('gives used / quota / percent per metric and a daily series from the ledger', async () => {
    const { ctx, workspace } = await freeWorkspace();
    const day = (d: number) => new Date(Date.UTC(2027, 2, d, 12));
    await withTenant(ctx, async (tx) => {
      await meter.consume(tx, 'journal.trades', 30, 'a', { now: day(3) });
      await meter.consume(tx, 'journal.trades', 15, 'b', { now: day(3) });
      await meter.consume(tx, 'journal.trades', 10, 'c', { now: day(17) });
      await meter.consume(tx, 'api.calls', 4, 'd', { now: day(17) });
      // Another month: not in March's summary.
      await meter.consume(tx, 'journal.trades', 9, 'e', { now: new Date(Date.UTC(2027, 3, 1)) });
    });
    const summary = await withTenant(ctx, (tx) => usageSummary(tx, workspace.id, '2027-03-01'));
    expect(summary).toMatchObject({ period: '2027-03-01', planId: 'free' });
    const trades = summary.metrics.find((m) => m.metric === 'journal.trades')!;
    expect(trades).toMatchObject({ used: 55, quota: 100, percent: 55, label: 'journal trades' });
    expect(trades.daily).toHaveLength(31);
    expect(trades.daily[2]).toEqual({ date: '2027-03-03', amount: 45 });
    expect(trades.daily[16]).toEqual({ date: '2027-03-17', amount: 10 });
    expect(trades.daily.filter((d) => d.amount > 0)).toHaveLength(2);
    expect(summary.metrics.find((m) => m.metric === 'api.calls')).toMatchObject({ used: 4, quota: null, percent: null });
    expect(summary.metrics.find((m) => m.metric === 'money.imported_rows')).toMatchObject({ used: 0, quota: 500, percent: 0 });
    await expect(withTenant(ctx, (tx) => usageSummary(tx, workspace.id, '2027-03-05'))).rejects.toThrow(/first day/);
  });
});

describe('usage counters in the Redis layer', () => {
  it('are rebuilt from the ledger on a miss, refreshed after commit, and reconciled from the ledger', async () => {
    const { ctx, workspace } = await freeWorkspace();
    const now = new Date();
    const key = usageCounterKey(workspace.id, `${now.toISOString().slice(0, 7)}-01`);
    await kv().del(key);
    const first = await withTenant(ctx, (tx) => meter.consume(tx, 'journal.trades', 12, 'x'));
    expect((await cachedUsageTotals(workspace.id))['journal.trades']).toBe(12);

    const second = await withTenant(ctx, (tx) => meter.consume(tx, 'journal.trades', 5, 'y'));
    await refreshUsageCounters([first, second]);
    expect(JSON.parse((await kv().get(key))!)['journal.trades']).toBe(17);

    // A lost or wrong counter is put right by the reconcile.
    await kv().set(key, JSON.stringify({ ...JSON.parse((await kv().get(key))!), 'journal.trades': 3 }));
    expect((await cachedUsageTotals(workspace.id))['journal.trades']).toBe(3);
    await reconcileUsageCounters();
    expect((await cachedUsageTotals(workspace.id))['journal.trades']).toBe(17);
  });
});

describe('API-call counter refreshes (refreshUsageCountersSoon)', () => {
  it('coalesce a burst into at most one refresh a second, and the last call still lands', async () => {
    const { ctx, workspace } = await freeWorkspace();
    const key = usageCounterKey(workspace.id, `${new Date().toISOString().slice(0, 7)}-01`);
    await kv().del(key);
    const first = await withTenant(ctx, (tx) => meter.consume(tx, 'api.calls', 1, `op:${randomUUID()}`));
    refreshUsageCountersSoon([first]);
    await settleUsageCounterRefreshes();
    expect(JSON.parse((await kv().get(key))!)['api.calls']).toBe(1);
    // Within the second: recorded in the ledger at once, the counter follows within a second.
    for (let i = 0; i < 5; i++) refreshUsageCountersSoon([await withTenant(ctx, (tx) => meter.consume(tx, 'api.calls', 1, `op:${randomUUID()}`))]);
    const summary = await withTenant(ctx, (tx) => usageSummary(tx, workspace.id));
    expect(summary.metrics.find((m) => m.metric === 'api.calls')!.used).toBe(6);
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    await settleUsageCounterRefreshes();
    expect(JSON.parse((await kv().get(key))!)['api.calls']).toBe(6);
  });
});

describe('checkLimit', () => {
  it('refuses at the limit with payment_required naming the limit and the plan that lifts it', async () => {
    const { ctx, workspace } = await freeWorkspace();
    await withTenant(ctx, (tx) => checkLimit(tx, workspace.id, 'members', 0));
    const refused = (await withTenant(ctx, (tx) => checkLimit(tx, workspace.id, 'members', 1)).catch((e: unknown) => e)) as AppError;
    expect(refused.code).toBe('payment_required');
    expect(refused.status).toBe(402);
    expect(refused.message).toMatch(/Free plan allows 1 members/);
    expect(refused.message).toContain('Upgrade to Pro');
    expect(refused.details).toMatchObject({ limit: 'members', allowed: 1, current: 1, plan: 'free', upgradeTo: 'pro' });

    // On the trial (Pro: 3 members) two more fit, a fourth needs Team.
    const trial = await createTenant();
    const trialCtx = { ...ctx, tenantId: trial.workspace.id } as typeof ctx;
    await withTenant(trialCtx, (tx) => checkLimit(tx, trial.workspace.id, 'members', 2));
    const full = (await withTenant(trialCtx, (tx) => checkLimit(tx, trial.workspace.id, 'members', 3)).catch((e: unknown) => e)) as AppError;
    expect(full.details).toMatchObject({ allowed: 3, plan: 'pro', upgradeTo: 'team' });
    // Unlimited never refuses.
    await withTenant(trialCtx, (tx) => checkLimit(tx, trial.workspace.id, 'bots.paper', 10_000));
  });
});

describe('cachedEntitlements', () => {
  async function subscribe(tenantId: string, planId: string) {
    await withSystem('test: subscription change', async (tx) => {
      await tx.insert(subscriptions).values({
        tenantId,
        source: 'test',
        externalId: `sub_${randomUUID()}`,
        planId,
        status: 'active',
        sourceUpdatedAt: new Date(),
      });
      await bumpEntitlementsVersion(tx, tenantId);
    });
  }

  it('serves the cached copy while the version holds and never a stale plan after a change commits', async () => {
    const { workspace } = await createTenant();
    await kv().del(entitlementsCacheKey(workspace.id));
    const first = await cachedEntitlements(workspace.id);
    expect(first).toMatchObject({ planId: 'pro', source: 'trial' });

    // Served from Redis: a planted entry at the current version is what comes back.
    const entry = JSON.parse((await kv().get(entitlementsCacheKey(workspace.id)))!);
    expect(entry.version).toBe(first.version);
    await kv().set(entitlementsCacheKey(workspace.id), JSON.stringify({ ...entry, entitlements: { ...entry.entitlements, planName: 'From cache' } }));
    expect((await cachedEntitlements(workspace.id)).planName).toBe('From cache');

    await subscribe(workspace.id, 'team');
    const after = await cachedEntitlements(workspace.id);
    expect(after).toMatchObject({ planId: 'team', source: 'subscription', planName: 'Team' });
    expect(after.version).toBe(first.version + 1);
  });

  it('stops serving an entry when a trial ends, without any version bump', async () => {
    const { workspace } = await createTenant();
    await kv().del(entitlementsCacheKey(workspace.id));
    const during = await cachedEntitlements(workspace.id);
    expect(during.planId).toBe('pro');
    const afterTrial = new Date(new Date(during.trialEndsAt!).getTime() + 1000);
    expect((await cachedEntitlements(workspace.id, afterTrial)).planId).toBe('free');
  });
});
