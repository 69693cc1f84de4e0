import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Stripe from 'stripe';
import { resetEnvCache } from '@/lib/env';

/**
 * Stripe's API on 127.0.0.1, reached through the SDK's own host/port/protocol options
 * (STRIPE_API_HOST/PORT/PROTOCOL). Every object it answers starts as Stripe's own fixture from
 * ../shared/fixtures/stripe/fixtures3.json (the shapes the SDK is generated from), with ids and
 * fields set per call. It answers what the app uses: customers, checkout and portal sessions,
 * subscription retrieve and cancel, invoice list, price list/create and product create.
 */

type Json = Record<string, unknown>;

function sharedDir(): string {
  const candidates = [process.env.TESSERA_SHARED_DIR, path.resolve(process.cwd(), '../shared'), path.resolve(process.cwd(), '../../shared'), path.resolve(process.cwd(), 'tests/fixtures/shared')];
  const found = candidates.find((dir) => dir && existsSync(path.join(dir, 'fixtures/stripe/fixtures3.json')));
  if (!found) throw new Error('shared/fixtures/stripe/fixtures3.json not found beside the repository (set TESSERA_SHARED_DIR)');
  return found;
}

let fixtures: Record<string, Json> | null = null;

/** A deep copy of one of Stripe's fixture objects ('subscription', 'invoice', 'checkout.session', …). */
export function stripeFixture<T = Json>(resource: string): T {
  fixtures ??= (JSON.parse(readFileSync(path.join(sharedDir(), 'fixtures/stripe/fixtures3.json'), 'utf8')) as { resources: Record<string, Json> }).resources;
  const found = fixtures[resource];
  if (!found) throw new Error(`no Stripe fixture named ${resource}`);
  return structuredClone(found) as T;
}

/** A subscription in Stripe's shape with the given plan/add-on prices, status and period. */
export function subscriptionObject(fields: {
  id: string;
  customer: string;
  items: Array<{ price: string; quantity?: number; interval?: 'month' | 'year' }>;
  status?: Stripe.Subscription.Status;
  metadata?: Record<string, string>;
  cancelAtPeriodEnd?: boolean;
  periodStart?: number;
  periodEnd?: number;
  trialEnd?: number | null;
  canceledAt?: number | null;
}): Stripe.Subscription {
  const base = stripeFixture<Stripe.Subscription>('subscription');
  const template = base.items.data[0]!;
  const start = fields.periodStart ?? Math.floor(Date.now() / 1000) - 86_400;
  const end = fields.periodEnd ?? start + 30 * 86_400;
  return {
    ...base,
    id: fields.id,
    customer: fields.customer,
    status: fields.status ?? 'active',
    metadata: fields.metadata ?? {},
    cancel_at_period_end: fields.cancelAtPeriodEnd ?? false,
    cancel_at: fields.cancelAtPeriodEnd ? end : null,
    canceled_at: fields.canceledAt ?? null,
    ended_at: fields.status === 'canceled' ? (fields.canceledAt ?? end) : null,
    trial_start: fields.trialEnd ? start : null,
    trial_end: fields.trialEnd ?? null,
    items: {
      ...base.items,
      data: fields.items.map((item, index) => ({
        ...structuredClone(template),
        id: `si_${fields.id}_${index}`,
        subscription: fields.id,
        quantity: item.quantity ?? 1,
        price: { ...structuredClone(template.price), id: item.price, recurring: { ...template.price.recurring!, interval: item.interval ?? 'month' } },
        current_period_start: start,
        current_period_end: end,
      })),
    },
  };
}

/** An invoice in Stripe's shape for a subscription (API ≥ 2025-03-31: the subscription is under parent). */
export function invoiceObject(fields: {
  id: string;
  customer: string;
  subscription: string | null;
  status?: Stripe.Invoice.Status;
  amountPaid?: number;
  amountDue?: number;
  attemptCount?: number;
  number?: string | null;
  created?: number;
}): Stripe.Invoice {
  const base = stripeFixture<Stripe.Invoice>('invoice');
  const paid = fields.status === 'paid';
  return {
    ...base,
    id: fields.id,
    customer: fields.customer,
    status: fields.status ?? 'open',
    number: fields.number ?? null,
    created: fields.created ?? base.created,
    amount_due: fields.amountDue ?? 1900,
    amount_paid: fields.amountPaid ?? (paid ? (fields.amountDue ?? 1900) : 0),
    attempt_count: fields.attemptCount ?? 1,
    hosted_invoice_url: `https://invoice.stripe.test/${fields.id}`,
    invoice_pdf: `https://invoice.stripe.test/${fields.id}/pdf`,
    status_transitions: { ...base.status_transitions, paid_at: paid ? (fields.created ?? base.created) : null },
    parent: fields.subscription
      ? { quote_details: null, subscription_details: { metadata: null, subscription: fields.subscription }, type: 'subscription_details' }
      : null,
  } as Stripe.Invoice;
}

