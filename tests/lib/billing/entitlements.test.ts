import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { billingAccounts, subscriptions } from '@/db/schema';
import { resolveEntitlements } from '@/lib/billing/entitlements';
import { PLANS } from '@/lib/billing/plans';

type Sub = typeof subscriptions.$inferSelect;
type Account = typeof billingAccounts.$inferSelect;

const now = new Date('2026-12-02T12:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
const tenantId = randomUUID();

function sub(fields: Partial<Sub>): Sub {
  return {
    id: randomUUID(),
    tenantId,
    source: 'stripe',
    externalId: `sub_${randomUUID()}`,
    customerId: 'cus_1',
    planId: 'pro',
    interval: 'month',
    status: 'active',
    cancelAtPeriodEnd: false,
    currentPeriodStart: days(-10),
    currentPeriodEnd: days(20),
    trialEnd: null,
    canceledAt: null,
    graceUntil: null,
    addons: {},
    sourceUpdatedAt: days(-1),
    createdAt: days(-10),
    updatedAt: days(-1),
    ...fields,
  };
}

function account(fields: Partial<Account> = {}): Account {
  return {
    id: randomUUID(),
    tenantId,
    trialPlanId: null,
    trialEndsAt: null,
    trialReminderFor: null,
    preferredInterval: null,
    stripeCustomerId: null,
    overridePlanId: null,
    overridePriceMinor: null,
    overrideNote: null,
    overrideUntil: null,
    overrideBy: null,
    version: 3,
    createdAt: days(-30),
    updatedAt: days(-1),
    ...fields,
  };
}

const resolve = (subscriptions: Sub[], acc: Account | null = account()) => resolveEntitlements({ tenantId, subscriptions, account: acc, now });

describe('resolveEntitlements', () => {
  it('is Free with nothing, and the trial plan while the trial runs', () => {
    expect(resolve([], null)).toMatchObject({ planId: 'free', source: 'free', version: 0, limits: { members: 1 } });
    expect(resolve([], account({ trialPlanId: 'pro', trialEndsAt: days(3) }))).toMatchObject({ planId: 'pro', source: 'trial', trialEndsAt: days(3).toISOString() });
    expect(resolve([], account({ trialPlanId: 'pro', trialEndsAt: days(-1) }))).toMatchObject({ planId: 'free', trialEndsAt: null });
  });

  it('an active or trialing subscription from any source grants its plan; the better plan wins', () => {
    expect(resolve([sub({ planId: 'pro' })])).toMatchObject({ planId: 'pro', source: 'subscription', subscription: { status: 'active' } });
    expect(resolve([sub({ planId: 'pro' }), sub({ planId: 'team', source: 'woocommerce' })])).toMatchObject({ planId: 'team', subscription: { source: 'woocommerce' } });
    expect(resolve([sub({ status: 'trialing', planId: 'team' })]).planId).toBe('team');
  });

  it('past_due keeps the plan through its grace only; unpaid, canceled and incomplete grant nothing', () => {
    expect(resolve([sub({ status: 'past_due', graceUntil: days(2) })]).planId).toBe('pro');
    expect(resolve([sub({ status: 'past_due', graceUntil: days(-1) })]).planId).toBe('free');
    for (const status of ['unpaid', 'canceled', 'incomplete', 'incomplete_expired', 'paused'] as const) {
      expect(resolve([sub({ status })]).planId).toBe('free');
    }
  });

  it('cancel at period end keeps the plan until the period ends', () => {
    expect(resolve([sub({ cancelAtPeriodEnd: true, currentPeriodEnd: days(5) })])).toMatchObject({ planId: 'pro', subscription: { cancelAtPeriodEnd: true } });
    expect(resolve([sub({ cancelAtPeriodEnd: true, currentPeriodEnd: days(-1) })]).planId).toBe('free');
  });

  it('an admin override in force beats every subscription, and lapses at its end', () => {
    expect(resolve([sub({ planId: 'team' })], account({ overridePlanId: 'enterprise' }))).toMatchObject({ planId: 'enterprise', source: 'override', apiRatePerMinute: 10_000 });
    expect(resolve([sub({ planId: 'team' })], account({ overridePlanId: 'enterprise', overrideUntil: days(-1) })).planId).toBe('team');
  });

  it('add-ons raise their limits on the plans that sell them', () => {
    const limits = resolve([sub({ planId: 'pro', addons: { members: 2, liveBots: 1, trackedProducts: 3 } })]).limits;
    expect(limits).toMatchObject({ members: 5, 'bots.live': 20, 'pricing.tracked_products': 2_000 + 15_000 });
    // Unlimited stays unlimited; an unknown plan id grants nothing.
    expect(resolve([sub({ planId: 'nonsense' })]).planId).toBe('free');
  });

  it('reads every number from the catalog', () => {
    const team = resolve([sub({ planId: 'team' })]);
    expect(team.limits).toEqual(PLANS.team.limits);
    expect(team.features).toEqual([...PLANS.team.features]);
    expect(team.auditRetentionDays).toBeNull();
    expect(resolve([]).auditRetentionDays).toBe(30);
  });
});
