import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { withSystem, withTenant, type TenantContext } from '@/db/tenant';
import { attemptDelivery } from '@/lib/webhooks/deliver';
import { listDeliveries, redeliver, sendTestEvent } from '@/lib/webhooks/deliveries';
import { emitWebhookEvent } from '@/lib/webhooks/emit';
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookEndpoints, MAX_ENDPOINTS, rotateWebhookSecret, updateWebhookEndpoint } from '@/lib/webhooks/endpoints';
import { createWebhookFormSchema } from '@/lib/webhooks/input';
import { createWorkspaceWithOwner, meta, outcome, putOnPlan } from '../api-keys/support';
import { freeWorkspace } from '../billing/support';

let server: Server;
let port = 0;
const bodies: Array<{ headers: Record<string, string>; body: string }> = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push({ headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const local = { allowPrivate: true, requireHttps: false };

async function paidWorkspace() {
  const made = await createWorkspaceWithOwner();
  await putOnPlan(made.workspace.id, 'team');
  return made;
}

function create(ctx: TenantContext, url = `http://127.0.0.1:${port}/hook`, eventTypes: ['member.joined'] | ['member.joined', 'export.ready'] = ['member.joined']) {
  return withTenant(ctx, (tx) => createWebhookEndpoint(tx, ctx, { url, description: 'CI', eventTypes }, meta));
}

async function auditOf(tenantId: string) {
  const rows = await withSystem('test: read audit', (tx) => tx.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.tenantId, tenantId)).orderBy(auditLog.seq));
  return rows.map((r) => r.action).filter((a) => a.startsWith('webhook.'));
}

