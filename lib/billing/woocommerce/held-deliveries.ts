import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { billingEvents, users } from '@/db/schema';
import { withSystem, type Tx } from '@/db/tenant';
import { env } from '@/lib/env';
import { getLogger } from '@/lib/observability/logger';
import { PAST_DUE_GRACE_DAYS } from '../plans';
import { applySubscriptionState } from '../subscription-store';
import { toSubscriptionState, wooSubscriptionSchema } from './subscription';
import { endedState, NO_WORKSPACE_ERROR, UNVERIFIED_ERROR } from './webhook';
import { findWooWorkspace } from './workspace';

/**
 * Applies the WooCommerce deliveries held for this user's email (bought before the account
 * existed or was verified), oldest first, now that the address is confirmed, and marks them
 * processed. Called once the address is verified; its own transaction, so a failure here never
 * undoes the verification (the deliveries stay held). Returns how many were applied.
 */
export async function applyHeldWooCommerceDeliveries(userId: string, now = new Date()): Promise<number> {
  const products = env().WOOCOMMERCE_PLAN_PRODUCTS;
  return withSystem('billing: woocommerce held deliveries', async (tx) => {
    const [user] = await tx
      .select({ email: users.email })
      .from(users)
      .where(and(eq(users.id, userId), isNotNull(users.emailVerified)))
      .limit(1);
    if (!user) return 0;
    const held = await tx
      .select()
      .from(billingEvents)
      .where(
        and(
          eq(billingEvents.source, 'woocommerce'),
          isNull(billingEvents.processedAt),
          inArray(billingEvents.error, [NO_WORKSPACE_ERROR, UNVERIFIED_ERROR]),
          sql`lower(${billingEvents.payload}->'billing'->>'email') = ${user.email.toLowerCase()}`,
        ),
      )
      .orderBy(asc(billingEvents.receivedAt))
      .for('update', { skipLocked: true });
    let applied = 0;
    for (const event of held) {
      const parsed = wooSubscriptionSchema.safeParse(event.payload);
      const mapped = parsed.success ? toSubscriptionState(parsed.data, products) : null;
      if (!parsed.success || !mapped?.ok) continue;
      const workspace = await findWooWorkspace(tx, String(parsed.data.id), parsed.data.billing?.email);
      if (!workspace.found) continue;
      const state = { ...mapped.state, tenantId: workspace.tenantId };
      const ended = event.type === 'subscription.deleted' || (await deletedSince(tx, parsed.data.id));
      await applySubscriptionState(tx, ended ? endedState(state, now) : state, { graceDays: PAST_DUE_GRACE_DAYS, now });
      await tx.update(billingEvents).set({ processedAt: now, error: null, workspaceId: workspace.tenantId }).where(eq(billingEvents.id, event.id));
      applied += 1;
    }
    if (applied) getLogger({ module: 'billing', source: 'woocommerce' }).info({ userId, applied }, 'held woocommerce deliveries applied');
    return applied;
  });
}

// A deletion that came while the subscription was held carried only its id, so nothing could be
// ended then: the held state is applied as ended.
async function deletedSince(tx: Tx, subscriptionId: number): Promise<boolean> {
  const [deleted] = await tx
    .select({ id: billingEvents.id })
    .from(billingEvents)
    .where(and(eq(billingEvents.source, 'woocommerce'), eq(billingEvents.type, 'subscription.deleted'), sql`${billingEvents.payload}->>'id' = ${String(subscriptionId)}`))
    .limit(1);
  return deleted !== undefined;
}
