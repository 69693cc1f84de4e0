import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emailOutbox } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { deliverEmail, EmailDeliveryError, getMailboxMessage, queueEmail, REDACTED_BODY, sweepQueuedEmails } from '@/lib/email';
import { EMAIL_GIVE_UP_MS, EMAIL_MAX_ATTEMPTS, EMAIL_SWEEP_STALE_MS } from '@/lib/email/deliver-email';
import { resetEnvCache } from '@/lib/env';
import { configureInlineRunner } from '@/lib/jobs/inline-runner';
import { runDeliveryEvents, serverError, startFakeResend, type FakeResend } from '../../helpers/fake-resend';

const saved = { ...process.env };
let resend: FakeResend;
let restoreRunner: () => void;
beforeAll(async () => {
  resend = await startFakeResend();
  // Retries without waiting out the backoff: what is tested is that they happen, not when.
  restoreRunner = configureInlineRunner({ backoffOverride: { initialMs: 0, maxMs: 0 }, sleep: async () => {} });
});
afterAll(async () => {
  restoreRunner();
  await resend.close();
});
beforeEach(() => resend.configure());
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

const address = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@example.test`;
const message = (to: string) => ({
  to,
  subject: 'Reset your password',
  template: 'password-reset',
  html: '<p><a href="https://app.test/reset-password?token=live-token">Reset</a></p>',
  text: 'Reset: https://app.test/reset-password?token=live-token',
});
const queue = (to: string) => withSystem('test', (tx) => queueEmail(tx, message(to))).then((q) => q.id);
const requestsFor = (id: string) => resend.requests.filter((r) => r.headers['idempotency-key'] === `email-outbox/${id}`);

/** A queued Resend row as a crash leaves it: committed, never sent, no run working on it. */
async function leftoverRow(to: string, ageMs: number): Promise<string> {
  const id = randomUUID();
  await withSystem('test', (tx) =>
    tx.insert(emailOutbox).values({
      id,
      ...message(to),
      from: 'Tessera <hello@tessera.test>',
      provider: 'resend',
      status: 'queued',
      createdAt: sql`clock_timestamp() - make_interval(secs => ${ageMs / 1000}::float8)`,
    }),
  );
  return id;
}

describe('deliverEmail', () => {
  it('sends through the SDK with the row’s idempotency key, records it, and keeps no body', async () => {
    const to = address('deliver');
    const id = await queue(to);
    const outcome = await deliverEmail(id);
    expect(outcome).toEqual({ status: 'sent', providerMessageId: expect.stringMatching(/^fake-msg-/) });

    const [request] = requestsFor(id);
    expect(request!.url).toBe('/emails');
    expect(request!.headers.authorization).toBe('Bearer re_test_key');
    expect(request!.body).toMatchObject({ from: 'Tessera <hello@tessera.test>', to, subject: 'Reset your password' });
    expect(JSON.stringify(request!.body)).toContain('live-token');

    const row = await getMailboxMessage(id);
    expect(row).toMatchObject({ status: 'sent', provider: 'resend', providerMessageId: outcome.status === 'sent' ? outcome.providerMessageId : '', attempts: 1, html: REDACTED_BODY, text: REDACTED_BODY });
    expect(JSON.stringify(row)).not.toContain('live-token');

    // Delivered once: a second call finds nothing to do and makes no request.
    expect(await deliverEmail(id)).toEqual({ status: 'skipped', reason: 'not-queued' });
    expect(requestsFor(id)).toHaveLength(1);
  });

  it('two workers at once send the row once: the claim lets one through', async () => {
    const id = await queue(address('race'));
    const results = await Promise.allSettled([deliverEmail(id), deliverEmail(id)]);
    expect(results.filter((r) => r.status === 'fulfilled' && r.value.status === 'sent')).toHaveLength(1);
    expect(requestsFor(id)).toHaveLength(1);
    expect(await getMailboxMessage(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('a refused message (422) fails at once, not retried, and keeps no body', async () => {
    const id = await queue(address('refused'));
    resend.failNext({ status: 422, body: { name: 'validation_error', message: 'The to address is invalid', statusCode: 422 } });
    const error = await deliverEmail(id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmailDeliveryError);
    expect((error as EmailDeliveryError).retryable).toBe(false);
    const row = await getMailboxMessage(id);
    expect(row).toMatchObject({ status: 'failed', providerMessageId: null, html: REDACTED_BODY, text: REDACTED_BODY });
    expect(row!.error).toContain('The to address is invalid');
  });
});

describe('the email-delivery workflow', () => {
  it('retries a failed send and delivers the message once', async () => {
    const id = await queue(address('retry'));
    resend.failNext(serverError(), serverError());
    const [run] = await runDeliveryEvents([id]);
    expect(run).toMatchObject({ status: 'succeeded', run: { attempts: 3 } });
    expect(requestsFor(id)).toHaveLength(3);
    expect(resend.delivered.has(`email-outbox/${id}`)).toBe(true);
    expect(await getMailboxMessage(id)).toMatchObject({ status: 'sent', attempts: 3, error: null, html: REDACTED_BODY });
  });

  it('gives up after EMAIL_MAX_ATTEMPTS failed sends: the row is failed, its body gone', async () => {
    const id = await queue(address('budget'));
    resend.failNext(...Array.from({ length: EMAIL_MAX_ATTEMPTS }, serverError));
    const [run] = await runDeliveryEvents([id]);
    expect(run).toMatchObject({ status: 'failed', run: { attempts: EMAIL_MAX_ATTEMPTS, errorCode: 'email_undeliverable' } });
    expect(requestsFor(id)).toHaveLength(EMAIL_MAX_ATTEMPTS);
    expect(resend.delivered.has(`email-outbox/${id}`)).toBe(false);
    expect(await getMailboxMessage(id)).toMatchObject({ status: 'failed', attempts: EMAIL_MAX_ATTEMPTS, html: REDACTED_BODY });
  });
});

describe('sweepQueuedEmails', () => {
  it('delivers a queued row a crash left behind, exactly once', async () => {
    const id = await leftoverRow(address('leftover'), EMAIL_SWEEP_STALE_MS + 60_000);
    const first = await sweepQueuedEmails();
    expect(first.sent).toBeGreaterThanOrEqual(1);
    expect(await getMailboxMessage(id)).toMatchObject({ status: 'sent', attempts: 1, html: REDACTED_BODY });
    await sweepQueuedEmails();
    expect(requestsFor(id)).toHaveLength(1);
  });

  it('leaves a row its delivery run is still working on (recent) to that run', async () => {
    const id = await leftoverRow(address('recent'), 60_000);
    await sweepQueuedEmails();
    expect(requestsFor(id)).toHaveLength(0);
    expect(await getMailboxMessage(id)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('gives up on a row older than Resend’s idempotency window instead of risking a second copy', async () => {
    const id = await leftoverRow(address('ancient'), EMAIL_GIVE_UP_MS + 60_000);
    await sweepQueuedEmails();
    expect(requestsFor(id)).toHaveLength(0);
    const row = await getMailboxMessage(id);
    expect(row).toMatchObject({ status: 'failed', html: REDACTED_BODY });
    expect(row!.error).toMatch(/given up/);
  });

  it('does nothing without RESEND_API_KEY: queued rows wait for the provider', async () => {
    const id = await leftoverRow(address('no-key'), EMAIL_SWEEP_STALE_MS + 60_000);
    delete process.env.RESEND_API_KEY;
    resetEnvCache();
    expect(await sweepQueuedEmails()).toEqual({ found: 0, sent: 0, failed: 0 });
    const [row] = await withSystem('test', (tx) => tx.select({ status: emailOutbox.status }).from(emailOutbox).where(eq(emailOutbox.id, id)));
    expect(row).toEqual({ status: 'queued' });
  });
});
