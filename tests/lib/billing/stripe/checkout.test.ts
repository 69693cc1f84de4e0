import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingAccounts, subscriptions } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { listInvoices, openBillingPortal, startCheckout } from '@/lib/billing/checkout';
import { ensureStripeCustomer } from '@/lib/billing/stripe/checkout';
import { createTenant } from '@/tests/helpers/database';
import { fakePriceIds, invoiceObject, startFakeStripe, type FakeStripe } from '@/tests/helpers/fake-stripe';
import { setBillingAccount } from '../../../helpers/billing-account';

const DAY = 86_400_000;
const tag = randomUUID().slice(0, 8);
const prices = fakePriceIds(tag);
let fake: FakeStripe;

beforeAll(async () => {
  fake = await startFakeStripe();
  fake.configure({ webhookSecret: `whsec_${tag}`, prices });
});
afterAll(async () => {
  await fake.close();
});

async function workspace(account: { trialEndsAt?: Date | null; stripeCustomerId?: string } = {}) {
  const tenant = await createTenant();
  await setBillingAccount(tenant.workspace.id, { trialPlanId: 'pro', ...account });
  const request = (planId: 'pro' | 'team' = 'pro', interval: 'month' | 'year' = 'month') => ({
    tenantId: tenant.workspace.id,
    workspaceSlug: tenant.workspace.slug,
    workspaceName: tenant.workspace.name,
    email: tenant.user.email,
    planId,
    interval,
  });
  return { ...tenant, request };
}

const storedCustomer = async (tenantId: string) =>
  (await withSystem('test: account', (tx) => tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenantId))))[0]?.stripeCustomerId ?? null;

const sessionsFor = (tenantId: string) => fake.calls('POST', '/v1/checkout/sessions').filter((r) => (r.body.metadata as Record<string, string>)?.workspace_id === tenantId);
const customersFor = (tenantId: string) => fake.calls('POST', '/v1/customers').filter((r) => (r.body.metadata as Record<string, string>)?.workspace_id === tenantId);

describe('Stripe checkout', () => {
  it('creates a subscription session with the plan price, the running trial, promotion codes, tax ids and the workspace id', async () => {
    const now = new Date();
    const trialEndsAt = new Date(now.getTime() + 10 * DAY);
    const { workspace: ws, request } = await workspace({ trialEndsAt });
    const url = await startCheckout(request('team', 'year'), { now });
    expect(url).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);

    const [customerCall] = customersFor(ws.id);
    expect(customerCall!.body).toMatchObject({ name: ws.name, metadata: { workspace_id: ws.id } });
    expect(customerCall!.headers['idempotency-key']).toBe(`tessera-customer-${ws.id}`);
    const customer = await storedCustomer(ws.id);
    expect(customer).toMatch(/^cus_/);

    const [session] = sessionsFor(ws.id);
    expect(session!.body).toMatchObject({
      mode: 'subscription',
      customer,
      client_reference_id: ws.id,
      line_items: [{ price: prices.STRIPE_PRICE_TEAM_YEAR, quantity: '1' }],
      allow_promotion_codes: 'true',
      tax_id_collection: { enabled: 'true' },
      metadata: { workspace_id: ws.id },
      subscription_data: { metadata: { workspace_id: ws.id }, trial_end: String(Math.floor(trialEndsAt.getTime() / 1000)) },
    });
    expect(session!.body.success_url).toContain(`/w/${ws.slug}/settings/billing?checkout=success`);
  });

  it('reuses the workspace customer on a second checkout, and creates it once under a race', async () => {
    const { workspace: ws, request } = await workspace();
    const raced = await Promise.all([ensureStripeCustomer(request()), ensureStripeCustomer(request())]);
    const customer = await storedCustomer(ws.id);
    expect(raced).toEqual([customer, customer]);
    await startCheckout(request('pro', 'month'));
    await startCheckout(request('team', 'month'));
    // Two creates raced, but Stripe answered both with one customer (same idempotency key); no more after.
    expect([...fake.customers.values()].filter((c) => c.metadata.workspace_id === ws.id).map((c) => c.id)).toEqual([customer]);
    expect(customersFor(ws.id).length).toBeLessThanOrEqual(2);
    const sessions = sessionsFor(ws.id);
    expect(sessions).toHaveLength(2);
    expect(sessions.map((s) => s.body.customer)).toEqual([customer, customer]);
  });

  it('leaves out a trial that is over or ends within 48 hours (Stripe refuses those)', async () => {
    const now = new Date();
    for (const trialEndsAt of [new Date(now.getTime() - DAY), new Date(now.getTime() + 47 * 3_600_000), null]) {
      const { workspace: ws, request } = await workspace({ trialEndsAt });
      await startCheckout(request(), { now });
      const body = sessionsFor(ws.id)[0]!.body as { subscription_data: Record<string, unknown> };
      expect(body.subscription_data.trial_end).toBeUndefined();
      expect(body.subscription_data.metadata).toEqual({ workspace_id: ws.id });
    }
  });

  it('refuses a second subscription and plans not sold through checkout', async () => {
    const { workspace: ws, request } = await workspace();
    await withSystem('test: subscription', (tx) =>
      tx.insert(subscriptions).values({ tenantId: ws.id, source: 'stripe', externalId: `sub_${tag}`, planId: 'pro', status: 'active', sourceUpdatedAt: new Date() }),
    );
    await expect(startCheckout(request())).rejects.toMatchObject({ code: 'conflict' });
    const other = await workspace();
    await expect(startCheckout({ ...other.request(), planId: 'enterprise' })).rejects.toMatchObject({ code: 'bad_request' });
    expect(sessionsFor(ws.id)).toHaveLength(0);
  });
});

