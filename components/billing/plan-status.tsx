import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { Entitlements } from '@/lib/billing/entitlements';
import { formatInZone } from '@/lib/time';

const STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  trialing: { label: 'Trial', tone: 'info' },
  active: { label: 'Active', tone: 'success' },
  past_due: { label: 'Payment failed', tone: 'warning' },
  unpaid: { label: 'Unpaid', tone: 'danger' },
  canceled: { label: 'Canceled', tone: 'neutral' },
  incomplete: { label: 'Incomplete', tone: 'warning' },
};

const SOURCE: Record<string, string> = { stripe: 'Stripe', woocommerce: 'our store', test: 'the test checkout' };

/** The workspace's plan in words: what it is, where it comes from, and the next date that matters. */
export function PlanStatus({ entitlements, timeZone }: { entitlements: Entitlements; timeZone: string }) {
  const day = (iso: string) => formatInZone(new Date(iso), timeZone, 'date');
  const { subscription, source } = entitlements;
  const status =
    source === 'trial' ? STATUS.trialing! : source === 'subscription' && subscription ? (STATUS[subscription.status] ?? STATUS.active!) : source === 'override' ? { label: 'Contract', tone: 'info' as const } : null;
  let detail: string;
  if (source === 'trial') detail = `Your trial ends on ${day(entitlements.trialEndsAt!)}. Without a plan by then, the workspace moves to Free; nothing is deleted.`;
  else if (source === 'override') detail = 'Set by Tessera for this workspace (a contract or a courtesy plan).';
  else if (source === 'subscription' && subscription) {
    const via = ` Billed ${subscription.interval === 'year' ? 'yearly' : 'monthly'} through ${SOURCE[subscription.source] ?? subscription.source}.`;
    if (subscription.status === 'past_due' && subscription.graceUntil)
      detail = `The last payment failed. Update your payment method by ${day(subscription.graceUntil)} to keep the plan; after that the workspace moves to Free.${via}`;
    else if (subscription.status === 'trialing' && subscription.currentPeriodEnd && !subscription.cancelAtPeriodEnd)
      detail = `Your trial runs until ${day(subscription.currentPeriodEnd)}; then the plan is billed ${subscription.interval === 'year' ? 'yearly' : 'monthly'} through ${SOURCE[subscription.source] ?? subscription.source}.`;
    else if (subscription.cancelAtPeriodEnd && subscription.currentPeriodEnd)
      detail = `Canceled: the plan stays until ${day(subscription.currentPeriodEnd)}, then the workspace moves to Free.${via}`;
    else detail = `${subscription.currentPeriodEnd ? `Renews on ${day(subscription.currentPeriodEnd)}.` : ''}${via}`;
  } else detail = 'The free plan. Upgrade for more members, live bots, unlimited journals and more.';
  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-center gap-2">
        <p className="text-lg font-semibold">{entitlements.planName}</p>
        {status ? (
          <Badge tone={status.tone} dot>
            {status.label}
          </Badge>
        ) : null}
      </div>
      <p className="text-sm text-muted">{detail.trim()}</p>
    </div>
  );
}
