import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeEmailBackend, EmailDeliveryError, getMailboxMessage, listMailbox, sendEmail } from '@/lib/email';
import { REDACTED_BODY } from '@/lib/email/send-email';
import { resetEnvCache } from '@/lib/env';

const saved = { ...process.env };
function setEnv(changes: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvCache();
}
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

const message = (to: string, subject = 'Verify your email') => ({
  to,
  subject,
  template: 'auth/verify-email',
  html: `<p>Hi!</p><p><a href="https://app.test/verify?token=abc&amp;x=1">Verify email</a></p>`,
  text: 'Hi! Verify: https://app.test/verify?token=abc&x=1',
});

describe('email in zero-config mode (outbox)', () => {
  it('records the message, and the mailbox finds it newest first', async () => {
    setEnv({ RESEND_API_KEY: undefined });
    expect(describeEmailBackend()).toMatch(/outbox/);
    const to = `reader-${randomUUID().slice(0, 8)}@example.test`;
    const first = await sendEmail(message(to, 'First'));
    const second = await sendEmail(message(to, 'Second'));
    expect(first).toMatchObject({ provider: 'outbox', providerMessageId: null });

    const listed = await listMailbox({ to, limit: 10 });
    expect(listed.map((m) => m.subject)).toEqual(['Second', 'First']);
    expect(listed[0]).toMatchObject({ id: second.id, to, template: 'auth/verify-email', status: 'sent', provider: 'outbox' });

    // A partial, differently cased address filters too; others' mail stays out.
    expect((await listMailbox({ to: to.slice(0, 12).toUpperCase() })).map((m) => m.id)).toContain(first.id);
    expect((await listMailbox({ to: 'nobody-at-all@example.test' })).length).toBe(0);

    const full = await getMailboxMessage(first.id);
    expect(full).toMatchObject({ subject: 'First', html: expect.stringContaining('Verify email'), status: 'sent' });
    expect(full!.sentAt).toBeInstanceOf(Date);
    expect(await getMailboxMessage('not-a-uuid')).toBeNull();
  });

  it('rejects an invalid message before recording anything', async () => {
    setEnv({ RESEND_API_KEY: undefined });
    await expect(sendEmail({ ...message('not-an-email'), subject: 'x' })).rejects.toThrow();
    await expect(sendEmail({ ...message('a@example.test'), template: 'Bad Template' })).rejects.toThrow();
  });
});

describe('email through Resend (fake API on 127.0.0.1)', () => {
  type Seen = { url: string; headers: IncomingHttpHeaders; body: Record<string, unknown> };
  const seen: Seen[] = [];
  let reply: { status: number; body: unknown } = { status: 200, body: { id: 'resend-msg-1' } };
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        seen.push({ url: req.url ?? '', headers: req.headers, body: JSON.parse(raw || '{}') as Record<string, unknown> });
        res.writeHead(reply.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends through the SDK and records provider, status and message id', async () => {
    setEnv({ RESEND_API_KEY: 're_test_key', RESEND_BASE_URL: baseUrl, EMAIL_FROM: 'Tessera <hello@tessera.test>' });
    expect(describeEmailBackend()).toMatch(/Resend/);
    reply = { status: 200, body: { id: 'resend-msg-1' } };
    const to = `resend-${randomUUID().slice(0, 8)}@example.test`;
    const sent = await sendEmail(message(to));
    expect(sent).toMatchObject({ provider: 'resend', providerMessageId: 'resend-msg-1' });

    const request = seen.at(-1)!;
    expect(request.url).toBe('/emails');
    expect(request.headers.authorization).toBe('Bearer re_test_key');
    expect(request.headers['idempotency-key']).toBe(`email-outbox/${sent.id}`);
    expect(request.body).toMatchObject({ from: 'Tessera <hello@tessera.test>', to, subject: 'Verify your email' });

    expect(await getMailboxMessage(sent.id)).toMatchObject({ status: 'sent', provider: 'resend', providerMessageId: 'resend-msg-1' });
  });

  it('a refused send is recorded as failed and thrown, so a workflow step retries it', async () => {
    setEnv({ RESEND_API_KEY: 're_test_key', RESEND_BASE_URL: baseUrl });
    reply = { status: 422, body: { name: 'validation_error', message: 'The to address is invalid', statusCode: 422 } };
    const to = `refused-${randomUUID().slice(0, 8)}@example.test`;
    const error = await sendEmail(message(to)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmailDeliveryError);
    const row = await getMailboxMessage((error as EmailDeliveryError).emailId);
    expect(row).toMatchObject({ status: 'failed', provider: 'resend', providerMessageId: null });
    expect(row!.error).toContain('The to address is invalid');
    expect(row).toMatchObject({ html: REDACTED_BODY, text: REDACTED_BODY });
  });

  it('keeps no live link in email_outbox once Resend took the message: the bodies are redacted, subject and template stay', async () => {
    setEnv({ RESEND_API_KEY: 're_test_key', RESEND_BASE_URL: baseUrl });
    reply = { status: 200, body: { id: 'resend-msg-2' } };
    const to = `redacted-${randomUUID().slice(0, 8)}@example.test`;
    const sent = await sendEmail(message(to));
    // Resend got the real body; the row did not keep it.
    expect(JSON.stringify(seen.at(-1)!.body)).toContain('token=abc');
    const row = await getMailboxMessage(sent.id);
    expect(row).toMatchObject({ status: 'sent', subject: 'Verify your email', template: 'auth/verify-email', html: REDACTED_BODY, text: REDACTED_BODY });
    expect(JSON.stringify(row)).not.toContain('token=abc');
  });
});
