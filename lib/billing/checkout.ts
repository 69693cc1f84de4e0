import { withSystem } from '@/db/tenant';
import { createStripeCheckout, createStripePortal, listStripeInvoices, type CheckoutRequest, type InvoiceSummary } from './stripe/checkout';
import { billingBackend } from './stripe/config';
import { setTestCancelAtPeriodEnd, testCheckout } from './test-checkout';

export type { CheckoutRequest, InvoiceSummary } from './stripe/checkout';

/**
 * What the billing actions call, whichever backend is on: each returns where to send the person
 * next. Called after the action's own transaction committed (they call out to Stripe, and the
 * test checkout writes subscriptions, which only system work may), so each opens what it needs.
 */

const billingPath = (slug: string, result?: string) => `/w/${slug}/settings/billing${result ? `?checkout=${result}` : ''}`;

/** Stripe's Checkout page, or — on the test backend — the billing page with the plan already in force. */
export async function startCheckout(request: CheckoutRequest, options: { now?: Date } = {}): Promise<string> {
  if (billingBackend() === 'stripe') return (await createStripeCheckout(request, options)).url;
  await withSystem('billing: test checkout', (tx) => testCheckout(tx, request, options));
  return billingPath(request.workspaceSlug, 'test');
}

/** Stripe's Customer Portal; the test backend manages its subscription on the billing page itself. */
export async function openBillingPortal(input: { tenantId: string; workspaceSlug: string }): Promise<string> {
  if (billingBackend() === 'stripe') return (await createStripePortal(input)).url;
  return billingPath(input.workspaceSlug);
}

/** Test backend only (with Stripe, cancelling and resuming happen in the portal). */
export async function setCancelAtPeriodEnd(input: { tenantId: string; workspaceSlug: string; cancel: boolean }, options: { now?: Date } = {}): Promise<string> {
  await withSystem('billing: test checkout', (tx) => setTestCancelAtPeriodEnd(tx, input.tenantId, input.cancel, options));
  return billingPath(input.workspaceSlug);
}

/** The workspace's invoices (none on the test backend: nothing is charged). */
export function listInvoices(tenantId: string): Promise<InvoiceSummary[]> {
  return billingBackend() === 'stripe' ? listStripeInvoices(tenantId) : Promise.resolve([]);
}
