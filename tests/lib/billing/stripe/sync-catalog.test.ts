import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeClient } from '@/lib/billing/stripe/client';
import { catalogPrices } from '@/lib/billing/stripe/config';
import { syncStripeCatalog } from '@/lib/billing/stripe/sync-catalog';
import { envSchema } from '@/lib/env/schema';
import { startFakeStripe, type FakeStripe } from '@/tests/helpers/fake-stripe';

let fake: FakeStripe;
beforeAll(async () => {
  fake = await startFakeStripe();
  fake.configure({ webhookSecret: 'whsec_sync' });
});
afterAll(async () => {
  await fake.close();
});

describe('npm run stripe:sync', () => {
  it('declares every catalog price variable in the env schema', () => {
    for (const { envName } of catalogPrices()) expect(Object.keys(envSchema.shape)).toContain(envName);
  });

  it('creates each catalog price once, by lookup key, under one product per plan or add-on', async () => {
    const first = await syncStripeCatalog(stripeClient());
    expect(first.created).toHaveLength(10);
    expect(first.existing).toHaveLength(0);
    expect(fake.products.size).toBe(5);
    const proMonth = [...fake.prices.values()].find((p) => p.lookup_key === 'tessera_pro_month')!;
    expect(proMonth).toMatchObject({ unit_amount: 1900, currency: 'usd', recurring: { interval: 'month' } });
    const proYear = [...fake.prices.values()].find((p) => p.lookup_key === 'tessera_pro_year')!;
    expect(proYear).toMatchObject({ unit_amount: 19000, product: proMonth.product, recurring: { interval: 'year' } });
    expect(first.envLines).toContain(`STRIPE_PRICE_PRO_MONTH=${proMonth.id}`);
    expect(first.envLines).toContain(`STRIPE_PRICE_ADDON_LIVE_BOTS_YEAR=${[...fake.prices.values()].find((p) => p.lookup_key === 'tessera_addon_live_bots_year')!.id}`);

    // Run again: nothing new, the same lines.
    const creates = fake.calls('POST', '/v1/prices').length;
    const second = await syncStripeCatalog(stripeClient());
    expect(second.created).toEqual([]);
    expect(second.existing).toHaveLength(10);
    expect(second.envLines).toEqual(first.envLines);
    expect(fake.calls('POST', '/v1/prices').length).toBe(creates);
    expect(fake.products.size).toBe(5);
  });

  it('creates only what is missing, under the product already there', async () => {
    const teamYear = [...fake.prices.entries()].find(([, p]) => p.lookup_key === 'tessera_team_year')!;
    fake.prices.delete(teamYear[0]);
    const third = await syncStripeCatalog(stripeClient());
    expect(third.created).toEqual(['tessera_team_year']);
    expect(fake.products.size).toBe(5);
    const recreated = [...fake.prices.values()].find((p) => p.lookup_key === 'tessera_team_year')!;
    expect(recreated.product).toBe(teamYear[1].product);
  });
});
