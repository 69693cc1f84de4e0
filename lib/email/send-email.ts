import { eq, sql } from 'drizzle-orm';
import { Resend } from 'resend';
import { z } from 'zod';
import { emailOutbox } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { env } from '@/lib/env';
import { getLogger } from '@/lib/observability/logger';

const emailInput = z.object({
  to: z.email().max(320),
  subject: z.string().trim().min(1).max(998),
  /** Which template produced it: shown in the mailbox, tagged at Resend. */
  template: z.string().regex(/^[a-z0-9][a-z0-9._/-]{0,99}$/, 'template names are lowercase, like auth/verify-email'),
  html: z.string().min(1),
  text: z.string().min(1),
});

/**
 * What email_outbox keeps of a message a real provider took (or refused): the row is an audit
 * trail, not a second copy of reset and sign-in links. Subject, template, status stay.
 */
export const REDACTED_BODY = '[body removed once the provider took the message]';

export type EmailInput = z.input<typeof emailInput>;
export type SentEmail = { id: string; provider: 'resend' | 'outbox'; providerMessageId: string | null };

/** Resend refused or could not be reached; the email_outbox row (id) records the failure. */
export class EmailDeliveryError extends Error {
  constructor(
    message: string,
    readonly emailId: string,
  ) {
    super(message);
    this.name = 'EmailDeliveryError';
  }
}

/**
 * Sends one email and records it in email_outbox. With RESEND_API_KEY it goes through Resend;
 * without, the row itself is the delivery (the zero-config mailbox at /dev/mailbox). Opens its
 * own transactions: call it from a workflow step or after commit, never inside withTenant/withSystem.
 * A Resend row's html/text are replaced by REDACTED_BODY once Resend answered: live tokens stay
 * only in the recipient's inbox.
 * Throws EmailDeliveryError when Resend fails, so a workflow step retries it.
 */
export async function sendEmail(input: EmailInput): Promise<SentEmail> {
  const email = emailInput.parse(input);
  const { RESEND_API_KEY, EMAIL_FROM } = env();

  if (!RESEND_API_KEY) {
    const [row] = await withSystem('email: email outbox', (tx) =>
      tx
        .insert(emailOutbox)
        .values({ ...email, from: EMAIL_FROM, provider: 'outbox', status: 'sent', sentAt: sql`clock_timestamp()` })
        .returning({ id: emailOutbox.id }),
    );
    return { id: row!.id, provider: 'outbox', providerMessageId: null };
  }

  // Recorded before the call, so a crash mid-send leaves a 'queued' row rather than no trace.
  const [row] = await withSystem('email: email send', (tx) =>
    tx
      .insert(emailOutbox)
      .values({ ...email, from: EMAIL_FROM, provider: 'resend', status: 'queued' })
      .returning({ id: emailOutbox.id }),
  );
  const id = row!.id;
  const resend = new Resend(RESEND_API_KEY);
  const { data, error } = await resend.emails.send(
    {
      from: EMAIL_FROM,
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      tags: [{ name: 'template', value: email.template.replace(/[^A-Za-z0-9_-]/g, '_') }],
    },
    // A retried send of the same row is delivered once.
    { idempotencyKey: `email-outbox/${id}` },
  );

  if (error || !data) {
    const message = error ? `${error.name}: ${error.message}` : 'Resend returned no message id';
    await withSystem('email: email send failed', (tx) =>
      tx
        .update(emailOutbox)
        .set({ status: 'failed', error: message.slice(0, 2_000), html: REDACTED_BODY, text: REDACTED_BODY }).where(eq(emailOutbox.id, id)),
    );
    getLogger({ module: 'email' }).warn({ emailId: id, template: email.template, error: message }, 'email delivery failed');
    throw new EmailDeliveryError(message, id);
  }

  await withSystem('email: email sent', (tx) =>
    tx
      .update(emailOutbox)
      .set({ status: 'sent', providerMessageId: data.id, sentAt: sql`clock_timestamp()`, html: REDACTED_BODY, text: REDACTED_BODY })
      .where(eq(emailOutbox.id, id)),
  );
  return { id, provider: 'resend', providerMessageId: data.id };
}
