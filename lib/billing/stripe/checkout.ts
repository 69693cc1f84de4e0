import { and, eq, inArray, isNull } from 'drizzle-orm';
import { billingAccounts, subscriptions } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { appUrl } from '@/lib/email/templates';
import { AppError } from '@/lib/errors/app-error';
import { PLANS, type BillingInterval, type PlanId } from '../plans';
import { stripeClient } from './client';
import { priceIdFor } from './config';

/** Who is buying what, for which workspace (the action's access, already checked for billing.manage). */
export type CheckoutRequest = {
  tenantId: string;
  workspaceSlug: string;
  workspaceName: string;
  email: string;
  planId: PlanId;
  interval: BillingInterval;
};

// Stripe refuses a trial_end less than 48 hours ahead; a trial that ends sooner is not carried over.
const MIN_TRIAL_END_MS = 48 * 3_600_000;

const billingPath = (slug: string) => `/w/${slug}/settings/billing`;

async function readAccount(tenantId: string) {
  return withSystem('billing: stripe account', async (tx) => {
    const [account] = await tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenantId)).limit(1);
    const live = await tx
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.source, 'stripe'), inArray(subscriptions.status, ['active', 'trialing', 'past_due', 'unpaid'])))
      .limit(1);
    return { account: account ?? null, subscribed: live.length > 0 };
  });
}

/**
 * The workspace's Stripe customer, created once: the idempotency key makes a double click (or two
 * admins at once) get the same customer from Stripe, and the id is stored only where none is yet.
 * Network first, then a short system write: never a call out inside a transaction.
 */
export async function ensureStripeCustomer(input: { tenantId: string; workspaceName: string; email: string }): Promise<string> {
  const { account } = await readAccount(input.tenantId);
  if (account?.stripeCustomerId) return account.stripeCustomerId;
  const customer = await stripeClient().customers.create(
    { name: input.workspaceName, email: input.email, metadata: { workspace_id: input.tenantId } },
    { idempotencyKey: `tessera-customer-${input.tenantId}` },
  );
  return withSystem('billing: stripe customer', async (tx) => {
    await tx.insert(billingAccounts).values({ tenantId: input.tenantId }).onConflictDoNothing();
    await tx
      .update(billingAccounts)
      .set({ stripeCustomerId: customer.id, updatedAt: new Date() })
      .where(and(eq(billingAccounts.tenantId, input.tenantId), isNull(billingAccounts.stripeCustomerId)));
    const [stored] = await tx.select({ id: billingAccounts.stripeCustomerId }).from(billingAccounts).where(eq(billingAccounts.tenantId, input.tenantId));
    return stored?.id ?? customer.id;
  });
}

/**
 * A Checkout Session for a self-serve plan: the configured monthly or yearly price, promotion
 * codes and tax ids accepted, the workspace id in the metadata of the session and of the
 * subscription it creates (the webhook finds the workspace by it), and a running trial carried
 * over as the subscription's trial end so upgrading mid-trial doesn't cut the trial short.
 * A workspace already subscribed through Stripe changes plans in the portal instead.
 */
export async function createStripeCheckout(request: CheckoutRequest, options: { now?: Date } = {}): Promise<{ url: string; sessionId: string }> {
  const now = options.now ?? new Date();
  const plan = PLANS[request.planId];
  if (!plan.selfServe) throw new AppError('bad_request', `${plan.name} is not sold through checkout.`, { field: 'planId' });
  const price = priceIdFor(request.planId, request.interval);
  if (!price) throw new AppError('unavailable', `${plan.name} can’t be bought right now. Please try again later.`);
  const { account, subscribed } = await readAccount(request.tenantId);
  if (subscribed) throw new AppError('conflict', 'This workspace already has a subscription: change plans in the billing portal.');
  const customer = await ensureStripeCustomer(request);
  const trialEnd = account?.trialEndsAt && account.trialEndsAt.getTime() - now.getTime() >= MIN_TRIAL_END_MS ? Math.floor(account.trialEndsAt.getTime() / 1000) : null;
  const metadata = { workspace_id: request.tenantId };
  const back = billingPath(request.workspaceSlug);
  const session = await stripeClient().checkout.sessions.create({
    mode: 'subscription',
    customer,
    client_reference_id: request.tenantId,
    line_items: [{ price, quantity: 1 }],
    allow_promotion_codes: true,
    tax_id_collection: { enabled: true },
    // Tax id collection on an existing customer needs Stripe to be allowed to save name and address.
    customer_update: { name: 'auto', address: 'auto' },
    metadata,
    subscription_data: { metadata, ...(trialEnd ? { trial_end: trialEnd } : {}) },
    success_url: appUrl(back, { checkout: 'success' }),
    cancel_url: appUrl(back, { checkout: 'canceled' }),
  });
  if (!session.url) throw new AppError('unavailable', 'Stripe did not return a checkout page. Please try again.');
  return { url: session.url, sessionId: session.id };
}

/** The Customer Portal (change plan with proration, add-ons, cancel, payment method), back to the billing page. */
export async function createStripePortal(input: { tenantId: string; workspaceSlug: string }): Promise<{ url: string }> {
  const { account } = await readAccount(input.tenantId);
  if (!account?.stripeCustomerId) throw new AppError('conflict', 'There is nothing to manage yet: choose a plan first.');
  const session = await stripeClient().billingPortal.sessions.create({ customer: account.stripeCustomerId, return_url: appUrl(billingPath(input.workspaceSlug)) });
  return { url: session.url };
}

export type InvoiceSummary = {
  id: string;
  number: string | null;
  date: Date;
  /** Integer minor units, as Stripe states them. */
  amountMinor: bigint;
  currency: string;
  status: string | null;
  hostedUrl: string | null;
  pdfUrl: string | null;
};

/** The workspace's invoices, newest first (Stripe's order), for the billing page. */
export async function listStripeInvoices(tenantId: string, options: { limit?: number } = {}): Promise<InvoiceSummary[]> {
  const { account } = await readAccount(tenantId);
  if (!account?.stripeCustomerId) return [];
  const page = await stripeClient().invoices.list({ customer: account.stripeCustomerId, limit: Math.min(100, options.limit ?? 24) });
  return page.data.map((invoice) => ({
    id: invoice.id ?? '',
    number: invoice.number,
    date: new Date(invoice.created * 1000),
    amountMinor: BigInt(invoice.status === 'paid' ? invoice.amount_paid : invoice.amount_due),
    currency: invoice.currency.toUpperCase(),
    status: invoice.status,
    hostedUrl: invoice.hosted_invoice_url ?? null,
    pdfUrl: invoice.invoice_pdf ?? null,
  }));
}
