import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { subscriptions } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { setCancelAtPeriodEnd, startCheckout } from '@/lib/billing/checkout';
import { loadEntitlements } from '@/lib/billing/entitlements';
import { testCheckout } from '@/lib/billing/test-checkout';
import { resetEnvCache } from '@/lib/env';
import { createTenant } from '@/tests/helpers/database';
import { setBillingAccount } from '../../helpers/billing-account';

const DAY = 86_400_000;

beforeAll(() => {
  delete process.env.STRIPE_SECRET_KEY;
  resetEnvCache();
});

async function workspace(trialEndsAt: Date | null = null) {
  const tenant = await createTenant();
  await setBillingAccount(tenant.workspace.id, { trialPlanId: 'pro', trialEndsAt });
  const request = (planId: 'pro' | 'team', interval: 'month' | 'year' = 'month') => ({
    tenantId: tenant.workspace.id,
    workspaceSlug: tenant.workspace.slug,
    workspaceName: tenant.workspace.name,
    email: tenant.user.email,
    planId,
    interval,
  });
  return { id: tenant.workspace.id, slug: tenant.workspace.slug, request };
}

const testRow = (tenantId: string) =>
  withSystem('test: row', async (tx) => (await tx.select().from(subscriptions).where(and(eq(subscriptions.source, 'test'), eq(subscriptions.tenantId, tenantId))))[0]);
const planAt = async (tenantId: string, now: Date) => (await withSystem('test: entitlements', (tx) => loadEntitlements(tx, tenantId, now))).planId;

describe('the built-in test checkout', () => {
  it('subscribes through applySubscriptionState: active for a month (or a year) from now', async () => {
    const now = new Date();
    const ws = await workspace();
    expect(await startCheckout(ws.request('team'), { now })).toBe(`/w/${ws.slug}/settings/billing?checkout=test`);
    const row = await testRow(ws.id);
    expect(row).toMatchObject({ source: 'test', planId: 'team', interval: 'month', status: 'active', cancelAtPeriodEnd: false });
    const monthLater = new Date(now);
    monthLater.setUTCMonth(monthLater.getUTCMonth() + 1);
    expect(row!.currentPeriodEnd).toEqual(monthLater);
    expect(await planAt(ws.id, now)).toBe('team');

    const yearly = await workspace();
    await startCheckout(yearly.request('pro', 'year'), { now });
    expect((await testRow(yearly.id))!.currentPeriodEnd!.getUTCFullYear()).toBe(now.getUTCFullYear() + 1);
  });

  it('respects a running trial: trialing until the trial ends', async () => {
    const now = new Date();
    const trialEndsAt = new Date(now.getTime() + 9 * DAY);
    const ws = await workspace(trialEndsAt);
    await startCheckout(ws.request('pro'), { now });
    expect(await testRow(ws.id)).toMatchObject({ status: 'trialing', trialEnd: trialEndsAt, currentPeriodEnd: trialEndsAt });
    expect(await planAt(ws.id, now)).toBe('pro');
  });

  it('changes plan in place, keeping the period', async () => {
    const now = new Date();
    const ws = await workspace();
    await startCheckout(ws.request('pro'), { now });
    const before = await testRow(ws.id);
    await startCheckout(ws.request('team'), { now: new Date(now.getTime() + DAY) });
    const after = await testRow(ws.id);
    expect(after).toMatchObject({ id: before!.id, planId: 'team', currentPeriodEnd: before!.currentPeriodEnd });
    expect(await planAt(ws.id, new Date(now.getTime() + DAY))).toBe('team');
  });

  it('cancel at period end keeps the plan until the period ends; resume undoes it', async () => {
    const now = new Date();
    const ws = await workspace();
    await startCheckout(ws.request('pro'), { now });
    const input = { tenantId: ws.id, workspaceSlug: ws.slug };
    await setCancelAtPeriodEnd({ ...input, cancel: true }, { now: new Date(now.getTime() + 1000) });
    const row = await testRow(ws.id);
    expect(row!.cancelAtPeriodEnd).toBe(true);
    expect(await planAt(ws.id, new Date(now.getTime() + 20 * DAY))).toBe('pro');
    expect(await planAt(ws.id, new Date(row!.currentPeriodEnd!.getTime() + 1000))).toBe('free');

    await setCancelAtPeriodEnd({ ...input, cancel: false }, { now: new Date(now.getTime() + 2000) });
    expect((await testRow(ws.id))!.cancelAtPeriodEnd).toBe(false);
    expect(await planAt(ws.id, new Date(row!.currentPeriodEnd!.getTime() + 1000))).toBe('pro');
  });

  it('converges like a provider: an older state never overwrites a newer one', async () => {
    const now = new Date();
    const ws = await workspace();
    await withSystem('test: checkout', (tx) => testCheckout(tx, { tenantId: ws.id, planId: 'team', interval: 'month' }, { now }));
    await withSystem('test: checkout', (tx) => testCheckout(tx, { tenantId: ws.id, planId: 'pro', interval: 'month' }, { now: new Date(now.getTime() - 60_000) }));
    expect((await testRow(ws.id))!.planId).toBe('team');
  });

  it('refuses with nothing to cancel, plans outside checkout, and when billing runs on Stripe', async () => {
    const ws = await workspace();
    await expect(setCancelAtPeriodEnd({ tenantId: ws.id, workspaceSlug: ws.slug, cancel: true })).rejects.toMatchObject({ code: 'conflict' });
    await expect(withSystem('test: checkout', (tx) => testCheckout(tx, { tenantId: ws.id, planId: 'enterprise', interval: 'month' }))).rejects.toMatchObject({ code: 'bad_request' });
    process.env.STRIPE_SECRET_KEY = 'sk_test_elsewhere';
    resetEnvCache();
    try {
      await expect(withSystem('test: checkout', (tx) => testCheckout(tx, { tenantId: ws.id, planId: 'pro', interval: 'month' }))).rejects.toMatchObject({ code: 'conflict' });
    } finally {
      delete process.env.STRIPE_SECRET_KEY;
      resetEnvCache();
    }
    expect(await testRow(ws.id)).toBeUndefined();
  });
});
