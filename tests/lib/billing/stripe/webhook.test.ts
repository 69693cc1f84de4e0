import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/webhooks/stripe/route';
import { billingAccounts, billingEvents, emailOutbox, jobRuns, subscriptions } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { loadEntitlements } from '@/lib/billing/entitlements';
import { handleStripeWebhook, STRIPE_WEBHOOK_JOB } from '@/lib/billing/stripe/webhook';
import { createTenant } from '@/tests/helpers/database';
import { fakePriceIds, invoiceObject, signedEvent, startFakeStripe, stripeFixture, subscriptionObject, type FakeStripe } from '@/tests/helpers/fake-stripe';
import { setBillingAccount } from '../../../helpers/billing-account';

const DAY = 86_400_000;
const tag = randomUUID().slice(0, 8);
const secret = `whsec_test_${tag}`;
const prices = fakePriceIds(tag);
let fake: FakeStripe;

beforeAll(async () => {
  fake = await startFakeStripe();
  fake.configure({ webhookSecret: secret, prices });
});
afterAll(async () => {
  await fake.close();
});

const eventId = () => `evt_${randomUUID().replace(/-/g, '')}`;
const subId = () => `sub_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
const cusId = () => `cus_${randomUUID().replace(/-/g, '').slice(0, 14)}`;

async function deliver(fields: { id?: string; type: string; object: unknown; created?: number }, header?: string) {
  const signed = signedEvent(secret, { id: fields.id ?? eventId(), ...fields });
  const response = await POST(
    new Request('http://localhost/api/webhooks/stripe', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(header === undefined ? { 'stripe-signature': signed.header } : header ? { 'stripe-signature': header } : {}) },
      body: signed.payload,
    }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, event: signed.event };
}

const rowOf = (externalId: string) =>
  withSystem('test: stripe row', async (tx) => (await tx.select().from(subscriptions).where(and(eq(subscriptions.source, 'stripe'), eq(subscriptions.externalId, externalId))))[0]);
const entitlementsAt = (tenantId: string, now = new Date()) => withSystem('test: entitlements', (tx) => loadEntitlements(tx, tenantId, now));
const eventsRecorded = (ids: string[]) =>
  withSystem('test: events', (tx) => tx.select().from(billingEvents).where(and(eq(billingEvents.source, 'stripe'), inArray(billingEvents.eventId, ids))));
const emailsTo = (to: string) => withSystem('test: emails', (tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.to, to)));

/** A workspace with an owner, and a Stripe subscription for it held by the fake. */
async function setup(fields: Partial<Parameters<typeof subscriptionObject>[0]> = {}) {
  const tenant = await createTenant();
  // No trial: what the subscription grants (or stops granting) is what the workspace has.
  await setBillingAccount(tenant.workspace.id);
  const subscription = subscriptionObject({
    id: subId(),
    customer: cusId(),
    items: [{ price: prices.STRIPE_PRICE_PRO_MONTH! }],
    metadata: { workspace_id: tenant.workspace.id },
    ...fields,
  });
  fake.subscriptions.set(subscription.id, subscription);
  return { ...tenant, subscription };
}

describe('POST /api/webhooks/stripe: signature', () => {
  it('refuses a bad or missing signature with 400 and changes nothing', async () => {
    const { subscription } = await setup();
    const forged = signedEvent('whsec_someone_else', { id: eventId(), type: 'customer.subscription.created', object: subscription });
    for (const header of [forged.header, '']) {
      const result = await deliver({ id: forged.event.id, type: 'customer.subscription.created', object: subscription }, header);
      expect(result.status).toBe(400);
      expect(result.body).toMatchObject({ error: { code: 'bad_request' } });
      expect(await eventsRecorded([forged.event.id])).toHaveLength(0);
    }
    expect(await rowOf(subscription.id)).toBeUndefined();
  });

  it('refuses a body changed after signing', async () => {
    const { subscription } = await setup();
    const signed = signedEvent(secret, { id: eventId(), type: 'customer.subscription.created', object: subscription });
    const tampered = signed.payload.replace(prices.STRIPE_PRICE_PRO_MONTH!, prices.STRIPE_PRICE_TEAM_MONTH!);
    const response = await POST(new Request('http://localhost/api/webhooks/stripe', { method: 'POST', headers: { 'stripe-signature': signed.header }, body: tampered }));
    expect(response.status).toBe(400);
    expect(await rowOf(subscription.id)).toBeUndefined();
  });
});

describe('POST /api/webhooks/stripe: events', () => {
  it('customer.subscription.created gives the plan, add-ons included; a duplicate changes nothing', async () => {
    const { workspace, subscription } = await setup({
      items: [
        { price: prices.STRIPE_PRICE_TEAM_YEAR!, interval: 'year' },
        { price: prices.STRIPE_PRICE_ADDON_LIVE_BOTS_YEAR!, quantity: 2, interval: 'year' },
      ],
    });
    const id = eventId();
    const first = await deliver({ id, type: 'customer.subscription.created', object: subscription });
    expect(first.status).toBe(200);
    const row = await rowOf(subscription.id);
    expect(row).toMatchObject({ tenantId: workspace.id, planId: 'team', interval: 'year', status: 'active', addons: { liveBots: 2 }, customerId: subscription.customer });
    expect(row!.currentPeriodEnd!.getTime()).toBe(subscription.items.data[0]!.current_period_end * 1000);
    const ent = await entitlementsAt(workspace.id);
    expect(ent).toMatchObject({ planId: 'team', source: 'subscription' });
    expect(ent.limits['bots.live']).toBe(50 + 20);

    const again = await deliver({ id, type: 'customer.subscription.created', object: { ...subscription, status: 'canceled' } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true });
    expect(await rowOf(subscription.id)).toEqual(row);
    expect(await eventsRecorded([id])).toHaveLength(1);
  });

  it('checkout.session.completed retrieves the subscription and finds the workspace from the session, storing the customer', async () => {
    const tenant = await createTenant();
    await setBillingAccount(tenant.workspace.id);
    const subscription = subscriptionObject({ id: subId(), customer: cusId(), items: [{ price: prices.STRIPE_PRICE_PRO_MONTH! }] });
    fake.subscriptions.set(subscription.id, subscription);
    const session = { ...stripeFixture<Stripe.Checkout.Session>('checkout.session'), mode: 'subscription', subscription: subscription.id, customer: subscription.customer, metadata: { workspace_id: tenant.workspace.id } };
    const before = fake.calls('GET', `/v1/subscriptions/${subscription.id}`).length;
    const result = await deliver({ type: 'checkout.session.completed', object: session });
    expect(result.status).toBe(200);
    expect(fake.calls('GET', `/v1/subscriptions/${subscription.id}`).length).toBe(before + 1);
    expect(await rowOf(subscription.id)).toMatchObject({ tenantId: tenant.workspace.id, planId: 'pro', status: 'active' });
    const [account] = await withSystem('test: account', (tx) => tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenant.workspace.id)));
    expect(account!.stripeCustomerId).toBe(subscription.customer);
  });

  it('finds the workspace by its stored Stripe customer when the subscription carries no metadata', async () => {
    const tenant = await createTenant();
    const customer = cusId();
    await setBillingAccount(tenant.workspace.id, { stripeCustomerId: customer });
    const subscription = subscriptionObject({ id: subId(), customer, items: [{ price: prices.STRIPE_PRICE_TEAM_MONTH! }] });
    expect((await deliver({ type: 'customer.subscription.updated', object: subscription })).status).toBe(200);
    expect(await rowOf(subscription.id)).toMatchObject({ tenantId: tenant.workspace.id, planId: 'team' });
  });

  it('acknowledges a subscription of no known workspace, recording why', async () => {
    const subscription = subscriptionObject({ id: subId(), customer: cusId(), items: [{ price: prices.STRIPE_PRICE_PRO_MONTH! }] });
    const result = await deliver({ type: 'customer.subscription.created', object: subscription });
    expect(result.status).toBe(200);
    expect(await rowOf(subscription.id)).toBeUndefined();
    const [recorded] = await eventsRecorded([result.event.id]);
    expect(recorded!.error).toMatch(/No workspace/);
  });

  it('invoice.paid re-syncs from the retrieved subscription and queues a receipt for the owner', async () => {
    const { user, workspace, subscription } = await setup();
    const invoice = invoiceObject({ id: `in_${tag}1`, customer: subscription.customer as string, subscription: subscription.id, status: 'paid', amountDue: 1900, number: 'TESS-0001' });
    const result = await deliver({ type: 'invoice.paid', object: invoice });
    expect(result.status).toBe(200);
    expect(await rowOf(subscription.id)).toMatchObject({ tenantId: workspace.id, status: 'active' });
    const emails = await emailsTo(user.email);
    expect(emails.map((e) => e.template)).toEqual(['billing-receipt']);
    expect(emails[0]!.text).toContain('$19.00');
    expect(emails[0]!.text).toContain(`https://invoice.stripe.test/${invoice.id}`);
    // A replay sends no second receipt.
    await deliver({ id: result.event.id, type: 'invoice.paid', object: invoice });
    expect(await emailsTo(user.email)).toHaveLength(1);
  });

  it('customer.subscription.deleted drops the workspace to Free and tells the owner', async () => {
    const { user, workspace, subscription } = await setup();
    await deliver({ type: 'customer.subscription.created', object: subscription, created: Math.floor(Date.now() / 1000) - 60 });
    expect((await entitlementsAt(workspace.id)).planId).toBe('pro');
    const ended = { ...subscription, status: 'canceled' as const, ended_at: Math.floor(Date.now() / 1000), canceled_at: Math.floor(Date.now() / 1000) };
    expect((await deliver({ type: 'customer.subscription.deleted', object: ended })).status).toBe(200);
    expect(await rowOf(subscription.id)).toMatchObject({ status: 'canceled' });
    expect((await entitlementsAt(workspace.id)).planId).toBe('free');
    expect((await emailsTo(user.email)).map((e) => e.template)).toEqual(['billing-subscription-canceled']);
  });

  it('cancel at period end keeps the plan until the period ends', async () => {
    const now = Math.floor(Date.now() / 1000);
    const { workspace, subscription } = await setup({ cancelAtPeriodEnd: true, periodStart: now - 10 * 86_400, periodEnd: now + 20 * 86_400 });
    await deliver({ type: 'customer.subscription.updated', object: subscription });
    expect(await rowOf(subscription.id)).toMatchObject({ cancelAtPeriodEnd: true, status: 'active' });
    expect((await entitlementsAt(workspace.id)).planId).toBe('pro');
    expect((await entitlementsAt(workspace.id, new Date(Date.now() + 19 * DAY))).planId).toBe('pro');
    expect((await entitlementsAt(workspace.id, new Date(Date.now() + 21 * DAY))).planId).toBe('free');
  });

  it('invoice.payment_failed: past_due with 7 days of grace (dunning day 0), then Free', async () => {
    const { user, workspace, subscription } = await setup();
    await deliver({ type: 'customer.subscription.created', object: subscription, created: Math.floor(Date.now() / 1000) - 60 });
    fake.subscriptions.set(subscription.id, { ...subscription, status: 'past_due' });
    const now = new Date();
    const invoice = invoiceObject({ id: `in_${tag}2`, customer: subscription.customer as string, subscription: subscription.id, status: 'open', attemptCount: 1 });
    const signed = signedEvent(secret, { id: eventId(), type: 'invoice.payment_failed', object: invoice });
    expect((await handleStripeWebhook({ rawBody: signed.payload, signature: signed.header }, { now })).status).toBe(200);
    const row = await rowOf(subscription.id);
    expect(row).toMatchObject({ status: 'past_due' });
    expect(row!.graceUntil!.getTime()).toBe(now.getTime() + 7 * DAY);
    expect((await entitlementsAt(workspace.id, new Date(now.getTime() + 6 * DAY))).planId).toBe('pro');
    expect((await entitlementsAt(workspace.id, new Date(now.getTime() + 7 * DAY + 1000))).planId).toBe('free');
    const emails = await emailsTo(user.email);
    expect(emails.map((e) => e.template)).toEqual(['billing-payment-failed']);

    // Stripe's retry fails the same invoice again: no second day-0 email, and the grace keeps its start.
    const retry = signedEvent(secret, { id: eventId(), type: 'invoice.payment_failed', object: { ...invoice, attempt_count: 2 } });
    await handleStripeWebhook({ rawBody: retry.payload, signature: retry.header }, { now: new Date(now.getTime() + 2 * DAY) });
    expect((await rowOf(subscription.id))!.graceUntil!.getTime()).toBe(now.getTime() + 7 * DAY);
    expect(await emailsTo(user.email)).toHaveLength(1);
  });

  it('customer.subscription.trial_will_end warns the owner', async () => {
    const trialEnd = Math.floor(Date.now() / 1000) + 3 * 86_400;
    const { user, subscription } = await setup({ status: 'trialing', trialEnd });
    expect((await deliver({ type: 'customer.subscription.trial_will_end', object: subscription })).status).toBe(200);
    expect(await rowOf(subscription.id)).toMatchObject({ status: 'trialing' });
    expect((await emailsTo(user.email)).map((e) => e.template)).toEqual(['billing-trial-ending']);
  });
});

