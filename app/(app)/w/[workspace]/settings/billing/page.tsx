import type { Metadata } from 'next';
import { ActionButtonForm } from '@/components/billing/action-button-form';
import { PlanPicker, type PickablePlan } from '@/components/billing/plan-picker';
import { PlanStatus } from '@/components/billing/plan-status';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { PlanComparison } from '@/components/marketing/plan-comparison';
import { plans as marketingPlans, formatPlanPrice } from '@/components/marketing/plans';
import { SETTINGS_LABEL, SettingsTabs } from '@/components/workspace/settings-tabs';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { listInvoices, type InvoiceSummary } from '@/lib/billing/checkout';
import { loadEntitlements } from '@/lib/billing/entitlements';
import { PLANS, selfServePlans } from '@/lib/billing/plans';
import { billingBackend } from '@/lib/billing/stripe/config';
import { formatMoney, isCurrencyCode } from '@/lib/currency';
import { getLogger } from '@/lib/observability/logger';
import { formatInZone } from '@/lib/time';
import { cancelAtPeriodEndAction, openPortalAction, resumeAction, startCheckoutAction } from './actions';

export const metadata: Metadata = { title: 'Billing' };

const NOTICES: Record<string, string> = {
  success: 'Thanks! Your payment went through; the new plan shows here within a few seconds.',
  test: 'Done: the test checkout put the plan in force. No card was charged.',
  canceled: 'Checkout was canceled; nothing changed.',
};

async function invoicesOrError(tenantId: string): Promise<InvoiceSummary[] | 'unavailable'> {
  try {
    return await listInvoices(tenantId);
  } catch (error) {
    getLogger({ component: 'billing' }).warn({ err: error }, 'could not list invoices');
    return 'unavailable';
  }
}

export default async function BillingPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { ctx, workspace, can, read } = await requireWorkspacePage((await params).workspace, 'billing.manage');
  const query = await searchParams;
  const notice = NOTICES[String(query.checkout ?? '')];
  const entitlements = await read((tx) => loadEntitlements(tx, ctx.tenantId));
  const invoices = await invoicesOrError(ctx.tenantId);
  const backend = billingBackend();
  const subscription = entitlements.source === 'subscription' ? entitlements.subscription : null;
  const paid = subscription !== null;
  const wording = new Map(marketingPlans.map((p) => [p.id as string, p.highlights]));
  const pickable: PickablePlan[] = selfServePlans().map((plan) => ({
    id: plan.id,
    name: plan.name,
    rank: plan.rank,
    month: formatPlanPrice({ priceMinor: plan.price!.monthMinor, currency: plan.price!.currency }),
    year: formatPlanPrice({ priceMinor: plan.price!.yearMinor, currency: plan.price!.currency }),
    highlights: wording.get(plan.id) ?? [],
  }));
  const day = (date: Date) => formatInZone(date, workspace.timezone, 'date');

  return (
    <div className="space-y-8">
      <PageHeader
        label={SETTINGS_LABEL}
        title="Billing"
        description="The workspace's plan, how it is paid, and its invoices. Owners and admins manage it."
        tabs={<SettingsTabs workspace={workspace.slug} can={can} />}
      />
      {notice ? (
        <p role="status" className="rounded-lg border border-success-border bg-success-soft px-4 py-3 text-sm text-success">
          {notice}
        </p>
      ) : null}
      {backend === 'test' ? (
        <p className="rounded-lg border border-info-border bg-info-soft px-4 py-3 text-sm text-info">
          Test checkout: this server has no Stripe key, so choosing a plan puts it in force at once and charges nothing. With
          STRIPE_SECRET_KEY set, the same buttons open Stripe Checkout.
        </p>
      ) : null}

      <Card role="region" aria-labelledby="billing-current-plan">
        <CardHeader>
          <CardTitle as="h2" id="billing-current-plan">
            Current plan
          </CardTitle>
        </CardHeader>
        <CardContent className="space-y-4">
          <PlanStatus entitlements={entitlements} timeZone={workspace.timezone} />
          <div className="flex flex-wrap gap-2">
            {backend === 'stripe' && paid ? <ActionButtonForm workspace={workspace.slug} action={openPortalAction} label="Manage payment, add-ons and plan" pendingLabel="Opening…" /> : null}
            {backend === 'test' && subscription?.source === 'test' ? (
              subscription.cancelAtPeriodEnd ? (
                <ActionButtonForm workspace={workspace.slug} action={resumeAction} label="Keep my plan" pendingLabel="Saving…" />
              ) : (
                <ActionButtonForm workspace={workspace.slug} action={cancelAtPeriodEndAction} label="Cancel at the end of the period" pendingLabel="Canceling…" variant="secondary" />
              )
            ) : null}
          </div>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">{paid ? 'Change plan' : 'Choose a plan'}</CardTitle>
          <CardDescription>
            Prices are per workspace, in USD. Yearly plans cost ten months. {PLANS.enterprise.name} (from{' '}
            {formatPlanPrice({ priceMinor: PLANS.enterprise.fromPriceMinor!, currency: 'USD' })} a month) is set up by contract. Every limit is compared below.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <PlanPicker
            workspace={workspace.slug}
            plans={pickable}
            current={{ planId: entitlements.planId, rank: PLANS[entitlements.planId].rank, interval: subscription?.interval ?? null, paid }}
            defaultInterval={subscription?.interval ?? (query.interval === 'year' || query.interval === 'month' ? query.interval : (entitlements.preferredInterval ?? 'month'))}
            action={startCheckoutAction}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2" id="compare-title">
            Compare plans
          </CardTitle>
          <CardDescription>Every limit and feature of each plan, from the same catalog the checks use.</CardDescription>
        </CardHeader>
        <CardContent>
          <PlanComparison />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Invoices</CardTitle>
        </CardHeader>
        <CardContent>
          {invoices === 'unavailable' ? (
            <p className="text-sm text-muted">Invoices can&apos;t be loaded from Stripe right now. Try again in a minute.</p>
          ) : invoices.length === 0 ? (
            <p className="text-sm text-muted">{backend === 'test' ? 'The test checkout charges nothing, so there are no invoices.' : 'No invoices yet.'}</p>
          ) : (
            <Table scrollRegionLabel="Invoices, scrolls sideways">
              <TableHeader>
                <TableRow>
                  <TableHead>Date</TableHead>
                  <TableHead>Number</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead numeric>Amount</TableHead>
                  <TableHead>
                    <span className="sr-only">Download</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {invoices.map((invoice) => (
                  <TableRow key={invoice.id}>
                    <TableCell>{day(invoice.date)}</TableCell>
                    <TableCell>{invoice.number ?? '—'}</TableCell>
                    <TableCell>{invoice.status ?? '—'}</TableCell>
                    <TableCell numeric>{isCurrencyCode(invoice.currency) ? formatMoney(invoice.amountMinor, invoice.currency) : `${invoice.amountMinor} ${invoice.currency}`}</TableCell>
                    <TableCell>
                      {invoice.pdfUrl ?? invoice.hostedUrl ? (
                        <a href={(invoice.pdfUrl ?? invoice.hostedUrl)!} className="font-medium text-accent underline-offset-4 hover:underline" rel="noreferrer" target="_blank">
                          {invoice.pdfUrl ? 'PDF' : 'View'}
                        </a>
                      ) : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
