import { env } from '@/lib/env';

export type EmailBackend = 'resend' | 'outbox';

export function emailBackend(): EmailBackend {
  return env().RESEND_API_KEY ? 'resend' : 'outbox';
}

/** One line for the start-up log and /admin/system. */
export function describeEmailBackend(): string {
  const { EMAIL_FROM, isProduction } = env();
  return emailBackend() === 'resend'
    ? `email: Resend, from ${EMAIL_FROM}`
    : `email: outbox table only (nothing is delivered)${isProduction ? '' : ', read it at /dev/mailbox'}`;
}
