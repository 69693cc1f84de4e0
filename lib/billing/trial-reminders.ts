import { and, eq, gt, isNull, lte, ne, or } from 'drizzle-orm';
import { billingAccounts } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { queueBillingNotice, workspaceFacts } from './billing-notices';
import { loadEntitlements } from './entitlements';
import { PLANS, isPlanId } from './plans';

/** The no-card trial's reminder goes out this many days before it ends (as Stripe's trial_will_end does). */
export const TRIAL_REMINDER_DAYS = 3;

const DAY_MS = 86_400_000;

/**
 * "Your trial ends in 3 days" for the built-in trial every workspace starts with (a Stripe trial
 * is reminded by Stripe's customer.subscription.trial_will_end). Sent once per trial end,
 * claimed by writing that end to billing_accounts.trial_reminder_for in the same transaction as
 * the queued email, so a rerun or a second process never sends it twice, and a trial an admin
 * extends is reminded again for its new end. A workspace already paying (or under an override)
 * is marked and not mailed: its plan doesn't end with the trial. System work. Returns how many
 * emails were queued.
 */
export async function sendTrialEndingReminders(tx: Tx, now = new Date()): Promise<number> {
  const horizon = new Date(now.getTime() + TRIAL_REMINDER_DAYS * DAY_MS);
  const due = await tx
    .select({ tenantId: billingAccounts.tenantId, trialPlanId: billingAccounts.trialPlanId, trialEndsAt: billingAccounts.trialEndsAt })
    .from(billingAccounts)
    .where(
      and(
        gt(billingAccounts.trialEndsAt, now),
        lte(billingAccounts.trialEndsAt, horizon),
        or(isNull(billingAccounts.trialReminderFor), ne(billingAccounts.trialReminderFor, billingAccounts.trialEndsAt)),
      ),
    );
  let queued = 0;
  for (const row of due) {
    const claimed = await tx
      .update(billingAccounts)
      .set({ trialReminderFor: row.trialEndsAt })
      .where(
        and(
          eq(billingAccounts.tenantId, row.tenantId),
          or(isNull(billingAccounts.trialReminderFor), ne(billingAccounts.trialReminderFor, billingAccounts.trialEndsAt)),
        ),
      )
      .returning({ tenantId: billingAccounts.tenantId });
    if (!claimed.length || !row.trialPlanId || !isPlanId(row.trialPlanId)) continue;
    if ((await loadEntitlements(tx, row.tenantId, now)).source !== 'trial') continue;
    const facts = await workspaceFacts(tx, row.tenantId);
    if (!facts) continue;
    const planName = PLANS[row.trialPlanId].name;
    const endsAt = row.trialEndsAt!;
    queued += await queueBillingNotice(tx, row.tenantId, 'billing-trial-ending', (owner) => ({
      name: owner.name,
      workspaceName: facts.name,
      planName,
      endsAt,
      url: facts.billingUrl,
    }));
  }
  return queued;
}
