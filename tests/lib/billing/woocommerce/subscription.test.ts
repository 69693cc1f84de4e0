import { describe, expect, it } from 'vitest';
import { mapWooStatus, planForLineItems, toSubscriptionState, wooSubscriptionSchema } from '@/lib/billing/woocommerce/subscription';
import { hasValidSignature, isWooCommercePing, wooCommerceSignature } from '@/lib/billing/woocommerce/signature';
import { envSchema } from '@/lib/env/schema';
import { wooFixture as fixture, wooFixtureBytes } from '../../../helpers/woocommerce-fixtures';

const products = envSchema.shape.WOOCOMMERCE_PLAN_PRODUCTS.parse('1175:pro:year, 636:team:month,916:pro:month');

describe('WOOCOMMERCE_PLAN_PRODUCTS', () => {
  it('parses productId:plan:interval pairs', () => {
    expect(products).toEqual([
      { productId: 1175, planId: 'pro', interval: 'year' },
      { productId: 636, planId: 'team', interval: 'month' },
      { productId: 916, planId: 'pro', interval: 'month' },
    ]);
    expect(envSchema.shape.WOOCOMMERCE_PLAN_PRODUCTS.parse(undefined)).toEqual([]);
    expect(envSchema.shape.WOOCOMMERCE_PLAN_PRODUCTS.parse('')).toEqual([]);
  });

  it.each(['123:pro', '123:gold:month', '123:free:month', 'abc:pro:month', '123:pro:week', '0:pro:month', '123:pro:month:x', '1:pro:month,1:team:year'])(
    'refuses %s',
    (value) => {
      expect(envSchema.shape.WOOCOMMERCE_PLAN_PRODUCTS.safeParse(value).success).toBe(false);
    },
  );
});

describe('WooCommerce status mapping', () => {
  it.each([
    ['active', 'active', false],
    ['on-hold', 'past_due', false],
    ['pending-cancel', 'active', true],
    ['cancelled', 'canceled', false],
    ['expired', 'canceled', false],
    ['switched', 'canceled', false],
    ['pending', 'incomplete', false],
    ['wc-on-hold', 'past_due', false],
  ] as const)('%s → %s (cancel at period end: %s)', (woo, status, cancelAtPeriodEnd) => {
    expect(mapWooStatus(woo)).toEqual({ status, cancelAtPeriodEnd });
  });

  it('knows every status WooCommerce lists (get_statuses)', () => {
    for (const status of Object.keys(fixture('get_statuses'))) expect(mapWooStatus(status), status).not.toBeNull();
    expect(mapWooStatus('refunded')).toBeNull();
  });
});

describe('toSubscriptionState', () => {
  it('maps the create fixture: the best mapped line item, GMT dates, the modified time', () => {
    const subscription = wooSubscriptionSchema.parse(fixture('create_a_subscription'));
    const result = toSubscriptionState(subscription, products);
    expect(result).toEqual({
      ok: true,
      state: {
        source: 'woocommerce',
        externalId: '1313',
        customerId: '1',
        // Product 1175 (pro, year) and variation 636 of product 633 (team): team wins.
        planId: 'team',
        interval: 'month',
        status: 'active',
        cancelAtPeriodEnd: false,
        currentPeriodStart: new Date('2021-04-23T10:45:00Z'),
        currentPeriodEnd: new Date('2021-07-23T10:45:00Z'),
        trialEnd: null,
        canceledAt: null,
        addons: {},
        sourceUpdatedAt: new Date('2021-04-23T06:38:41Z'),
      },
    });
  });

  it('a cancelling subscription ends at its end date', () => {
    const base = fixture('update_a_subscription');
    const subscription = wooSubscriptionSchema.parse({ ...base, status: 'pending-cancel', next_payment_date_gmt: '', end_date_gmt: '2021-05-16T03:54:51' });
    const result = toSubscriptionState(subscription, products);
    expect(result.ok && result.state).toMatchObject({ planId: 'pro', status: 'active', cancelAtPeriodEnd: true, currentPeriodEnd: new Date('2021-05-16T03:54:51Z') });
  });

  it('a variation maps before its product; nothing mapped or an unknown status is refused with why', () => {
    const items = [{ product_id: 633, variation_id: 636 }];
    expect(planForLineItems(items, [{ productId: 633, planId: 'pro', interval: 'month' }, { productId: 636, planId: 'team', interval: 'year' }])).toMatchObject({ planId: 'team' });
    expect(planForLineItems(items, [{ productId: 633, planId: 'pro', interval: 'month' }])).toMatchObject({ planId: 'pro' });
    const subscription = wooSubscriptionSchema.parse(fixture('retrieve_a_subscription'));
    expect(toSubscriptionState(subscription, products)).toEqual({ ok: false, reason: 'unknown_product', message: 'no plan for products 1027' });
    expect(toSubscriptionState({ ...subscription, status: 'refunded' }, products)).toMatchObject({ ok: false, reason: 'unknown_status' });
  });

  it('requires date_modified_gmt', () => {
    expect(wooSubscriptionSchema.safeParse({ ...fixture('retrieve_a_subscription'), date_modified_gmt: '' }).success).toBe(false);
    expect(wooSubscriptionSchema.safeParse({ ...fixture('retrieve_a_subscription'), date_modified_gmt: 'yesterday' }).success).toBe(false);
  });
});

describe('WooCommerce signature', () => {
  const raw = wooFixtureBytes('retrieve_a_subscription');

  it('is base64 HMAC-SHA256 of the raw bytes, compared exactly', () => {
    const signature = wooCommerceSignature(raw, 'whsec_test');
    expect(signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(hasValidSignature(raw, signature, 'whsec_test')).toBe(true);
    expect(hasValidSignature(raw, signature, 'whsec_other')).toBe(false);
    expect(hasValidSignature(Buffer.concat([raw, Buffer.from(' ')]), signature, 'whsec_test')).toBe(false);
    expect(hasValidSignature(raw, signature.slice(0, -2), 'whsec_test')).toBe(false);
    expect(hasValidSignature(raw, null, 'whsec_test')).toBe(false);
  });

  it('recognises the creation ping and nothing else', () => {
    expect(isWooCommercePing(new Headers(), Buffer.from('webhook_id=42'))).toBe(true);
    expect(isWooCommercePing(new Headers({ 'x-wc-webhook-topic': 'subscription.updated' }), Buffer.from('webhook_id=42'))).toBe(false);
    expect(isWooCommercePing(new Headers(), raw)).toBe(false);
  });
});
