import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, verifyWebhook, webhookHeaders } from '@/lib/webhooks/signing';

describe('webhook signing', () => {
  it('is verified by the Standard Webhooks reference library', () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ type: 'webhook.test', data: { message: 'hi' } });
    const headers = webhookHeaders(secret, 'msg_1', new Date(), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(verifyWebhook(secret, headers, body)).toBe(true);
  });

  it('is refused by the reference library for a tampered body or another secret', () => {
    const secret = generateWebhookSecret();
    const headers = webhookHeaders(secret, 'msg_2', new Date(), '{"a":1}');
    expect(() => new Webhook(secret).verify('{"a":2}', headers)).toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify('{"a":1}', headers)).toThrow();
  });
});
