import type Stripe from 'stripe';
import { ADDONS, PLANS, stripeLookupKey, type AddonId, type PlanId } from '../plans';
import { catalogPrices, type PriceTarget } from './config';

export type CatalogSync = {
  /** `STRIPE_PRICE_…=price_…`, one per catalog price, to put in the environment. */
  envLines: string[];
  created: string[];
  existing: string[];
};

const itemOf = (target: PriceTarget): PlanId | AddonId => (target.kind === 'plan' ? target.planId : target.addonId);

function priceOf(target: PriceTarget): { name: string; minor: bigint; currency: string } {
  if (target.kind === 'addon') {
    const addon = ADDONS[target.addonId];
    return { name: `Tessera ${addon.name}`, minor: target.interval === 'year' ? addon.price.yearMinor : addon.price.monthMinor, currency: addon.price.currency };
  }
  const plan = PLANS[target.planId];
  if (!plan.price) throw new Error(`${plan.name} has no list price to sync`);
  return { name: `Tessera ${plan.name}`, minor: target.interval === 'year' ? plan.price.yearMinor : plan.price.monthMinor, currency: plan.price.currency };
}

/**
 * Creates the catalog's products and prices in a Stripe account, idempotent by lookup key: the
 * prices that already carry their key are listed first and kept; only the missing ones are
 * created (under the product an existing price of the same plan or add-on already has). Prices
 * are immutable in Stripe: a changed amount in the catalog needs a new lookup key or a manual
 * `transfer_lookup_key`, which this does not do behind anyone's back.
 */
export async function syncStripeCatalog(stripe: Stripe): Promise<CatalogSync> {
  const wanted = catalogPrices().map((entry) => ({ ...entry, item: itemOf(entry.target), lookupKey: stripeLookupKey(itemOf(entry.target), entry.target.interval) }));
  const found = new Map<string, Stripe.Price>();
  // Stripe takes at most 10 lookup keys per list call.
  for (let i = 0; i < wanted.length; i += 10) {
    const keys = wanted.slice(i, i + 10).map((w) => w.lookupKey);
    const page = await stripe.prices.list({ lookup_keys: keys, active: true, limit: 100 });
    for (const price of page.data) if (price.lookup_key) found.set(price.lookup_key, price);
  }
  const productOf = new Map<string, string>();
  for (const w of wanted) {
    const price = found.get(w.lookupKey);
    if (price) productOf.set(w.item, typeof price.product === 'string' ? price.product : price.product.id);
  }

  const result: CatalogSync = { envLines: [], created: [], existing: [] };
  for (const w of wanted) {
    let price = found.get(w.lookupKey);
    if (price) result.existing.push(w.lookupKey);
    else {
      const { name, minor, currency } = priceOf(w.target);
      let product = productOf.get(w.item);
      if (!product) {
        product = (await stripe.products.create({ name, metadata: { tessera_item: w.item } }, { idempotencyKey: `tessera-sync-product-${w.item}` })).id;
        productOf.set(w.item, product);
      }
      price = await stripe.prices.create({
        product,
        currency: currency.toLowerCase(),
        unit_amount: Number(minor),
        recurring: { interval: w.target.interval },
        lookup_key: w.lookupKey,
        nickname: `${name} (${w.target.interval === 'year' ? 'yearly' : 'monthly'})`,
        metadata: { tessera_item: w.item, interval: w.target.interval },
      });
      result.created.push(w.lookupKey);
    }
    result.envLines.push(`${w.envName}=${price.id}`);
  }
  return result;
}
