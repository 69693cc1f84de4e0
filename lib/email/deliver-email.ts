import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { Resend } from 'resend';
import { emailOutbox } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { env } from '@/lib/env';
import { getLogger } from '@/lib/observability/logger';
import { REDACTED_BODY } from './message';

/** Attempts per message, counted on the row across the delivery workflow's retries and sweeps. */
export const EMAIL_MAX_ATTEMPTS = 8;
/** A claim holds the row this long: longer than one Resend request may take, so claims never overlap a send. */
const CLAIM_LEASE_MS = 60_000;
const SEND_TIMEOUT_MS = 20_000;
/**
 * The sweep takes a queued row whose last attempt (or creation) is older than this: longer than
 * the delivery workflow's longest backoff, so a row that a live run is retrying is left to it.
 */
export const EMAIL_SWEEP_STALE_MS = 15 * 60_000;
/**
 * A message still undelivered this long after it was queued is given up: Resend remembers an
 * idempotency key for 24 hours, and only within that window can a resend after a lost answer be
 * told apart from a new message. The links inside have expired by then anyway.
 */
export const EMAIL_GIVE_UP_MS = 23 * 3_600_000;
const SWEEP_BATCH = 100;
const SWEEP_BUDGET_MS = 50_000;

/** Resend refused or could not be reached. `retryable` says whether another attempt may succeed. */
export class EmailDeliveryError extends Error {
  constructor(
    message: string,
    readonly emailId: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'EmailDeliveryError';
  }
}

export type DeliveryOutcome =
  | { status: 'sent'; providerMessageId: string }
  /** Nothing to do: sent or given up already, a mailbox row, or gone. */
  | { status: 'skipped'; reason: 'not-queued' | 'expired' };

const now = sql`clock_timestamp()`;
const ago = (ms: number) => sql`clock_timestamp() - make_interval(secs => ${ms / 1000}::float8)`;
const unclaimed = or(isNull(emailOutbox.claimedUntil), lt(emailOutbox.claimedUntil, now));

type Claimed = typeof emailOutbox.$inferSelect;

async function claim(id: string): Promise<{ row: Claimed } | { outcome: DeliveryOutcome }> {
  return withSystem('email: email delivery claim', async (tx) => {
    const [row] = await tx
      .update(emailOutbox)
      .set({ attempts: sql`${emailOutbox.attempts} + 1`, claimedUntil: sql`clock_timestamp() + make_interval(secs => ${CLAIM_LEASE_MS / 1000}::float8)`, lastAttemptAt: now })
      .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, 'queued'), eq(emailOutbox.provider, 'resend'), unclaimed, sql`${emailOutbox.createdAt} > ${ago(EMAIL_GIVE_UP_MS)}`))
      .returning();
    if (row) return { row };
    const [current] = await tx
      .select({ status: emailOutbox.status, provider: emailOutbox.provider, expired: sql<boolean>`${emailOutbox.createdAt} <= ${ago(EMAIL_GIVE_UP_MS)}` })
      .from(emailOutbox)
      .where(eq(emailOutbox.id, id));
    if (!current || current.status !== 'queued' || current.provider !== 'resend') return { outcome: { status: 'skipped', reason: 'not-queued' } };
    if (current.expired) {
      await tx
        .update(emailOutbox)
        .set({ status: 'failed', error: `not delivered within ${EMAIL_GIVE_UP_MS / 3_600_000} h: given up`, html: REDACTED_BODY, text: REDACTED_BODY, claimedUntil: null })
        .where(eq(emailOutbox.id, id));
      return { outcome: { status: 'skipped', reason: 'expired' } };
    }
    // Another worker holds it mid-send: try again once its claim has run out (or it has finished).
    throw new EmailDeliveryError('the email is being sent by another worker', id, true);
  });
}

/** Network trouble, throttling and Resend's own errors pass; a refused message (4xx) would be refused again. */
function retryable(statusCode: number | null | undefined): boolean {
  return statusCode == null || statusCode === 408 || statusCode === 409 || statusCode === 429 || statusCode >= 500;
}