describe('webhook endpoints', () => {
  it('shows the secret once, stores it sealed, and signs deliveries with it', async () => {
    const { workspace, ownerCtx } = await paidWorkspace();
    const { endpoint, secret } = await create(ownerCtx);
    expect(secret).toMatch(/^whsec_/);
    expect(endpoint.secretHint).toBe(`${secret.slice(0, 10)}…`);
    const [row] = await withSystem('test: read endpoint', (tx) => tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id)));
    expect(row!.secretSealed).not.toContain(secret.slice(6));
    const listed = await withTenant(ownerCtx, (tx) => listWebhookEndpoints(tx));
    expect(JSON.stringify(listed)).not.toContain(secret);

    const [deliveryId] = await withTenant(ownerCtx, (tx) => emitWebhookEvent(tx, workspace.id, 'member.joined', { user_id: ownerCtx.userId!, email: 'a@example.com', role: 'member' }));
    bodies.length = 0;
    expect((await attemptDelivery(deliveryId!, { policy: local })).outcome).toBe('succeeded');
    const got = bodies[0]!;
    expect(new Webhook(secret).verify(got.body, got.headers)).toMatchObject({ type: 'member.joined' });
    expect(await auditOf(workspace.id)).toEqual(['webhook.endpoint_created']);
  });

  it('refuses an endpoint without the plan’s API (402) and beyond the cap (409)', async () => {
    const free = await freeWorkspace();
    expect(await outcome(create(free.ctx))).toBe('payment_required');

    const { ownerCtx } = await paidWorkspace();
    for (let i = 0; i < MAX_ENDPOINTS; i++) await create(ownerCtx, `https://hooks.example.com/${i}`);
    expect(await outcome(create(ownerCtx, 'https://hooks.example.com/one-more'))).toBe('conflict');
  });

  it('validates the URL and events at the boundary: loopback, credentials, no events', () => {
    const errors = (input: Record<string, unknown>) => {
      const parsed = createWebhookFormSchema.safeParse(input);
      return parsed.success ? null : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    };
    expect(errors({ url: 'https://hooks.example.com/x', eventTypes: 'member.joined' })).toBeNull();
    expect(errors({ url: 'http://127.0.0.1:9/x', eventTypes: 'member.joined' })?.[0]).toMatch(/^url: .*private or loopback/);
    expect(errors({ url: 'http://169.254.169.254/latest', eventTypes: 'member.joined' })?.[0]).toMatch(/^url: .*link-local/);
    expect(errors({ url: 'https://user:pw@hooks.example.com/x', eventTypes: 'member.joined' })?.[0]).toMatch(/user name or password/);
    expect(errors({ url: 'ftp://hooks.example.com/x', eventTypes: 'member.joined' })?.[0]).toMatch(/https/);
    expect(errors({ url: 'https://hooks.example.com/x' })?.[0]).toMatch(/^eventTypes: Choose at least one event/);
    expect(errors({ url: 'https://hooks.example.com/x', eventTypes: ['webhook.test'] })?.[0]).toMatch(/^eventTypes/);
  });

  it('changes bump the version; turning back on clears a failing state; rotation changes the signing secret', async () => {
    const { workspace, ownerCtx } = await paidWorkspace();
    const { endpoint, secret } = await create(ownerCtx);
    await withSystem('test: failing', (tx) =>
      tx.update(webhookEndpoints).set({ enabled: false, disabledReason: 'failing', failingSince: new Date(Date.now() - 6 * 86_400_000) }).where(eq(webhookEndpoints.id, endpoint.id)),
    );
    const edited = await withTenant(ownerCtx, (tx) => updateWebhookEndpoint(tx, ownerCtx, endpoint.id, { eventTypes: ['member.joined', 'export.ready'], enabled: true }, meta));
    expect(edited).toMatchObject({ version: endpoint.version + 1, enabled: true, disabledReason: null, failingSince: null, eventTypes: ['member.joined', 'export.ready'] });
    const off = await withTenant(ownerCtx, (tx) => updateWebhookEndpoint(tx, ownerCtx, endpoint.id, { enabled: false }, meta));
    expect(off).toMatchObject({ enabled: false, disabledReason: 'manual' });
    // A turned-off endpoint gets no new deliveries and no test event.
    expect(await withTenant(ownerCtx, (tx) => emitWebhookEvent(tx, workspace.id, 'export.ready', { export_id: 'x' }))).toEqual([]);
    expect(await outcome(withTenant(ownerCtx, (tx) => sendTestEvent(tx, ownerCtx, endpoint.id, meta)))).toBe('conflict');
    await withTenant(ownerCtx, (tx) => updateWebhookEndpoint(tx, ownerCtx, endpoint.id, { enabled: true }, meta));

    const rotated = await withTenant(ownerCtx, (tx) => rotateWebhookSecret(tx, ownerCtx, endpoint.id, meta));
    expect(rotated.secret).not.toBe(secret);
    const test = await withTenant(ownerCtx, (tx) => sendTestEvent(tx, ownerCtx, endpoint.id, meta));
    bodies.length = 0;
    await attemptDelivery(test.id, { policy: local });
    const got = bodies[0]!;
    expect(new Webhook(rotated.secret).verify(got.body, got.headers)).toMatchObject({ type: 'webhook.test', data: { endpoint_id: endpoint.id } });
    expect(() => new Webhook(secret).verify(got.body, got.headers)).toThrow();
    expect(await auditOf(workspace.id)).toEqual([
      'webhook.endpoint_created',
      'webhook.endpoint_enabled',
      'webhook.endpoint_disabled_manually',
      'webhook.endpoint_enabled',
      'webhook.secret_rotated',
      'webhook.test_sent',
    ]);
  });

  it('redelivers with the same webhook-id and a fresh schedule; the log pages newest first', async () => {
    const { ownerCtx } = await paidWorkspace();
    const { endpoint } = await create(ownerCtx);
    const first = await withTenant(ownerCtx, (tx) => sendTestEvent(tx, ownerCtx, endpoint.id, meta));
    const second = await withTenant(ownerCtx, (tx) => sendTestEvent(tx, ownerCtx, endpoint.id, meta));
    bodies.length = 0;
    await attemptDelivery(first.id, { policy: local });
    const again = await withTenant(ownerCtx, (tx) => redeliver(tx, ownerCtx, first.id, meta));
    expect(again).toMatchObject({ id: first.id, status: 'pending', attempts: 0 });
    await attemptDelivery(first.id, { policy: local });
    expect(bodies.map((b) => b.headers['webhook-id'])).toEqual([first.id, first.id]);

    const page1 = await withTenant(ownerCtx, (tx) => listDeliveries(tx, endpoint.id, { limit: 1 }));
    expect(page1.deliveries.map((d) => d.id)).toEqual([second.id]);
    const page2 = await withTenant(ownerCtx, (tx) => listDeliveries(tx, endpoint.id, { limit: 1, cursor: page1.nextCursor! }));
    expect(page2.deliveries.map((d) => d.id)).toEqual([first.id]);
    expect(page2.nextCursor).toBeNull();
  });

  it('keeps endpoints and deliveries to their workspace; deleting drops the log', async () => {
    const a = await paidWorkspace();
    const b = await paidWorkspace();
    const { endpoint } = await create(a.ownerCtx);
    const test = await withTenant(a.ownerCtx, (tx) => sendTestEvent(tx, a.ownerCtx, endpoint.id, meta));
    expect(await withTenant(b.ownerCtx, (tx) => listWebhookEndpoints(tx))).toEqual([]);
    expect(await outcome(withTenant(b.ownerCtx, (tx) => redeliver(tx, b.ownerCtx, test.id, meta)))).toBe('not_found');
    expect(await outcome(withTenant(b.ownerCtx, (tx) => deleteWebhookEndpoint(tx, b.ownerCtx, endpoint.id, meta)))).toBe('not_found');

    await withTenant(a.ownerCtx, (tx) => deleteWebhookEndpoint(tx, a.ownerCtx, endpoint.id, meta));
    const left = await withSystem('test: read deliveries', (tx) => tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id)));
    expect(left).toEqual([]);
  });
});