describe('Stripe portal and invoices', () => {
  it('opens the portal for the workspace customer, back to the billing page', async () => {
    const customer = `cus_${tag}portal`;
    const { workspace: ws } = await workspace({ stripeCustomerId: customer });
    const url = await openBillingPortal({ tenantId: ws.id, workspaceSlug: ws.slug });
    expect(url).toMatch(/^https:\/\/billing\.stripe\.test\/p\/session\/bps_/);
    const call = fake.calls('POST', '/v1/billing_portal/sessions').find((r) => r.body.customer === customer);
    expect(String(call!.body.return_url)).toMatch(new RegExp(`/w/${ws.slug}/settings/billing$`));
  });

  it('refuses the portal before there is a customer', async () => {
    const { workspace: ws } = await workspace();
    await expect(openBillingPortal({ tenantId: ws.id, workspaceSlug: ws.slug })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('lists the customer invoices with bigint minor amounts and their links', async () => {
    const customer = `cus_${tag}inv`;
    const { workspace: ws } = await workspace({ stripeCustomerId: customer });
    fake.invoices.push(
      invoiceObject({ id: `in_${tag}a`, customer, subscription: 'sub_x', status: 'paid', amountDue: 4900, number: 'T-2', created: 1_790_000_000 }),
      invoiceObject({ id: `in_${tag}b`, customer, subscription: 'sub_x', status: 'open', amountDue: 1900, number: 'T-1', created: 1_780_000_000 }),
      invoiceObject({ id: `in_${tag}c`, customer: 'cus_someone_else', subscription: 'sub_y', status: 'paid' }),
    );
    const invoices = await listInvoices(ws.id);
    expect(invoices).toEqual([
      { id: `in_${tag}a`, number: 'T-2', date: new Date(1_790_000_000_000), amountMinor: 4900n, currency: 'USD', status: 'paid', hostedUrl: `https://invoice.stripe.test/in_${tag}a`, pdfUrl: `https://invoice.stripe.test/in_${tag}a/pdf` },
      { id: `in_${tag}b`, number: 'T-1', date: new Date(1_780_000_000_000), amountMinor: 1900n, currency: 'USD', status: 'open', hostedUrl: `https://invoice.stripe.test/in_${tag}b`, pdfUrl: `https://invoice.stripe.test/in_${tag}b/pdf` },
    ]);
    expect(await listInvoices((await workspace()).workspace.id)).toEqual([]);
  });
});
