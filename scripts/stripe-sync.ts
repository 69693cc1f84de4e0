// npm run stripe:sync — creates the catalog's products and prices in the Stripe account of
// STRIPE_SECRET_KEY (a test-mode key), idempotent by lookup key, and prints the env lines to set.
import { stripeClient } from '@/lib/billing/stripe/client';
import { syncStripeCatalog } from '@/lib/billing/stripe/sync-catalog';

if (!process.env.STRIPE_SECRET_KEY) {
  process.stderr.write('Set STRIPE_SECRET_KEY (a test-mode key, sk_test_…) first.\n');
  process.exit(1);
}
const result = await syncStripeCatalog(stripeClient());
process.stderr.write(`Prices created: ${result.created.length ? result.created.join(', ') : 'none'}; already there: ${result.existing.length}.\n`);
process.stdout.write(`${result.envLines.join('\n')}\n`);