/** A signed event for `object` as Stripe would deliver it, with the signature header. */
export function signedEvent(
  secret: string,
  fields: { id: string; type: string; object: unknown; created?: number },
): { payload: string; header: string; event: Stripe.Event } {
  const base = stripeFixture<Stripe.Event>('event');
  const event = { ...base, id: fields.id, type: fields.type, created: fields.created ?? Math.floor(Date.now() / 1000), data: { object: fields.object } } as Stripe.Event;
  const payload = JSON.stringify(event);
  return { payload, header: Stripe.webhooks.generateTestHeaderString({ payload, secret }), event };
}

export type StripeRequest = { method: string; path: string; query: URLSearchParams; body: Json; headers: IncomingHttpHeaders };

export type FakeStripe = {
  port: number;
  requests: StripeRequest[];
  subscriptions: Map<string, Stripe.Subscription>;
  customers: Map<string, Stripe.Customer>;
  invoices: Stripe.Invoice[];
  prices: Map<string, Stripe.Price>;
  products: Map<string, Stripe.Product>;
  /** The requests to one path (e.g. '/v1/checkout/sessions'). */
  calls(method: string, path: string): StripeRequest[];
  /** Points the app at this server (STRIPE_* variables), with the given price ids. */
  configure(options: { webhookSecret: string; prices?: Record<string, string> }): void;
  close(): Promise<void>;
};

/** Stripe's form encoding (`a[b][0][c]=x`) back into objects and arrays. */
export function parseStripeForm(raw: string): Json {
  const root: Json = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const parts = key.replace(/\]/g, '').split('[');
    let node: Json = root;
    parts.forEach((part, index) => {
      if (index === parts.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Json;
    });
  }
  const arrays = (value: unknown): unknown => {
    if (!value || typeof value !== 'object') return value;
    const entries = Object.entries(value as Json).map(([k, v]) => [k, arrays(v)] as const);
    return entries.length && entries.every(([k]) => /^\d+$/.test(k)) ? entries.map(([, v]) => v) : Object.fromEntries(entries);
  };
  return arrays(root) as Json;
}

