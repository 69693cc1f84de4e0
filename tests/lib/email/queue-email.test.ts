import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withSystem } from '@/db/tenant';
import { describeEmailBackend, getMailboxMessage, listMailbox, queueEmail } from '@/lib/email';
import { resetEnvCache } from '@/lib/env';
import { pendingDeliveryEvents, startFakeResend, type FakeResend } from '../../helpers/fake-resend';

const saved = { ...process.env };
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
const address = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@example.test`;
const queue = (input: ReturnType<typeof message>) => withSystem('test', (tx) => queueEmail(tx, input));

describe('queueEmail in zero-config mode (the row is the mailbox)', () => {
  it('records the message as sent, and the mailbox finds it newest first; no delivery event', async () => {
    delete process.env.RESEND_API_KEY;
    resetEnvCache();
    expect(describeEmailBackend()).toMatch(/outbox/);
    const to = address('reader');
    const first = await queue(message(to, 'First'));
    const second = await queue(message(to, 'Second'));
    expect(first.delivery).toBe('mailbox');

    const listed = await listMailbox({ to, limit: 10 });
    expect(listed.map((m) => m.subject)).toEqual(['Second', 'First']);
    expect(listed[0]).toMatchObject({ id: second.id, to, template: 'auth/verify-email', status: 'sent', provider: 'outbox' });
    expect((await listMailbox({ to: to.slice(0, 12).toUpperCase() })).map((m) => m.id)).toContain(first.id);

    const full = await getMailboxMessage(first.id);
    expect(full).toMatchObject({ subject: 'First', html: expect.stringContaining('Verify email'), status: 'sent' });
    expect(full!.sentAt).toBeInstanceOf(Date);
    expect(await pendingDeliveryEvents([first.id, second.id])).toEqual([]);
  });

  it('rejects an invalid message before recording anything', async () => {
    await expect(queue({ ...message('not-an-email'), subject: 'x' })).rejects.toThrow();
    await expect(queue({ ...message('a@example.test'), template: 'Bad Template' })).rejects.toThrow();
  });
});

describe('queueEmail with Resend configured', () => {
  let resend: FakeResend;
  beforeAll(async () => void (resend = await startFakeResend()));
  afterAll(() => resend.close());

  it('writes a queued row and its delivery event in the caller’s transaction, and sends nothing yet', async () => {
    resend.configure();
    const before = resend.requests.length;
    const queued = await queue(message(address('queued')));
    expect(queued.delivery).toBe('provider');
    expect(await getMailboxMessage(queued.id)).toMatchObject({ status: 'queued', provider: 'resend', attempts: 0, html: expect.stringContaining('token=abc') });
    expect(await pendingDeliveryEvents([queued.id])).toEqual([{ id: expect.any(String), data: { emailId: queued.id } }]);
    expect(resend.requests.length).toBe(before);
  });

  it('a rolled-back transaction leaves neither the email nor its event', async () => {
    resend.configure();
    let id = '';
    await expect(
      withSystem('test', async (tx) => {
        id = (await queueEmail(tx, message(address('rolled-back')))).id;
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await getMailboxMessage(id)).toBeNull();
    expect(await pendingDeliveryEvents([id])).toEqual([]);
  });
});
