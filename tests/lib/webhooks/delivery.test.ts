import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, billingAccounts, emailOutbox, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { withSystem, withTenant, type TenantContext } from '@/db/tenant';
import { encryptSecret } from '@/lib/secrets';
import { attemptDelivery, DISABLE_AFTER_MS, RETRY_SCHEDULE_MS, sweepDueDeliveries } from '@/lib/webhooks/deliver';
import { emitWebhookEvent } from '@/lib/webhooks/emit';
import { generateWebhookSecret } from '@/lib/webhooks/signing';
import { loadEntitlements } from '@/lib/billing/entitlements';
import { consumeQuota } from '@/lib/billing/gates';
import { testCheckout } from '@/lib/billing/test-checkout';
import { acceptInvitation } from '@/lib/tenancy/accept-invitation';
import { inviteMember } from '@/lib/tenancy/invitations';
import { createUser, createWorkspaceWithOwner, inWorkspace, meta } from '../tenancy/support';

type Received = { headers: IncomingHttpHeaders; body: string };

let server: Server;
let port = 0;
let answer = 200;
let received: Received[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(answer, { 'content-type': 'text/plain' }).end(answer === 200 ? 'ok' : 'receiver broke');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  answer = 200;
  received = [];
});

// The local receiver is on loopback, which only the development setting admits.
const local = { allowPrivate: true, requireHttps: false };

async function workspaceWithEndpoint(eventTypes = ['member.joined']) {
  const made = await createWorkspaceWithOwner();
  const secret = generateWebhookSecret();
  const [endpoint] = await withSystem('test: test fixture', (tx) =>
    tx
      .insert(webhookEndpoints)
      .values({
        tenantId: made.workspace.id,
        url: `http://127.0.0.1:${port}/hook`,
        eventTypes,
        secretSealed: encryptSecret(secret, { kind: 'workspace', id: made.workspace.id }),
      })
      .returning(),
  );
  return { ...made, secret, endpoint: endpoint! };
}

function emitJoined(ctx: TenantContext, now?: Date) {
  return withTenant(ctx, (tx) =>
    emitWebhookEvent(tx, ctx.tenantId, 'member.joined', { user_id: ctx.userId!, email: 'new@example.test', role: 'member' }, { now }),
  );
}

async function delivery(id: string) {
  const [row] = await withSystem('test: read delivery', (tx) => tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)));
  return row!;
}

