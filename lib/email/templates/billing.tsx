import { Action, Details, EmailLayout, greeting, P, Small } from './layout';
import { formatWhen } from './urls';

// The billing emails a workspace's owners get (lib/billing/stripe/webhook.ts and the dunning cron).
// Amounts arrive formatted: the caller holds the bigint minor units and the currency.

export type PaymentFailedProps = {
  name: string | null;
  workspaceName: string;
  planName: string;
  /** When the plan stops counting if nothing is paid (the grace period's end). */
  graceUntil: Date | null;
  /** Which reminder this is: 0 on the failure, then the dunning days. */
  day: number;
  url: string;
};

export const paymentFailedSubject = ({ workspaceName, day }: PaymentFailedProps) =>
  day === 0 ? `Payment failed for ${workspaceName} on Tessera` : `Reminder: payment still failing for ${workspaceName}`;

export function PaymentFailedEmail({ name, workspaceName, planName, graceUntil, day, url }: PaymentFailedProps) {
  return (
    <EmailLayout preview={`We couldn’t take the payment for ${workspaceName}.`} heading="Your payment didn’t go through">
      <P>{greeting(name)}</P>
      <P>
        {day === 0 ? 'We couldn’t' : 'We still can’t'} take the payment for the {planName} plan of {workspaceName}. Please update the payment method so
        nothing changes for your team.
      </P>
      <Action href={url} label="Update payment method" />
      {graceUntil ? <Details rows={[['The plan stays active until', formatWhen(graceUntil)]]} /> : null}
      <Small>After that the workspace moves to Free. Nothing is deleted: data over the Free limits becomes read-only until you upgrade again.</Small>
    </EmailLayout>
  );
}

export type SubscriptionCanceledProps = { name: string | null; workspaceName: string; planName: string; url: string };

export const subscriptionCanceledSubject = ({ workspaceName }: SubscriptionCanceledProps) => `${workspaceName}’s Tessera subscription has ended`;

export function SubscriptionCanceledEmail({ name, workspaceName, planName, url }: SubscriptionCanceledProps) {
  return (
    <EmailLayout preview={`${workspaceName} is now on the Free plan.`} heading="Your subscription has ended">
      <P>{greeting(name)}</P>
      <P>
        The {planName} subscription of {workspaceName} has ended and the workspace is on the Free plan now. Nothing was deleted: data over the Free
        limits is read-only until you subscribe again.
      </P>
      <Action href={url} label="Choose a plan" />
    </EmailLayout>
  );
}

export type ReceiptProps = {
  name: string | null;
  workspaceName: string;
  /** Formatted from the invoice's minor units (formatMoney). */
  amount: string;
  number: string | null;
  paidAt: Date;
  /** The hosted invoice or its PDF; the billing page otherwise. */
  url: string;
};

export const receiptSubject = ({ workspaceName, amount }: ReceiptProps) => `Receipt: ${amount} for ${workspaceName} on Tessera`;

export function ReceiptEmail({ name, workspaceName, amount, number, paidAt, url }: ReceiptProps) {
  const rows: Array<[string, string]> = [
    ['Amount', amount],
    ['Paid', formatWhen(paidAt)],
  ];
  if (number) rows.push(['Invoice', number]);
  return (
    <EmailLayout preview={`We received ${amount} for ${workspaceName}.`} heading="Thanks for your payment">
      <P>{greeting(name)}</P>
      <P>We received your payment for {workspaceName}.</P>
      <Action href={url} label="View invoice" />
      <Details rows={rows} />
    </EmailLayout>
  );
}

export type TrialEndingProps = { name: string | null; workspaceName: string; planName: string; endsAt: Date; url: string };

export const trialEndingSubject = ({ workspaceName }: TrialEndingProps) => `${workspaceName}’s Tessera trial ends in 3 days`;

export function TrialEndingEmail({ name, workspaceName, planName, endsAt, url }: TrialEndingProps) {
  return (
    <EmailLayout preview={`The ${planName} trial of ${workspaceName} ends soon.`} heading="Your trial ends soon">
      <P>{greeting(name)}</P>
      <P>
        The {planName} trial of {workspaceName} ends on {formatWhen(endsAt)}. Add a payment method to keep {planName}; otherwise the workspace moves to
        Free, and nothing is deleted.
      </P>
      <Action href={url} label="Keep my plan" />
    </EmailLayout>
  );
}
