import { env } from '@/lib/env';

export type EmailBackend = 'resend' | 'outbox';

export function emailBackend(): EmailBackend {
  return env().RESEND_API_KEY ? 'resend' : 'outbox';
}

/**
 * Whether /dev/mailbox is served: only with the outbox backend (nothing is delivered, so the
 * table is the only copy), and only on a development server (NODE_ENV isn't production) or with
 * DEV_MAILBOX=1 for a production build under test (the e2e suite's `next start`). APP_ENV=production
 * refuses it whatever the flag says; so does any Resend setup. Otherwise the pages 404: a staging
 * box must not hand reset and sign-in links to whoever finds the URL.
 */
export function devMailboxEnabled(source: NodeJS.ProcessEnv = process.env): boolean {
  if (source.APP_ENV === 'production') return false;
  if (source.RESEND_API_KEY) return false;
  return source.NODE_ENV !== 'production' || source.DEV_MAILBOX === '1';
}

/** One line for the start-up log and /admin/system. */
export function describeEmailBackend(): string {
  const { EMAIL_FROM } = env();
  return emailBackend() === 'resend'
    ? `email: Resend, from ${EMAIL_FROM}`
    : `email: outbox table only (nothing is delivered)${devMailboxEnabled() ? ', read it at /dev/mailbox' : ''}`;
}