/**
 * Delivers one queued email_outbox row through Resend, once: the row is claimed first (so
 * concurrent workers — a retry, the sweep — never send it together) and sent with the row's
 * idempotency key (so a resend after a lost answer is delivered once). Once Resend took the
 * message, or it is given up, the row keeps no body. Throws EmailDeliveryError on failure; the
 * row stays queued for another attempt while `retryable` is true.
 */
export async function deliverEmail(id: string): Promise<DeliveryOutcome> {
  const { RESEND_API_KEY } = env();
  if (!RESEND_API_KEY) throw new EmailDeliveryError('RESEND_API_KEY is not set: queued emails wait for it', id, true);
  const claimed = await claim(id);
  if ('outcome' in claimed) return claimed.outcome;
  const { row } = claimed;

  const { data, error } = await new Resend(RESEND_API_KEY).emails.send(
    {
      from: row.from,
      to: row.to,
      subject: row.subject,
      html: row.html,
      text: row.text,
      tags: [{ name: 'template', value: row.template.replace(/[^A-Za-z0-9_-]/g, '_') }],
    },
    { idempotencyKey: `email-outbox/${id}`, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) },
  );

  if (data && !error) {
    await withSystem('email: email sent', (tx) =>
      tx
        .update(emailOutbox)
        .set({ status: 'sent', providerMessageId: data.id, sentAt: now, error: null, claimedUntil: null, html: REDACTED_BODY, text: REDACTED_BODY })
        .where(eq(emailOutbox.id, id)),
    );
    return { status: 'sent', providerMessageId: data.id };
  }

  const message = (error ? `${error.name}: ${error.message}` : 'Resend returned no message id').slice(0, 2_000);
  const again = retryable(error?.statusCode) && row.attempts < EMAIL_MAX_ATTEMPTS;
  await withSystem('email: email send failed', (tx) =>
    tx
      .update(emailOutbox)
      .set(again ? { error: message, claimedUntil: null } : { status: 'failed', error: message, claimedUntil: null, html: REDACTED_BODY, text: REDACTED_BODY })
      .where(eq(emailOutbox.id, id)),
  );
  getLogger({ module: 'email' }).warn({ emailId: id, template: row.template, attempt: row.attempts, willRetry: again, error: message }, 'email delivery failed');
  throw new EmailDeliveryError(message, id, again);
}

export type SweepResult = { found: number; sent: number; failed: number };

/**
 * Delivers queued rows nobody is working on — left by a crash between commit and delivery, a
 * run lost with its process, or queued while the workflow backend was away. Oldest first, within
 * a time budget; each row through deliverEmail, so a row is still sent once.
 */
export async function sweepQueuedEmails(options: { limit?: number } = {}): Promise<SweepResult> {
  const result: SweepResult = { found: 0, sent: 0, failed: 0 };
  if (!env().RESEND_API_KEY) return result;
  const started = Date.now();
  const due = await withSystem('email: email delivery sweep', (tx) =>
    tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(
        and(
          eq(emailOutbox.status, 'queued'),
          eq(emailOutbox.provider, 'resend'),
          unclaimed,
          lt(sql`coalesce(${emailOutbox.lastAttemptAt}, ${emailOutbox.createdAt})`, ago(EMAIL_SWEEP_STALE_MS)),
        ),
      )
      .orderBy(asc(emailOutbox.createdAt))
      .limit(options.limit ?? SWEEP_BATCH),
  );
  result.found = due.length;
  for (const { id } of due) {
    if (Date.now() - started > SWEEP_BUDGET_MS) break;
    try {
      if ((await deliverEmail(id)).status === 'sent') result.sent++;
    } catch {
      // deliverEmail logged it; the row stays queued (or failed for good) for the next sweep.
      result.failed++;
    }
  }
  if (result.found) getLogger({ module: 'email' }).info(result, 'email sweep done');
  return result;
}
