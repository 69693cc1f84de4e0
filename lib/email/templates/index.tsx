import { render } from '@react-email/render';
import type { ReactElement } from 'react';
import type { Tx } from '@/db/tenant';
import { queueEmail, type QueuedEmail } from '../queue-email';
import {
  PaymentFailedEmail,
  paymentFailedSubject,
  ReceiptEmail,
  receiptSubject,
  SubscriptionCanceledEmail,
  subscriptionCanceledSubject,
  TrialEndingEmail,
  trialEndingSubject,
  type PaymentFailedProps,
  type ReceiptProps,
  type SubscriptionCanceledProps,
  type TrialEndingProps,
} from './billing';
import { AccountExistsEmail, accountExistsSubject, type AccountExistsProps } from './account-exists';
import { EmailChangeVerifyEmail, emailChangeVerifySubject, type EmailChangeVerifyProps } from './email-change-verify';
import { AccountDeletionEmail, accountDeletionSubject, type AccountDeletionProps } from './account-deletion';
import { ExportReadyEmail, exportReadySubject, type ExportReadyProps } from './export-ready';
import { EmailChangedNoticeEmail, emailChangedNoticeSubject, type EmailChangedNoticeProps } from './email-changed-notice';
import { InvitationEmail, invitationSubject, type InvitationProps } from './invitation';
import { MagicLinkEmail, magicLinkSubject, type MagicLinkProps } from './magic-link';
import { NewSignInEmail, newSignInSubject, type NewSignInProps } from './new-sign-in';
import { PasswordChangedEmail, passwordChangedSubject, type PasswordChangedProps } from './password-changed';
import { PasswordResetEmail, passwordResetSubject, type PasswordResetProps } from './password-reset';
import { StoreSignUpEmail, storeSignUpSubject, type StoreSignUpProps } from './store-sign-up';
import { VerifyEmailEmail, verifyEmailSubject, type VerifyEmailProps } from './verify-email';
import { BotAlertEmail, botAlertSubject, type BotAlertProps } from './bot-alert';
import { MoneyBudgetAlertEmail, moneyBudgetAlertSubject, type MoneyBudgetAlertProps } from './money-budget-alert';
import { MoneyImportFinishedEmail, moneyImportFinishedSubject, type MoneyImportFinishedProps } from './money-import-finished';
import { MoneyWeeklySummaryEmail, moneyWeeklySummarySubject, type MoneyWeeklySummaryProps } from './money-weekly-summary';
import { WebhookDisabledEmail, webhookDisabledSubject, type WebhookDisabledProps } from './webhook-disabled';
import { WelcomeEmail, welcomeSubject, type WelcomeProps } from './welcome';
import { WorkspaceDeletionEmail, workspaceDeletionSubject, type WorkspaceDeletionProps } from './workspace-deletion';

export { appUrl } from './urls';

export type TemplateProps = {
  welcome: WelcomeProps;
  'verify-email': VerifyEmailProps;
  'magic-link': MagicLinkProps;
  'password-reset': PasswordResetProps;
  'password-changed': PasswordChangedProps;
  'new-sign-in': NewSignInProps;
  invitation: InvitationProps;
  'email-change-verify': EmailChangeVerifyProps;
  'email-changed-notice': EmailChangedNoticeProps;
  'account-exists': AccountExistsProps;
  'store-sign-up': StoreSignUpProps;
  'billing-payment-failed': PaymentFailedProps;
  'billing-subscription-canceled': SubscriptionCanceledProps;
  'billing-receipt': ReceiptProps;
  'billing-trial-ending': TrialEndingProps;
  'webhook-disabled': WebhookDisabledProps;
  'bot-alert': BotAlertProps;
  'money-budget-alert': MoneyBudgetAlertProps;
  'money-import-finished': MoneyImportFinishedProps;
  'money-weekly-summary': MoneyWeeklySummaryProps;
  'workspace-deletion': WorkspaceDeletionProps;
  'export-ready': ExportReadyProps;
  'account-deletion': AccountDeletionProps;
};

export type TemplateName = keyof TemplateProps;

type Definition<P> = { subject: (props: P) => string; Component: (props: P) => ReactElement };

const TEMPLATES: { [K in TemplateName]: Definition<TemplateProps[K]> } = {
  welcome: { subject: welcomeSubject, Component: WelcomeEmail },
  'verify-email': { subject: verifyEmailSubject, Component: VerifyEmailEmail },
  'magic-link': { subject: magicLinkSubject, Component: MagicLinkEmail },
  'password-reset': { subject: passwordResetSubject, Component: PasswordResetEmail },
  'password-changed': { subject: passwordChangedSubject, Component: PasswordChangedEmail },
  'new-sign-in': { subject: newSignInSubject, Component: NewSignInEmail },
  invitation: { subject: invitationSubject, Component: InvitationEmail },
  'email-change-verify': { subject: emailChangeVerifySubject, Component: EmailChangeVerifyEmail },
  'email-changed-notice': { subject: emailChangedNoticeSubject, Component: EmailChangedNoticeEmail },
  'account-exists': { subject: accountExistsSubject, Component: AccountExistsEmail },
  'store-sign-up': { subject: storeSignUpSubject, Component: StoreSignUpEmail },
  'billing-payment-failed': { subject: paymentFailedSubject, Component: PaymentFailedEmail },
  'billing-subscription-canceled': { subject: subscriptionCanceledSubject, Component: SubscriptionCanceledEmail },
  'billing-receipt': { subject: receiptSubject, Component: ReceiptEmail },
  'billing-trial-ending': { subject: trialEndingSubject, Component: TrialEndingEmail },
  'webhook-disabled': { subject: webhookDisabledSubject, Component: WebhookDisabledEmail },
  'bot-alert': { subject: botAlertSubject, Component: BotAlertEmail },
  'money-budget-alert': { subject: moneyBudgetAlertSubject, Component: MoneyBudgetAlertEmail },
  'money-import-finished': { subject: moneyImportFinishedSubject, Component: MoneyImportFinishedEmail },
  'money-weekly-summary': { subject: moneyWeeklySummarySubject, Component: MoneyWeeklySummaryEmail },
  'workspace-deletion': { subject: workspaceDeletionSubject, Component: WorkspaceDeletionEmail },
  'export-ready': { subject: exportReadySubject, Component: ExportReadyEmail },
  'account-deletion': { subject: accountDeletionSubject, Component: AccountDeletionEmail },
};

export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

export type RenderedEmail = { subject: string; html: string; text: string };

export async function renderEmail<T extends TemplateName>(name: T, props: TemplateProps[T]): Promise<RenderedEmail> {
  const { subject, Component } = TEMPLATES[name] as Definition<TemplateProps[T]>;
  const element = <Component {...props} />;
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: subject(props), html, text };
}

/**
 * Renders and queues in the caller's transaction (queueEmail): the email commits with the change
 * that caused it. Call startEmailDelivery() once the transaction has committed.
 */
export async function queueTemplate<T extends TemplateName>(
  tx: Tx,
  name: T,
  to: string,
  props: TemplateProps[T],
  options: { tenantId?: string } = {},
): Promise<QueuedEmail> {
  const rendered = await renderEmail(name, props);
  return queueEmail(tx, { to, template: name, ...rendered }, options);
}
