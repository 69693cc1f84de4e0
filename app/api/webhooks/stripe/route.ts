import { handleStripeWebhook } from '@/lib/billing/stripe/webhook';
import { measured } from '@/lib/observability/measured-route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Stripe's deliveries. No session or CSRF token: the signature over the raw body is the
 * authentication, so the body is read as bytes, never parsed before it is verified.
 */
export const POST = measured('/api/webhooks/stripe', async (request: Request) => {
  const rawBody = new Uint8Array(await request.arrayBuffer());
  const result = await handleStripeWebhook({ rawBody, signature: request.headers.get('stripe-signature') });
  return Response.json(result.body, { status: result.status, headers: { 'cache-control': 'no-store' } });
});
