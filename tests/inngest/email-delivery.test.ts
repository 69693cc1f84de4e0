import { randomUUID } from 'node:crypto';
import { InngestTestEngine } from '@inngest/test';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withSystem } from '@/db/tenant';
import { workflowFunction } from '@/inngest/functions/workflow-function';
import { getMailboxMessage, queueEmail } from '@/lib/email';
import { emailDeliveryWorkflow } from '@/lib/email/workflows';
import { resetEnvCache } from '@/lib/env';
import { pendingDeliveryEvents, serverError, startFakeResend, type FakeResend } from '../helpers/fake-resend';

const emailDelivery = workflowFunction(emailDeliveryWorkflow);
const saved = { ...process.env };
let resend: FakeResend;
beforeAll(async () => void (resend = await startFakeResend()));
afterAll(() => resend.close());
beforeEach(() => resend.configure());
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

async function queued() {
  const to = `inngest-${randomUUID().slice(0, 8)}@example.test`;
  const { id } = await withSystem('test', (tx) =>
    queueEmail(tx, { to, subject: 'Your sign-in link', template: 'magic-link', html: '<p>link</p>', text: 'link' }),
  );
  // The event as the outbox hands it to Inngest: its row id is the event id.
  const [event] = await pendingDeliveryEvents([id]);
  return { id, event: { id: event!.id, name: 'email/delivery.requested', data: event!.data } };
}

describe('email-delivery as an Inngest function', () => {
  it('a failed send fails the step (Inngest retries it); the retry delivers the message once', async () => {
    const { id, event } = await queued();
    resend.failNext(serverError());
    const first = await new InngestTestEngine({ function: emailDelivery, events: [event] }).execute();
    expect(first.error).toBeDefined();
    expect(await getMailboxMessage(id)).toMatchObject({ status: 'queued', attempts: 1, error: expect.stringContaining('try again') });

    const retry = await new InngestTestEngine({ function: emailDelivery, events: [event] }).execute();
    expect(retry.result).toEqual({ status: 'sent', providerMessageId: expect.stringMatching(/^fake-msg-/) });
    expect(await getMailboxMessage(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(resend.requests.filter((r) => r.headers['idempotency-key'] === `email-outbox/${id}`)).toHaveLength(2);
    expect([...resend.delivered.keys()].filter((key) => key === `email-outbox/${id}`)).toHaveLength(1);
  });

  it('a refused message fails the run without retry', async () => {
    const { id, event } = await queued();
    resend.failNext({ status: 422, body: { name: 'validation_error', message: 'Invalid `to` field', statusCode: 422 } });
    const failed = await new InngestTestEngine({ function: emailDelivery, events: [event] }).execute();
    expect(failed.error).toBeDefined();
    expect(await getMailboxMessage(id)).toMatchObject({ status: 'failed', attempts: 1 });
  });
});
