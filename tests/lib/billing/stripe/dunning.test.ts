import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emailOutbox } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { sendDunningReminders } from '@/lib/billing/stripe/dunning';
import { applySubscriptionState } from '@/lib/billing/subscription-store';
import { isRateLimitExempt } from '@/lib/http/gate';
import { createTenant } from '@/tests/helpers/database';

const DAY = 86_400_000;

async function pastDue(source: 'stripe' | 'test' = 'stripe') {
  const tenant = await createTenant();
  // Far ahead of real time: the run at "day 3" then sees no other test file's past_due rows
  // (on Postgres the suite shares one database), and theirs never see these.
  const failedAt = new Date(Date.now() + 1000 * DAY);
  await withSystem('test: past due', (tx) =>
    applySubscriptionState(
      tx,
      {
        tenantId: tenant.workspace.id,
        source,
        externalId: `sub_${randomUUID()}`,
        customerId: null,
        planId: 'pro',
        interval: 'month',
        status: 'past_due',
        cancelAtPeriodEnd: false,
        currentPeriodStart: null,
        currentPeriodEnd: null,
        trialEnd: null,
        canceledAt: null,
        addons: {},
        sourceUpdatedAt: failedAt,
      },
      { graceDays: 7, now: failedAt },
    ),
  );
  return { ...tenant, failedAt };
}

const reminders = async (email: string) =>
  (await withSystem('test: emails', (tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.to, email)))).map((e) => e.subject);
const runAt = (at: Date) => withSystem('test: dunning', (tx) => sendDunningReminders(tx, at));

describe('dunning reminders (days 3 and 6 of past_due)', () => {
  it('sends day 3 and day 6 once each, nothing before, nothing past the grace', async () => {
    const { user, failedAt } = await pastDue();
    const at = (days: number, hours = 0) => new Date(failedAt.getTime() + days * DAY + hours * 3_600_000);
    for (const [days, hours] of [[0, 1], [1, 0], [2, 23]] as const) await runAt(at(days, hours));
    expect(await reminders(user.email)).toEqual([]);
    await runAt(at(3, 1));
    await runAt(at(3, 2));
    await runAt(at(4, 0));
    expect(await reminders(user.email)).toHaveLength(1);
    await runAt(at(6, 1));
    await runAt(at(6, 5));
    await runAt(at(7, 1));
    const sent = await reminders(user.email);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(/^Reminder: payment still failing/);
  });

  it('sends only the latest day due after a gap, never the missed one late', async () => {
    const { user, failedAt } = await pastDue();
    await runAt(new Date(failedAt.getTime() + 6 * DAY + 3_600_000));
    await runAt(new Date(failedAt.getTime() + 6 * DAY + 7_200_000));
    expect(await reminders(user.email)).toHaveLength(1);
  });

  it('leaves other sources to their own provider', async () => {
    const { user, failedAt } = await pastDue('test');
    await runAt(new Date(failedAt.getTime() + 3 * DAY + 3_600_000));
    expect(await reminders(user.email)).toEqual([]);
  });
});

describe('request gate', () => {
  it('lets Stripe webhooks past the coarse per-IP limit (the signature authenticates them)', () => {
    expect(isRateLimitExempt('/api/webhooks/stripe')).toBe(true);
    expect(isRateLimitExempt('/api/webhooks/stripe-other')).toBe(false);
    expect(isRateLimitExempt('/api/v1/things')).toBe(false);
  });
});
