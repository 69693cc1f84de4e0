import { z } from 'zod';

export const emailMessage = z.object({
  to: z.email().max(320),
  subject: z.string().trim().min(1).max(998),
  /** Which template produced it: shown in the mailbox, tagged at Resend. */
  template: z.string().regex(/^[a-z0-9][a-z0-9._/-]{0,99}$/, 'template names are lowercase, like auth/verify-email'),
  html: z.string().min(1),
  text: z.string().min(1),
});

export type EmailMessage = z.input<typeof emailMessage>;

/**
 * What email_outbox keeps of a message a real provider took (or that was given up on): the row is
 * an audit trail, not a second copy of reset and sign-in links. Subject, template, status stay.
 */
export const REDACTED_BODY = '[body removed once the provider took the message]';