describe('POST /api/webhooks/stripe: ordering and failures', () => {
  /** One subscription's life: created on Pro, moved to Team with an add-on, then cancel at period end; invoices in between. */
  const t0 = Math.floor(Date.now() / 1000) - 600;
  const period = { periodStart: t0 - 86_400, periodEnd: t0 + 29 * 86_400 };
  function story(workspaceId: string) {
    const customer = cusId();
    const id = subId();
    const meta = { workspace_id: workspaceId };
    const created = subscriptionObject({ id, customer, metadata: meta, ...period, items: [{ price: prices.STRIPE_PRICE_PRO_MONTH! }] });
    const upgraded = subscriptionObject({ id, customer, metadata: meta, ...period, items: [{ price: prices.STRIPE_PRICE_TEAM_MONTH! }, { price: prices.STRIPE_PRICE_ADDON_MEMBERS_MONTH!, quantity: 3 }] });
    const final = { ...upgraded, cancel_at_period_end: true, cancel_at: upgraded.items.data[0]!.current_period_end };
    fake.subscriptions.set(id, final);
    const invoice = invoiceObject({ id: `in_${id}`, customer, subscription: id, status: 'paid' });
    return {
      id,
      events: [
        { id: eventId(), type: 'customer.subscription.created', object: created, created: t0 + 1 },
        { id: eventId(), type: 'invoice.paid', object: invoice, created: t0 + 2 },
        { id: eventId(), type: 'customer.subscription.updated', object: upgraded, created: t0 + 3 },
        { id: eventId(), type: 'customer.subscription.updated', object: final, created: t0 + 4 },
      ],
    };
  }
  const comparable = (row: typeof subscriptions.$inferSelect | undefined) => ({
    planId: row?.planId,
    interval: row?.interval,
    status: row?.status,
    cancelAtPeriodEnd: row?.cancelAtPeriodEnd,
    addons: row?.addons,
    currentPeriodEnd: row?.currentPeriodEnd,
  });

  it('converges to the same state whatever the delivery order, replays included', async () => {
    const inOrder = await createTenant();
    const a = story(inOrder.workspace.id);
    for (const event of a.events) expect((await deliver(event)).status).toBe(200);
    const expected = comparable(await rowOf(a.id));
    expect(expected).toMatchObject({ planId: 'team', cancelAtPeriodEnd: true, addons: { members: 3 } });

    for (const order of [[3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]]) {
      const tenant = await createTenant();
      const b = story(tenant.workspace.id);
      for (const index of order) expect((await deliver(b.events[index]!)).status).toBe(200);
      // Every event once more, in yet another order: nothing moves.
      for (const index of [0, 3, 1, 2]) expect((await deliver(b.events[index]!)).body).toMatchObject({ duplicate: true });
      expect(comparable(await rowOf(b.id))).toEqual(expected);
      expect((await entitlementsAt(tenant.workspace.id)).limits.members).toBe(15 + 3);
    }
  });

  it('answers 500 on a processing error, records a failed job run for the workspace, and processes the retry', async () => {
    const { workspace } = await setup();
    const missing = subId();
    const invoice = invoiceObject({ id: `in_${missing}`, customer: cusId(), subscription: missing, status: 'paid' });
    const id = eventId();
    const failed = await deliver({ id, type: 'invoice.paid', object: invoice });
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ error: { code: 'internal' } });
    expect(await eventsRecorded([id])).toHaveLength(0);
    const runs = () => withSystem('test: runs', (tx) => tx.select().from(jobRuns).where(and(eq(jobRuns.workflow, STRIPE_WEBHOOK_JOB), eq(jobRuns.idempotencyKey, id))));
    expect((await runs())[0]).toMatchObject({ status: 'failed', tenantId: null });

    // Stripe retries once the subscription exists (here: once the fake knows it).
    fake.subscriptions.set(missing, subscriptionObject({ id: missing, customer: invoice.customer as string, items: [{ price: prices.STRIPE_PRICE_PRO_MONTH! }], metadata: { workspace_id: workspace.id } }));
    const retried = await deliver({ id, type: 'invoice.paid', object: invoice });
    expect(retried.status).toBe(200);
    expect(await rowOf(missing)).toMatchObject({ tenantId: workspace.id, planId: 'pro' });
    expect((await runs())[0]).toMatchObject({ status: 'succeeded' });
  });

  it('a price that is not configured fails visibly, with the workspace on the run', async () => {
    const { workspace, subscription } = await setup({ items: [{ price: 'price_not_in_the_catalog' }] });
    const result = await deliver({ type: 'customer.subscription.created', object: subscription });
    expect(result.status).toBe(500);
    const [run] = await withSystem('test: runs', (tx) => tx.select().from(jobRuns).where(and(eq(jobRuns.workflow, STRIPE_WEBHOOK_JOB), eq(jobRuns.idempotencyKey, result.event.id))));
    expect(run).toMatchObject({ status: 'failed', tenantId: workspace.id, errorCode: 'bad_request' });
    expect(run!.error).toMatch(/no price configured/);
    expect(await rowOf(subscription.id)).toBeUndefined();
  });

  it('acknowledges events it does not handle without acting on them', async () => {
    const result = await deliver({ type: 'plan.created', object: stripeFixture('price') });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ ignored: true });
  });
});