export async function startFakeStripe(): Promise<FakeStripe> {
  const requests: StripeRequest[] = [];
  const subscriptions = new Map<string, Stripe.Subscription>();
  const customers = new Map<string, Stripe.Customer>();
  const prices = new Map<string, Stripe.Price>();
  const products = new Map<string, Stripe.Product>();
  const invoices: Stripe.Invoice[] = [];
  // Like Stripe: a repeated Idempotency-Key gets the first answer again.
  const idempotent = new Map<string, unknown>();
  let seq = 0;
  const nextId = (prefix: string) => `${prefix}_fake${Date.now().toString(36)}${(++seq).toString(36)}`;

  const route = (request: StripeRequest): { status: number; body: unknown } => {
    const { method, path: url, body, query } = request;
    if (method === 'POST' && url === '/v1/customers') {
      const customer = { ...stripeFixture<Stripe.Customer>('customer'), id: nextId('cus'), email: (body.email as string) ?? null, name: (body.name as string) ?? null, metadata: (body.metadata as Record<string, string>) ?? {} };
      customers.set(customer.id, customer);
      return { status: 200, body: customer };
    }
    if (method === 'POST' && url === '/v1/checkout/sessions') {
      const id = nextId('cs_test');
      const session = {
        ...stripeFixture<Stripe.Checkout.Session>('checkout.session'),
        id,
        mode: body.mode,
        customer: body.customer ?? null,
        metadata: body.metadata ?? {},
        success_url: body.success_url,
        cancel_url: body.cancel_url,
        allow_promotion_codes: body.allow_promotion_codes === 'true',
        url: `https://checkout.stripe.test/c/pay/${id}`,
      };
      return { status: 200, body: session };
    }
    if (method === 'POST' && url === '/v1/billing_portal/sessions') {
      const id = nextId('bps');
      return { status: 200, body: { ...stripeFixture<Json>('billing_portal.session'), id, customer: body.customer, return_url: body.return_url, url: `https://billing.stripe.test/p/session/${id}` } };
    }
    const sub = /^\/v1\/subscriptions\/([^/]+)$/.exec(url);
    if (method === 'GET' && sub) {
      const found = subscriptions.get(decodeURIComponent(sub[1]!));
      return found ? { status: 200, body: found } : notFound('subscription', sub[1]!);
    }
    if (method === 'DELETE' && sub) {
      const found = subscriptions.get(decodeURIComponent(sub[1]!));
      if (!found) return notFound('subscription', sub[1]!);
      const canceled = { ...found, status: 'canceled' as const, canceled_at: Math.floor(Date.now() / 1000), ended_at: Math.floor(Date.now() / 1000) };
      subscriptions.set(found.id, canceled);
      return { status: 200, body: canceled };
    }
    if (method === 'GET' && url === '/v1/invoices') {
      const customer = query.get('customer');
      const data = invoices.filter((invoice) => !customer || invoice.customer === customer);
      return { status: 200, body: { object: 'list', url: '/v1/invoices', has_more: false, data } };
    }
    if (method === 'GET' && url === '/v1/prices') {
      const keys = query.getAll('lookup_keys[]').concat([...query.keys()].filter((k) => /^lookup_keys\[\d+\]$/.test(k)).map((k) => query.get(k)!));
      const data = [...prices.values()].filter((price) => !keys.length || (price.lookup_key && keys.includes(price.lookup_key)));
      return { status: 200, body: { object: 'list', url: '/v1/prices', has_more: false, data } };
    }
    if (method === 'POST' && url === '/v1/products') {
      const product = { ...stripeFixture<Stripe.Product>('product'), id: nextId('prod'), name: body.name as string, metadata: (body.metadata as Record<string, string>) ?? {} };
      products.set(product.id, product);
      return { status: 200, body: product };
    }
    if (method === 'POST' && url === '/v1/prices') {
      const base = stripeFixture<Stripe.Price>('price');
      const recurring = body.recurring as Json | undefined;
      const price = {
        ...base,
        id: nextId('price'),
        product: body.product as string,
        currency: body.currency as string,
        unit_amount: Number(body.unit_amount),
        unit_amount_decimal: String(body.unit_amount),
        lookup_key: (body.lookup_key as string) ?? null,
        metadata: (body.metadata as Record<string, string>) ?? {},
        recurring: { ...base.recurring!, interval: (recurring?.interval as 'month' | 'year') ?? 'month' },
      } as unknown as Stripe.Price;
      prices.set(price.id, price);
      return { status: 200, body: price };
    }
    return notFound('route', `${method} ${url}`);
  };

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request: StripeRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body: parseStripeForm(raw), headers: req.headers };
      requests.push(request);
      const key = req.method === 'POST' ? req.headers['idempotency-key'] : undefined;
      const cacheKey = typeof key === 'string' ? `${url.pathname}:${key}` : null;
      const reply = cacheKey && idempotent.has(cacheKey) ? { status: 200, body: idempotent.get(cacheKey) } : route(request);
      if (cacheKey && reply.status === 200) idempotent.set(cacheKey, reply.body);
      res.writeHead(reply.status, { 'content-type': 'application/json', 'request-id': `req_${++seq}` });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    requests,
    subscriptions,
    customers,
    invoices,
    prices,
    products,
    calls: (method, p) => requests.filter((r) => r.method === method && r.path === p),
    configure({ webhookSecret, prices: priceIds = {} }) {
      Object.assign(process.env, {
        STRIPE_SECRET_KEY: 'sk_test_fake',
        STRIPE_WEBHOOK_SECRET: webhookSecret,
        STRIPE_API_HOST: '127.0.0.1',
        STRIPE_API_PORT: String(port),
        STRIPE_API_PROTOCOL: 'http',
        ...priceIds,
      });
      resetEnvCache();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function notFound(what: string, id: string) {
  return { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${what}: '${id}'` } } };
}

/** The STRIPE_PRICE_* variables of every catalog price, with made-up ids per test file. */
export function fakePriceIds(tag: string): Record<string, string> {
  const names = [
    'STRIPE_PRICE_PRO_MONTH',
    'STRIPE_PRICE_PRO_YEAR',
    'STRIPE_PRICE_TEAM_MONTH',
    'STRIPE_PRICE_TEAM_YEAR',
    'STRIPE_PRICE_ADDON_MEMBERS_MONTH',
    'STRIPE_PRICE_ADDON_MEMBERS_YEAR',
    'STRIPE_PRICE_ADDON_LIVE_BOTS_MONTH',
    'STRIPE_PRICE_ADDON_LIVE_BOTS_YEAR',
    'STRIPE_PRICE_ADDON_TRACKED_PRODUCTS_MONTH',
    'STRIPE_PRICE_ADDON_TRACKED_PRODUCTS_YEAR',
  ];
  return Object.fromEntries(names.map((name) => [name, `price_${tag}_${name.replace('STRIPE_PRICE_', '').toLowerCase()}`]));
}
