import { createHmac, timingSafeEqual } from 'node:crypto';

/** What WooCommerce puts in `X-WC-Webhook-Signature`: base64 of HMAC-SHA256 over the raw body. */
export function wooCommerceSignature(rawBody: Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/**
 * Whether `header` signs exactly these bytes. Compared in constant time; the expected value's
 * length is fixed (44 characters), so checking lengths first reveals nothing about the secret.
 */
export function hasValidSignature(rawBody: Uint8Array, header: string | null, secret: string): boolean {
  if (!header) return false;
  const expected = Buffer.from(wooCommerceSignature(rawBody, secret));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The test delivery WooCommerce posts once when a webhook is created or its URL changes: a form
 * body `webhook_id=<id>` with no topic and no signature. It must answer 200 or the webhook is not
 * saved; it changes nothing here.
 */
export function isWooCommercePing(headers: Headers, rawBody: Uint8Array): boolean {
  if (headers.has('x-wc-webhook-topic') || rawBody.byteLength > 64) return false;
  return /^webhook_id=\d+$/.test(Buffer.from(rawBody).toString('utf8').trim());
}
