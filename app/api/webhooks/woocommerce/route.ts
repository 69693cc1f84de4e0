import { handleWooCommerceDelivery } from '@/lib/billing/woocommerce/webhook';
import { errorBody } from '@/lib/errors/app-error';
import { measured } from '@/lib/observability/measured-route';
import { getLogger } from '@/lib/observability/logger';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * WooCommerce Subscriptions webhooks. No session and no CSRF token: the signature over the raw
 * bytes is the authentication, so the body is read as bytes, never re-serialised.
 */
export const POST = measured('/api/webhooks/woocommerce', async (request: Request) => {
  const rawBody = new Uint8Array(await request.arrayBuffer());
  try {
    const outcome = await handleWooCommerceDelivery({ headers: request.headers, rawBody });
    if (outcome.kind === 'error') return Response.json(errorBody(outcome.code, outcome.message), { status: outcome.status });
    return Response.json(outcome.body);
  } catch (error) {
    getLogger({ module: 'billing', source: 'woocommerce' }).error({ err: error }, 'woocommerce delivery failed');
    return Response.json(errorBody('internal', 'The delivery could not be processed.'), { status: 500 });
  }
});
