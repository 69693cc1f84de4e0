import Stripe from 'stripe';
import { env } from '@/lib/env';

const cache = globalThis as unknown as { __tesseraStripe?: { key: string; client: Stripe } };

/**
 * The SDK client from the environment, made once per configuration. Host, port and protocol are
 * the SDK's own options: a proxy, or a local fake of the API in tests. Throws when billing is not
 * on Stripe: callers choose the backend first.
 */
export function stripeClient(): Stripe {
  const { STRIPE_SECRET_KEY, STRIPE_API_HOST, STRIPE_API_PORT, STRIPE_API_PROTOCOL } = env();
  if (!STRIPE_SECRET_KEY) throw new Error('Stripe is not configured (STRIPE_SECRET_KEY is unset)');
  const key = [STRIPE_SECRET_KEY, STRIPE_API_HOST, STRIPE_API_PORT, STRIPE_API_PROTOCOL].join('|');
  if (cache.__tesseraStripe?.key !== key) {
    const client = new Stripe(STRIPE_SECRET_KEY, {
      maxNetworkRetries: 2,
      timeout: 20_000,
      telemetry: false,
      appInfo: { name: 'Tessera' },
      ...(STRIPE_API_HOST ? { host: STRIPE_API_HOST } : {}),
      ...(STRIPE_API_PORT ? { port: STRIPE_API_PORT } : {}),
      ...(STRIPE_API_PROTOCOL ? { protocol: STRIPE_API_PROTOCOL } : {}),
    });
    cache.__tesseraStripe = { key, client };
  }
  return cache.__tesseraStripe.client;
}