describe('outgoing webhook delivery', () => {
  it('sends a subscribed event signed per Standard Webhooks, once, and records the attempt', async () => {
    const { ownerCtx, secret } = await workspaceWithEndpoint();
    const [id] = await emitJoined(ownerCtx);
    const result = await attemptDelivery(id!, { policy: local });
    expect(result).toMatchObject({ outcome: 'succeeded', status: 200 });
    expect(received).toHaveLength(1);
    const { headers, body } = received[0]!;
    expect(headers['webhook-id']).toBe(id);
    const verified = new Webhook(secret).verify(body, {
      'webhook-id': String(headers['webhook-id']),
      'webhook-timestamp': String(headers['webhook-timestamp']),
      'webhook-signature': String(headers['webhook-signature']),
    });
    expect(verified).toMatchObject({ type: 'member.joined', data: { email: 'new@example.test', role: 'member' } });
    expect(await delivery(id!)).toMatchObject({ status: 'succeeded', attempts: 1, responseStatus: 200, responseBody: 'ok', nextAttemptAt: null });
    // Done is done: a second attempt (a duplicate run, the sweep) sends nothing.
    expect(await attemptDelivery(id!, { policy: local })).toEqual({ outcome: 'skipped' });
    expect(received).toHaveLength(1);
  });

  it('writes nothing when the change that emitted rolls back, and nothing for an unsubscribed type', async () => {
    const { ownerCtx, workspace } = await workspaceWithEndpoint(['billing.subscription.updated']);
    expect(await emitJoined(ownerCtx)).toEqual([]);
    const { ownerCtx: other, workspace: otherWorkspace } = await workspaceWithEndpoint();
    await expect(
      withTenant(other, async (tx) => {
        await emitWebhookEvent(tx, other.tenantId, 'member.joined', { user_id: other.userId!, email: 'x@example.test', role: 'viewer' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows = await withSystem('test: read deliveries', (tx) => tx.select().from(webhookDeliveries));
    expect(rows.filter((r) => r.tenantId === workspace.id || r.tenantId === otherWorkspace.id)).toEqual([]);
  });

  it('retries a failing receiver on the schedule with the same webhook-id, and the sweep sends what is due', async () => {
    const { ownerCtx } = await workspaceWithEndpoint();
    const t0 = new Date();
    const [id] = await emitJoined(ownerCtx, t0);
    answer = 500;
    expect(await attemptDelivery(id!, { policy: local, now: t0 })).toMatchObject({ outcome: 'retrying', status: 500, error: 'HTTP 500' });
    const first = await delivery(id!);
    expect(first.nextAttemptAt!.getTime()).toBe(t0.getTime() + RETRY_SCHEDULE_MS[0]);
    // Not due yet: neither a run nor the sweep sends it.
    expect(await attemptDelivery(id!, { policy: local, now: new Date(t0.getTime() + 1_000) })).toEqual({ outcome: 'skipped' });
    answer = 200;
    const sweep = await sweepDueDeliveries({ policy: local, now: new Date(t0.getTime() + RETRY_SCHEDULE_MS[0] + 1_000) });
    expect(sweep.succeeded).toBeGreaterThanOrEqual(1);
    expect(await delivery(id!)).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(received.map((r) => r.headers['webhook-id'])).toEqual([id, id]);
  });

  it('turns an endpoint off after five days of failures, audits it and emails the owners', async () => {
    const { ownerCtx, owner, endpoint, workspace } = await workspaceWithEndpoint();
    const now = new Date();
    await withSystem('test: failing for days', (tx) =>
      tx.update(webhookEndpoints).set({ failingSince: new Date(now.getTime() - DISABLE_AFTER_MS - 60_000) }).where(eq(webhookEndpoints.id, endpoint.id)),
    );
    const [id] = await emitJoined(ownerCtx, now);
    answer = 503;
    expect(await attemptDelivery(id!, { policy: local, now })).toMatchObject({ outcome: 'retrying', endpointDisabled: true });
    const [after] = await withSystem('test: read endpoint', (tx) => tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id)));
    expect(after).toMatchObject({ enabled: false, disabledReason: 'failing' });
    const audits = await withSystem('test: read audit', (tx) =>
      tx.select().from(auditLog).where(and(eq(auditLog.tenantId, workspace.id), eq(auditLog.action, 'webhook.endpoint_disabled'))),
    );
    expect(audits).toHaveLength(1);
    const mails = await withSystem('test: read mail', (tx) => tx.select().from(emailOutbox).where(and(eq(emailOutbox.to, owner.email), eq(emailOutbox.template, 'webhook-disabled'))));
    expect(mails).toHaveLength(1);
    // Off means off: the pending retry fails unsent, and new events create no delivery.
    received = [];
    expect(await attemptDelivery(id!, { policy: local, now: new Date(now.getTime() + RETRY_SCHEDULE_MS[0] + 1_000) })).toMatchObject({ outcome: 'failed' });
    expect(received).toEqual([]);
    expect(await emitJoined(ownerCtx)).toEqual([]);
  });

  it('refuses a loopback receiver when private addresses are not allowed, without connecting', async () => {
    const { ownerCtx } = await workspaceWithEndpoint();
    const [id] = await emitJoined(ownerCtx);
    const result = await attemptDelivery(id!, { policy: { allowPrivate: false, requireHttps: false } });
    expect(result).toMatchObject({ outcome: 'retrying', status: null });
    expect(result.outcome !== 'skipped' && result.error).toMatch(/refused address/);
    expect(received).toEqual([]);
  });

  it('emits member.joined when an invitation is accepted, in the same transaction as the membership', async () => {
    const { ownerCtx, workspace } = await workspaceWithEndpoint();
    const invitee = await createUser();
    const invitation = await inWorkspace(ownerCtx, (tx) => inviteMember(tx, ownerCtx, { email: invitee.email, role: 'member' }, meta));
    await withSystem('test: accept invitation', (tx) => acceptInvitation(tx, invitee, invitation.token, meta));
    const rows = await withSystem('test: read deliveries', (tx) => tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.tenantId, workspace.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toMatchObject({ type: 'member.joined', data: { user_id: invitee.id, email: invitee.email, role: 'member' } });
    expect(await attemptDelivery(rows[0]!.id, { policy: local })).toMatchObject({ outcome: 'succeeded' });
  });

  it('emits billing.subscription.updated when the subscription changes, in the transaction that changes it', async () => {
    const { workspace } = await workspaceWithEndpoint(['billing.subscription.updated']);
    const checkout = (planId: 'pro' | 'team') => withSystem('test: checkout', (tx) => testCheckout(tx, { tenantId: workspace.id, planId, interval: 'month' }));
    const deliveries = () =>
      withSystem('test: read deliveries', (tx) => tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.tenantId, workspace.id)).orderBy(webhookDeliveries.createdAt));
    await checkout('pro');
    const first = await deliveries();
    expect(first).toHaveLength(1);
    expect(first[0]!.payload).toMatchObject({ type: 'billing.subscription.updated', data: { plan: 'pro', interval: 'month', cancel_at_period_end: false } });
    await checkout('team');
    const second = await deliveries();
    expect(second).toHaveLength(2);
    expect(second[1]!.payload).toMatchObject({ data: { plan: 'team' } });
  });

  it('emits usage.quota.reached once, from the operation that uses the quota up', async () => {
    const { workspace, ownerCtx } = await workspaceWithEndpoint(['usage.quota.reached']);
    // Off the trial, onto Free's quotas.
    await withSystem('test: end the trial', (tx) => tx.update(billingAccounts).set({ trialEndsAt: new Date(Date.now() - 86_400_000) }).where(eq(billingAccounts.tenantId, workspace.id)));
    const quota = (await withTenant(ownerCtx, (tx) => loadEntitlements(tx, workspace.id))).quotas['journal.trades']!;
    const consume = (amount: number) => withTenant(ownerCtx, (tx) => consumeQuota(tx, workspace.id, 'journal.trades', amount));
    const deliveries = () => withSystem('test: read deliveries', (tx) => tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.tenantId, workspace.id)));
    await consume(quota - 1);
    expect(await deliveries()).toHaveLength(0);
    await consume(1);
    const [reached] = await deliveries();
    expect(reached!.payload).toMatchObject({ type: 'usage.quota.reached', data: { metric: 'journal.trades', used: quota, limit: quota } });
    await expect(consume(1)).rejects.toMatchObject({ code: 'quota_exceeded' });
    expect(await deliveries()).toHaveLength(1);
  });
});
