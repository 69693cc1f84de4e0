import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { emailOutbox } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { env } from '@/lib/env';
import { dispatchAfterResponse, enqueueWorkflow } from '@/lib/jobs/outbox';
import { emailBackend } from './backend';
import { emailMessage, type EmailMessage } from './message';
import { emailDeliveryWorkflow } from './workflows';

export type QueuedEmail = {
  id: string;
  /** `mailbox`: zero-config, the row is the delivery; `provider`: a delivery run is queued with it. */
  delivery: 'mailbox' | 'provider';
};

/**
 * THE way to send an email: written in the caller's transaction, so it exists exactly when the
 * change that caused it (a token, a sign-in, an invitation) commits, and never without it.
 * Without RESEND_API_KEY the row is the delivery (the mailbox at /dev/mailbox). With it, the row
 * is queued together with an email-delivery event in the transactional outbox; the workflow sends
 * it after commit, with retries, and the sweep catches what a crash left. The id is made here: a
 * workspace transaction may insert into email_outbox but not read it back.
 * Call startEmailDelivery() once the transaction has committed.
 */
export async function queueEmail(tx: Tx, input: EmailMessage, options: { tenantId?: string } = {}): Promise<QueuedEmail> {
  const email = emailMessage.parse(input);
  const { RESEND_API_KEY, EMAIL_FROM } = env();
  const id = randomUUID();
  if (!RESEND_API_KEY) {
    await tx.insert(emailOutbox).values({ id, ...email, from: EMAIL_FROM, provider: 'outbox', status: 'sent', sentAt: sql`clock_timestamp()` });
    return { id, delivery: 'mailbox' };
  }
  await tx.insert(emailOutbox).values({ id, ...email, from: EMAIL_FROM, provider: 'resend', status: 'queued' });
  await enqueueWorkflow(tx, emailDeliveryWorkflow, options.tenantId ? { emailId: id, tenantId: options.tenantId } : { emailId: id });
  return { id, delivery: 'provider' };
}

/**
 * After the transaction that queued emails committed: hands their delivery events on after the
 * response (or at once outside a request). If this never runs — the process died — the outbox
 * sweep dispatches the events and the email sweep delivers what is still queued.
 */
export function startEmailDelivery(): void {
  if (emailBackend() === 'resend') dispatchAfterResponse();
}
