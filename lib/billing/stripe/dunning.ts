import { and, eq, gt } from 'drizzle-orm';
import { subscriptions } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { queueBillingNotice, workspaceFacts } from '../billing-notices';
import { DUNNING_DAYS, PAST_DUE_GRACE_DAYS, PLANS, isPlanId } from '../plans';
import { recordBillingEvent } from '../subscription-store';

const DAY_MS = 86_400_000;

/**
 * The dunning reminders after day 0 (which the payment_failed webhook sends): for each Stripe
 * subscription still past_due within its grace, the latest dunning day reached since the grace
 * began. Each (subscription, grace period, day) is sent once — recorded as a billing event by id,
 * so a rerun, a second process or a missed hour never sends one twice; days skipped while the job
 * was down are not sent late (only the latest one due is). System work. Returns how many were queued.
 */
export async function sendDunningReminders(tx: Tx, now = new Date()): Promise<number> {
  const due = await tx
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.source, 'stripe'), eq(subscriptions.status, 'past_due'), gt(subscriptions.graceUntil, now)));
  let queued = 0;
  for (const row of due) {
    const graceStart = row.graceUntil!.getTime() - PAST_DUE_GRACE_DAYS * DAY_MS;
    const elapsed = Math.floor((now.getTime() - graceStart) / DAY_MS);
    const day = [...DUNNING_DAYS].reverse().find((d) => d > 0 && d <= elapsed);
    if (day === undefined || !isPlanId(row.planId)) continue;
    const fresh = await recordBillingEvent(tx, {
      source: 'stripe',
      eventId: `dunning:${row.externalId}:${row.graceUntil!.toISOString()}:day-${day}`,
      type: 'tessera.dunning_reminder',
      payload: { subscription: row.externalId, day, graceUntil: row.graceUntil },
      workspaceId: row.tenantId,
    });
    if (!fresh) continue;
    // A later day recorded first means the earlier one was missed: never send it afterwards.
    for (const earlier of DUNNING_DAYS.filter((d) => d > 0 && d < day)) {
      await recordBillingEvent(tx, {
        source: 'stripe',
        eventId: `dunning:${row.externalId}:${row.graceUntil!.toISOString()}:day-${earlier}`,
        type: 'tessera.dunning_reminder',
        payload: { subscription: row.externalId, day: earlier, skipped: true },
        workspaceId: row.tenantId,
      });
    }
    const facts = await workspaceFacts(tx, row.tenantId);
    if (!facts) continue;
    const planName = PLANS[row.planId].name;
    queued += await queueBillingNotice(tx, row.tenantId, 'billing-payment-failed', (owner) => ({
      name: owner.name,
      workspaceName: facts.name,
      planName,
      graceUntil: row.graceUntil,
      day,
      url: facts.billingUrl,
    }));
  }
  return queued;
}
