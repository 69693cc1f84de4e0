import { randomInt, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/webhooks/woocommerce/route';
import { billingAccounts, billingEvents, emailOutbox, memberships, subscriptions, users, workspaces } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { issueEmailVerification, verifyEmailToken } from '@/lib/auth/email-verification';
import { loadEntitlements } from '@/lib/billing/entitlements';
import { applyHeldWooCommerceDeliveries } from '@/lib/billing/woocommerce/held-deliveries';
import { wooCommerceSignature } from '@/lib/billing/woocommerce/signature';
import { resetEnvCache } from '@/lib/env';
import { bodyLimitFor } from '@/lib/http/body-limit';
import { isProtectedPath, isRateLimitExempt } from '@/lib/http/gate';
import { captureLogs } from '../../../helpers/captured-logs';
import { createTenant } from '../../../helpers/database';
import { wooFixture, wooFixtureBytes } from '../../../helpers/woocommerce-fixtures';

const SECRET = `wc_secret_${randomUUID()}`;
const saved = { secret: process.env.WOOCOMMERCE_WEBHOOK_SECRET, products: process.env.WOOCOMMERCE_PLAN_PRODUCTS };

beforeAll(() => {
  process.env.WOOCOMMERCE_WEBHOOK_SECRET = SECRET;
  process.env.WOOCOMMERCE_PLAN_PRODUCTS = '1175:pro:year,636:team:month,916:pro:month';
  resetEnvCache();
});

afterAll(() => {
  for (const [key, value] of [['WOOCOMMERCE_WEBHOOK_SECRET', saved.secret], ['WOOCOMMERCE_PLAN_PRODUCTS', saved.products]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvCache();
});

type DeliverOptions = { topic?: string | null; deliveryId?: string; signature?: string | null; contentType?: string };

async function deliver(body: Buffer, { topic = 'subscription.updated', deliveryId = randomUUID(), signature, contentType = 'application/json' }: DeliverOptions = {}) {
  const headers = new Headers({ 'content-type': contentType, 'x-wc-webhook-source': 'https://store.example/', 'x-wc-webhook-id': '7' });
  if (topic) headers.set('x-wc-webhook-topic', topic);
  headers.set('x-wc-webhook-delivery-id', deliveryId);
  const sig = signature === undefined ? wooCommerceSignature(body, SECRET) : signature;
  if (sig !== null) headers.set('x-wc-webhook-signature', sig);
  const response = await POST(new Request('http://localhost:3000/api/webhooks/woocommerce', { method: 'POST', headers, body: new Uint8Array(body) }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const newId = () => randomInt(100_000_000, 2_000_000_000);
const gmt = (date: Date) => date.toISOString().slice(0, 19);

/** A variant of a recorded subscription object: its own id and billing email, later times, any field changed. */
function variant(name: string, fields: Record<string, unknown> = {}, email?: string): Buffer {
  const base = wooFixture(name);
  const billing = { ...(base.billing as Record<string, unknown>), ...(email ? { email } : {}) };
  return Buffer.from(JSON.stringify({ ...base, billing, ...fields }));
}

async function verifiedOwner() {
  const tenant = await createTenant('owner');
  await withSystem('test: verify email', (tx) => tx.update(users).set({ emailVerified: new Date() }).where(eq(users.id, tenant.user.id)));
  return tenant;
}

const stored = (id: number) =>
  withSystem('test: read subscription', async (tx) => {
    const [row] = await tx.select().from(subscriptions).where(and(eq(subscriptions.source, 'woocommerce'), eq(subscriptions.externalId, String(id))));
    return row ?? null;
  });

const events = (eventIdPrefix: string) =>
  withSystem('test: read billing events', async (tx) => {
    const rows = await tx.select().from(billingEvents).where(eq(billingEvents.source, 'woocommerce'));
    return rows.filter((row) => row.eventId.startsWith(`${eventIdPrefix}:`));
  });

const entitlementsOf = (tenantId: string) => withSystem('test: entitlements', (tx) => loadEntitlements(tx, tenantId));
const versionOf = (tenantId: string) =>
  withSystem('test: version', async (tx) => (await tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenantId)))[0]?.version ?? 0);

describe('POST /api/webhooks/woocommerce: the gate', () => {
  it('passes middleware without a session: not a protected path, the API body limit', () => {
    expect(isProtectedPath('/api/webhooks/woocommerce')).toBe(false);
    // A bulk edit in the store sends a burst from one address, and a refused delivery is lost.
    expect(isRateLimitExempt('/api/webhooks/woocommerce')).toBe(true);
    expect(bodyLimitFor({ method: 'POST', pathname: '/api/webhooks/woocommerce' }, 1_048_576)).toBe(1_048_576);
  });

  it('answers the creation ping 200 and records nothing', async () => {
    const response = await deliver(Buffer.from('webhook_id=42'), { topic: null, signature: null, contentType: 'application/x-www-form-urlencoded' });
    expect(response).toEqual({ status: 200, body: { received: true, ping: true } });
  });
});

describe('POST /api/webhooks/woocommerce: signature', () => {
  const raw = wooFixtureBytes('retrieve_a_subscription');

  it('accepts the fixture bytes as signed; refuses a bad, missing or foreign signature with 401 and records nothing', async () => {
    const good = randomUUID();
    expect((await deliver(raw, { deliveryId: good })).status).toBe(200);
    expect(await events(good)).toHaveLength(1);

    const cases: Array<[string, DeliverOptions & { body?: Buffer }]> = [
      ['missing', { signature: null }],
      ['other secret', { signature: wooCommerceSignature(raw, 'not-the-secret') }],
      ['garbage', { signature: 'AAAA' }],
      ['another body', { body: Buffer.concat([raw, Buffer.from('\n')]), signature: wooCommerceSignature(raw, SECRET) }],
    ];
    for (const [label, { body, ...options }] of cases) {
      const deliveryId = randomUUID();
      const response = await deliver(body ?? raw, { ...options, deliveryId });
      expect(response.status, label).toBe(401);
      expect(response.body, label).toEqual({ error: { code: 'unauthorized', message: 'Invalid webhook signature.' } });
      expect(await events(deliveryId), label).toHaveLength(0);
    }
  });

  it('refuses everything while no secret is configured', async () => {
    delete process.env.WOOCOMMERCE_WEBHOOK_SECRET;
    resetEnvCache();
    try {
      const response = await deliver(raw);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ error: { code: 'unauthorized' } });
    } finally {
      process.env.WOOCOMMERCE_WEBHOOK_SECRET = SECRET;
      resetEnvCache();
    }
  });
});

describe('POST /api/webhooks/woocommerce: syncing subscriptions', () => {
  it('every topic: created, updated (on-hold), switched, deleted, in the unified subscriptions table', async () => {
    const { user, workspace } = await verifiedOwner();
    const id = newId();
    const t0 = Date.now() - 3_600_000;
    const at = (minutes: number) => gmt(new Date(t0 + minutes * 60_000));

    const created = await deliver(variant('create_a_subscription', { id, date_modified_gmt: at(0) }, user.email), { topic: 'subscription.created' });
    expect(created).toEqual({ status: 200, body: { received: true, applied: true } });
    expect(await stored(id)).toMatchObject({ tenantId: workspace.id, planId: 'team', interval: 'month', status: 'active', customerId: '1' });
    expect(await entitlementsOf(workspace.id)).toMatchObject({ planId: 'team', source: 'subscription' });

    const onHold = await deliver(variant('create_a_subscription', { id, status: 'on-hold', date_modified_gmt: at(1) }, user.email));
    expect(onHold.body).toMatchObject({ applied: true });
    const pastDue = await stored(id);
    expect(pastDue).toMatchObject({ status: 'past_due' });
    // Grace of PAST_DUE_GRACE_DAYS (7) from the first time past_due is seen.
    expect(pastDue!.graceUntil!.getTime() - pastDue!.updatedAt.getTime()).toBe(7 * 86_400_000);

    // A switch re-syncs like an update: here the subscription now holds only the Pro yearly product.
    const switched = variant('create_a_subscription', { id, status: 'active', date_modified_gmt: at(2), line_items: [{ product_id: 1175, variation_id: 0, quantity: 1 }] }, user.email);
    expect((await deliver(switched, { topic: 'subscription.switched' })).body).toMatchObject({ applied: true });
    expect(await stored(id)).toMatchObject({ planId: 'pro', interval: 'year', status: 'active', graceUntil: null });

    const deleted = await deliver(variant('delete_a_subscription', { id, date_modified_gmt: at(2) }, user.email), { topic: 'subscription.deleted' });
    expect(deleted.body).toMatchObject({ applied: true });
    expect(await stored(id)).toMatchObject({ status: 'canceled' });
    expect((await entitlementsOf(workspace.id)).source).not.toBe('subscription');
  });

  it('subscription.deleted with only the id (what WooCommerce core sends) ends the stored subscription', async () => {
    const { user } = await verifiedOwner();
    const id = newId();
    await deliver(variant('create_a_subscription', { id, date_modified_gmt: gmt(new Date(Date.now() - 60_000)) }, user.email), { topic: 'subscription.created' });
    const response = await deliver(Buffer.from(JSON.stringify({ id })), { topic: 'subscription.deleted' });
    expect(response.body).toEqual({ received: true, applied: true });
    expect(await stored(id)).toMatchObject({ status: 'canceled', planId: 'team' });
    // An update made before the deletion, arriving after it, does not revive it.
    await deliver(variant('create_a_subscription', { id, date_modified_gmt: gmt(new Date(Date.now() - 30_000)) }, user.email));
    expect(await stored(id)).toMatchObject({ status: 'canceled' });

    const unknown = await deliver(Buffer.from(JSON.stringify({ id: newId() })), { topic: 'subscription.deleted' });
    expect(unknown.body).toEqual({ received: true, applied: false, reason: 'unknown subscription' });
  });

  it.each([
    ['active', 'active', false],
    ['on-hold', 'past_due', false],
    ['pending-cancel', 'active', true],
    ['cancelled', 'canceled', false],
    ['expired', 'canceled', false],
    ['pending', 'incomplete', false],
  ] as const)('status %s is stored as %s (cancel at period end: %s)', async (woo, status, cancelAtPeriodEnd) => {
    const { user } = await verifiedOwner();
    const id = newId();
    await deliver(variant('update_a_subscription', { id, status: woo }, user.email));
    expect(await stored(id)).toMatchObject({ planId: 'pro', status, cancelAtPeriodEnd });
  });

  it('a duplicate delivery is acknowledged and changes nothing; the same id over another body is another delivery', async () => {
    const { user, workspace } = await verifiedOwner();
    const id = newId();
    const deliveryId = randomUUID();
    const body = variant('update_a_subscription', { id }, user.email);
    expect((await deliver(body, { deliveryId })).body).toEqual({ received: true, applied: true });
    const version = await versionOf(workspace.id);
    const before = await stored(id);
    expect((await deliver(body, { deliveryId })).body).toEqual({ received: true, duplicate: true });
    expect(await versionOf(workspace.id)).toBe(version);
    expect(await stored(id)).toEqual(before);
    expect(await events(deliveryId)).toHaveLength(1);

    // WooCommerce's delivery id is a hash of webhook id and second: two changes in one second share it.
    const later = variant('update_a_subscription', { id, status: 'cancelled', date_modified_gmt: '2021-04-23T07:49:24' }, user.email);
    expect((await deliver(later, { deliveryId })).body).toEqual({ received: true, applied: true });
    expect(await stored(id)).toMatchObject({ status: 'canceled' });
    expect(await events(deliveryId)).toHaveLength(2);
  });

  it('an older date_modified_gmt never overwrites a newer state', async () => {
    const { user } = await verifiedOwner();
    const id = newId();
    await deliver(variant('update_a_subscription', { id, status: 'active', date_modified_gmt: '2021-04-23T08:00:00' }, user.email));
    const older = await deliver(variant('update_a_subscription', { id, status: 'cancelled', date_modified_gmt: '2021-04-23T07:59:59' }, user.email));
    expect(older).toEqual({ status: 200, body: { received: true, applied: false } });
    expect(await stored(id)).toMatchObject({ status: 'active', sourceUpdatedAt: new Date('2021-04-23T08:00:00Z') });
  });

  it('an unknown product is recorded, answered 200, logged as a warning, and applies nothing', async () => {
    const { user, workspace } = await verifiedOwner();
    const id = newId();
    const deliveryId = randomUUID();
    const logs = captureLogs();
    try {
      const response = await deliver(variant('retrieve_a_subscription', { id }, user.email), { deliveryId });
      expect(response).toEqual({ status: 200, body: { received: true, applied: false, reason: 'no plan for products 1027' } });
      expect(logs.lines.some((line) => line.level === 'warn' && String(line.msg).includes('no plan for products 1027'))).toBe(true);
    } finally {
      logs.restore();
    }
    expect(await stored(id)).toBeNull();
    expect(await events(deliveryId)).toMatchObject([{ type: 'subscription.updated', processedAt: null, error: 'no plan for products 1027' }]);
    expect((await entitlementsOf(workspace.id)).source).not.toBe('subscription');
  });
});

describe('POST /api/webhooks/woocommerce: finding the workspace', () => {
  it('by billing email, case-insensitive: the oldest workspace the user owns, not one they only belong to', async () => {
    const { user, workspace } = await verifiedOwner();
    const tag = randomUUID().slice(0, 8);
    const day = 86_400_000;
    const { olderOwned } = await withSystem('test: more workspaces', async (tx) => {
      const [olderOwned] = await tx.insert(workspaces).values({ slug: `old-${tag}`, name: 'Older', createdBy: user.id, createdAt: new Date(Date.now() - day) }).returning();
      const [oldestMember] = await tx.insert(workspaces).values({ slug: `mem-${tag}`, name: 'Member', createdAt: new Date(Date.now() - 2 * day) }).returning();
      await tx.insert(memberships).values([
        { tenantId: olderOwned!.id, userId: user.id, role: 'owner' },
        { tenantId: oldestMember!.id, userId: user.id, role: 'admin' },
      ]);
      return { olderOwned: olderOwned! };
    });
    const id = newId();
    await deliver(variant('update_a_subscription', { id }, user.email.toUpperCase()));
    expect(await stored(id)).toMatchObject({ tenantId: olderOwned.id, planId: 'pro' });
    expect((await entitlementsOf(olderOwned.id)).planId).toBe('pro');
    expect(workspace.id).not.toBe(olderOwned.id);
  });

  it('a stored subscription stays with its workspace whatever the billing email says later', async () => {
    const first = await verifiedOwner();
    const second = await verifiedOwner();
    const id = newId();
    await deliver(variant('update_a_subscription', { id, date_modified_gmt: '2021-05-01T00:00:00' }, first.user.email));
    await deliver(variant('update_a_subscription', { id, date_modified_gmt: '2021-05-02T00:00:00' }, second.user.email));
    expect(await stored(id)).toMatchObject({ tenantId: first.workspace.id, sourceUpdatedAt: new Date('2021-05-02T00:00:00Z') });
  });

  it('no account with the email: held unapplied, one sign-up invitation queued with the delivery', async () => {
    const email = `buyer-${randomUUID().slice(0, 8)}@Example.test`;
    const id = newId();
    const [a, b] = [randomUUID(), randomUUID()];
    expect((await deliver(variant('update_a_subscription', { id }, email), { deliveryId: a, topic: 'subscription.created' })).body).toEqual({
      received: true,
      applied: false,
      reason: 'no workspace for billing email',
    });
    await deliver(variant('update_a_subscription', { id, date_modified_gmt: '2021-04-23T08:00:00' }, email), { deliveryId: b });
    expect(await stored(id)).toBeNull();
    expect([...(await events(a)), ...(await events(b))]).toMatchObject([
      { processedAt: null, error: 'no workspace for billing email', workspaceId: null },
      { processedAt: null, error: 'no workspace for billing email', workspaceId: null },
    ]);
    const mail = await withSystem('test: mailbox', (tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.to, email)));
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ template: 'store-sign-up', subject: 'Your Tessera Pro subscription is waiting for you' });
    expect(mail[0]!.text).toContain(`/sign-up?email=${encodeURIComponent(email)}`);
  });

  it('a billing email that is no address is held without an invitation', async () => {
    const email = `not an address ${randomUUID().slice(0, 8)}`;
    const response = await deliver(variant('update_a_subscription', { id: newId() }, email));
    expect(response).toEqual({ status: 200, body: { received: true, applied: false, reason: 'no workspace for billing email' } });
    const mail = await withSystem('test: mailbox', (tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.to, email)));
    expect(mail).toHaveLength(0);
  });

  it('an account whose email is not verified does not receive the subscription', async () => {
    const { user } = await createTenant('owner');
    const id = newId();
    const deliveryId = randomUUID();
    const response = await deliver(variant('update_a_subscription', { id }, user.email), { deliveryId });
    expect(response.body).toEqual({ received: true, applied: false, reason: 'billing email not verified' });
    expect(await stored(id)).toBeNull();
    const mail = await withSystem('test: mailbox', (tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.to, user.email)));
    expect(mail.filter((row) => row.template === 'store-sign-up')).toHaveLength(0);
  });

  it('held deliveries reach the workspace once the buyer signs up and confirms the address', async () => {
    const email = `later-${randomUUID().slice(0, 8)}@example.test`;
    const id = newId();
    await deliver(variant('update_a_subscription', { id, status: 'active', date_modified_gmt: '2021-04-23T08:00:00' }, email), { topic: 'subscription.created' });
    await deliver(variant('update_a_subscription', { id, status: 'on-hold', date_modified_gmt: '2021-04-23T07:00:00' }, email));
    expect(await stored(id)).toBeNull();

    // Signs up with the address in another case, then confirms it.
    const tag = randomUUID().slice(0, 8);
    const { user, workspace, token } = await withSystem('test: sign up', async (tx) => {
      const [user] = await tx.insert(users).values({ email: email.toUpperCase(), name: 'Later' }).returning();
      const [workspace] = await tx.insert(workspaces).values({ slug: `later-${tag}`, name: 'Later', createdBy: user!.id }).returning();
      await tx.insert(memberships).values({ tenantId: workspace!.id, userId: user!.id, role: 'owner' });
      const { token } = await issueEmailVerification(tx, user!);
      return { user: user!, workspace: workspace!, token };
    });
    expect(await stored(id)).toBeNull();
    expect(await verifyEmailToken(token)).toMatchObject({ status: 'verified', userId: user.id });
    // The newer of the two held states wins, whatever order they are applied in.
    expect(await stored(id)).toMatchObject({ tenantId: workspace.id, status: 'active', planId: 'pro' });
    expect((await entitlementsOf(workspace.id)).planId).toBe('pro');
    const held = await withSystem('test: held', (tx) => tx.select().from(billingEvents).where(eq(billingEvents.workspaceId, workspace.id)));
    expect(held).toHaveLength(2);
    expect(held.every((event) => event.processedAt !== null && event.error === null)).toBe(true);
  });

  it('a subscription deleted while held (only its id came) is applied as ended', async () => {
    const email = `gone-${randomUUID().slice(0, 8)}@example.test`;
    const id = newId();
    await deliver(variant('update_a_subscription', { id, status: 'active' }, email), { topic: 'subscription.created' });
    expect((await deliver(Buffer.from(JSON.stringify({ id })), { topic: 'subscription.deleted' })).body).toMatchObject({ reason: 'unknown subscription' });
    const tag = randomUUID().slice(0, 8);
    const { user, workspace } = await withSystem('test: sign up', async (tx) => {
      const [user] = await tx.insert(users).values({ email, name: 'Gone' }).returning();
      const [workspace] = await tx.insert(workspaces).values({ slug: `gone-${tag}`, name: 'Gone', createdBy: user!.id }).returning();
      await tx.insert(memberships).values({ tenantId: workspace!.id, userId: user!.id, role: 'owner' });
      await tx.update(users).set({ emailVerified: new Date() }).where(eq(users.id, user!.id));
      return { user: user!, workspace: workspace! };
    });
    expect(await applyHeldWooCommerceDeliveries(user.id)).toBe(1);
    expect(await stored(id)).toMatchObject({ tenantId: workspace.id, status: 'canceled' });
    expect(await applyHeldWooCommerceDeliveries(user.id)).toBe(0);
  });
});
