import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { billingAccounts, emailOutbox } from "@/db/schema";
import { withSystem } from "@/db/tenant";
import { applySubscriptionState } from "@/lib/billing/subscription-store";
import { sendTrialEndingReminders } from "@/lib/billing/trial-reminders";
import { createTenant } from "@/tests/helpers/database";
import { setBillingAccount } from "@/tests/helpers/billing-account";

const DAY = 86_400_000;

/** A workspace on the no-card trial ending far ahead of real time, so no other file's trial is in the window. */
async function onTrial(plan: "pro" | "team" = "pro") {
  const tenant = await createTenant();
  const endsAt = new Date(Date.now() + (1000 + Math.random()) * DAY);
  await setBillingAccount(tenant.workspace.id, {
    trialPlanId: plan,
    trialEndsAt: endsAt,
  });
  return { ...tenant, endsAt };
}

const subjects = async (email: string) =>
  (
    await withSystem("test: emails", (tx) =>
      tx.select().from(emailOutbox).where(eq(emailOutbox.to, email)),
    )
  ).map((e) => e.subject);
const runAt = (at: Date) =>
  withSystem("test: trial reminders", (tx) => sendTrialEndingReminders(tx, at));
const before = (endsAt: Date, days: number) =>
  new Date(endsAt.getTime() - days * DAY);

describe('the no-card trial’s "ends in 3 days" email', () => {
  it("goes to the owner once, from 3 days before the end, and not before", async () => {
    const { user, workspace, endsAt } = await onTrial("team");
    await runAt(before(endsAt, 3.1));
    expect(await subjects(user.email)).toEqual([]);
    await runAt(before(endsAt, 2.9));
    await runAt(before(endsAt, 2.5));
    await runAt(before(endsAt, 1));
    expect(await subjects(user.email)).toEqual([
      `${workspace.name}’s Tessera trial ends in 3 days`,
    ]);
  });

  it("is sent again for a new end when the trial is extended, and never after the end", async () => {
    const { user, workspace, endsAt } = await onTrial();
    await runAt(before(endsAt, 2));
    const extended = new Date(endsAt.getTime() + 7 * DAY);
    await withSystem("test: extend", (tx) =>
      tx
        .update(billingAccounts)
        .set({ trialEndsAt: extended })
        .where(eq(billingAccounts.tenantId, workspace.id)),
    );
    await runAt(before(extended, 2));
    expect(await subjects(user.email)).toHaveLength(2);
    const late = await onTrial();
    await runAt(new Date(late.endsAt.getTime() + DAY));
    expect(await subjects(late.user.email)).toEqual([]);
  });

  it("is not sent to a workspace that already pays: its plan does not end with the trial", async () => {
    const { user, workspace, endsAt } = await onTrial();
    await withSystem("test: subscribe", (tx) =>
      applySubscriptionState(
        tx,
        {
          tenantId: workspace.id,
          source: "test",
          externalId: `sub_${randomUUID()}`,
          customerId: null,
          planId: "pro",
          interval: "month",
          status: "active",
          cancelAtPeriodEnd: false,
          currentPeriodStart: before(endsAt, 5),
          currentPeriodEnd: new Date(endsAt.getTime() + 30 * DAY),
          trialEnd: null,
          canceledAt: null,
          addons: {},
          sourceUpdatedAt: before(endsAt, 5),
        },
        { graceDays: 7, now: before(endsAt, 5) },
      ),
    );
    await runAt(before(endsAt, 2));
    expect(await subjects(user.email)).toEqual([]);
  });

  it("two runs at once send it once", async () => {
    const { user, endsAt } = await onTrial();
    await Promise.all([runAt(before(endsAt, 2)), runAt(before(endsAt, 2))]);
    expect(await subjects(user.email)).toHaveLength(1);
  });
});
