import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, emailOutbox, subscriptions, workspaces } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { verifyChain } from '@/lib/audit/verify';
import { setPlanOverride } from '@/lib/billing/plan-override';
import { resetEnvCache } from '@/lib/env';
import { enqueueEvent } from '@/lib/jobs';
import { resetStorage, storage, tenantKey } from '@/lib/storage';
import { inviteMember } from '@/lib/tenancy/invitations';
import { cancelWorkspaceDeletion, DELETION_GRACE_DAYS, scheduleWorkspaceDeletion } from '@/lib/tenancy/workspace-deletion';
import { dueWorkspaceDeletions, purgeWorkspace } from '@/lib/tenancy/workspace-purge';
import { PATCH as patchWebhook } from '@/app/api/v1/webhooks/[id]/route';
import { startFakeStripe, subscriptionObject, type FakeStripe } from '../../helpers/fake-stripe';
import { systemQuery } from '../../helpers/database';
import { tenantTables } from '../../helpers/tenant-tables';
import { call, jsonOf } from '../api/support';
import { createKey } from '../api-keys/support';
import { addMember, createWorkspaceWithOwner, inWorkspace, meta, outcome } from './support';

const DAY = 86_400_000;
let fake: FakeStripe;
let directory = '';

beforeAll(async () => {
  fake = await startFakeStripe();
  fake.configure({ webhookSecret: 'whsec_deletion' });
  directory = await mkdtemp(path.join(tmpdir(), 'tessera-purge-'));
  process.env.STORAGE_DIR = directory;
  resetEnvCache();
  resetStorage();
});
afterAll(async () => {
  await fake.close();
  resetStorage();
  await rm(directory, { recursive: true, force: true });
});

const workspaceRow = async (id: string) => (await withSystem('test: read', (tx) => tx.select().from(workspaces).where(eq(workspaces.id, id))))[0];

const mailsTo = (email: string) =>
  withSystem('test: read mail', (tx) => tx.select({ subject: emailOutbox.subject }).from(emailOutbox).where(and(eq(emailOutbox.to, email), eq(emailOutbox.template, 'workspace-deletion'))));

describe('scheduled workspace deletion', () => {
  it('needs an owner and the exact name; schedules 30 days out, audits and emails the owners; cancelling undoes it', async () => {
    const { workspace, ownerCtx, owner } = await createWorkspaceWithOwner();
    const admin = await addMember(workspace.id, 'admin');
    const now = new Date();
    expect(await outcome(inWorkspace(admin.ctx, (tx, ctx) => scheduleWorkspaceDeletion(tx, ctx, workspace.name, meta, now)))).toBe('forbidden');
    expect(await outcome(inWorkspace(ownerCtx, (tx, ctx) => scheduleWorkspaceDeletion(tx, ctx, 'not the name', meta, now)))).toBe('validation_failed');
    const { scheduledFor } = await inWorkspace(ownerCtx, (tx, ctx) => scheduleWorkspaceDeletion(tx, ctx, workspace.name, meta, now));
    expect(scheduledFor.getTime()).toBe(now.getTime() + DELETION_GRACE_DAYS * DAY);
    expect((await workspaceRow(workspace.id))!.deletionScheduledFor).toEqual(scheduledFor);
    expect((await mailsTo(owner.email)).map((m) => m.subject)).toEqual([`${workspace.name} will be deleted in 30 days`]);

    expect(await dueWorkspaceDeletions(new Date(now.getTime() + 29 * DAY))).not.toContain(workspace.id);
    expect(await purgeWorkspace(workspace.id, new Date(now.getTime() + 29 * DAY))).toMatchObject({ outcome: 'skipped' });

    expect(await outcome(inWorkspace(admin.ctx, (tx, ctx) => cancelWorkspaceDeletion(tx, ctx, meta)))).toBe('forbidden');
    expect(await inWorkspace(ownerCtx, (tx, ctx) => cancelWorkspaceDeletion(tx, ctx, meta))).toEqual({ cancelled: true });
    expect((await workspaceRow(workspace.id))!.deletionScheduledFor).toBeNull();
    expect(await dueWorkspaceDeletions(new Date(now.getTime() + 31 * DAY))).not.toContain(workspace.id);
    const actions = await withSystem('test: audit', (tx) => tx.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.tenantId, workspace.id)).orderBy(auditLog.seq));
    expect(actions.map((a) => a.action).filter((a) => a.startsWith('workspace.deletion'))).toEqual(['workspace.deletion_scheduled', 'workspace.deletion_cancelled']);
  });

  it('refuses API writes while scheduled (409 workspace_read_only) and keeps reads working', async () => {
    const { workspace, ownerCtx, owner } = await createWorkspaceWithOwner();
    // Stripe is configured in this file, so the plan comes from an override, not the test checkout.
    await withSystem('test: plan override', (tx) => setPlanOverride(tx, { workspace: workspace.slug, plan: 'team', note: 'test', by: owner.email }));
    const { token } = await createKey(ownerCtx, ['webhooks:read', 'webhooks:write', 'usage:read']);
    await inWorkspace(ownerCtx, (tx, ctx) => scheduleWorkspaceDeletion(tx, ctx, workspace.name, meta));
    const id = crypto.randomUUID();
    const refused = await call(patchWebhook, { path: `/api/v1/webhooks/${id}`, token, params: { id }, body: JSON.stringify({ enabled: false }) });
    expect(refused.status).toBe(409);
    expect((await jsonOf(refused)).error.code).toBe('workspace_read_only');
  });

  it('can no longer be cancelled once due', async () => {
    const { workspace, ownerCtx } = await createWorkspaceWithOwner();
    const past = new Date(Date.now() - 31 * DAY);
    await inWorkspace(ownerCtx, (tx, ctx) => scheduleWorkspaceDeletion(tx, ctx, workspace.name, meta, past));
    expect(await outcome(inWorkspace(ownerCtx, (tx, ctx) => cancelWorkspaceDeletion(tx, ctx, meta)))).toBe('conflict');
  });

  it('purges when due: cancels the Stripe subscription, deletes the files and every tenant row, keeps other workspaces, and the requester’s chain still verifies', async () => {
    const { workspace, ownerCtx, owner } = await createWorkspaceWithOwner();
    const bystander = await createWorkspaceWithOwner();
    await addMember(workspace.id, 'member');
    await inWorkspace(ownerCtx, (tx) => inviteMember(tx, ownerCtx, { email: 'pending@example.test', role: 'member' }, meta));
    await withSystem('test', (tx) => enqueueEvent(tx, { name: 'platform/hello.requested', data: {}, tenantId: workspace.id }));
    const subscriptionId = `sub_purge_${crypto.randomUUID().slice(0, 8)}`;
    fake.subscriptions.set(subscriptionId, subscriptionObject({ id: subscriptionId, customer: 'cus_purge', items: [{ price: 'price_x' }], status: 'active' }));
    await withSystem('test: subscription', (tx) =>
      tx.insert(subscriptions).values({ tenantId: workspace.id, source: 'stripe', externalId: subscriptionId, planId: 'pro', status: 'active', sourceUpdatedAt: new Date() }),
    );
    await storage().put(tenantKey(workspace.id, 'uploads', 'statement.csv'), 'date,amount\n');
    await storage().put(tenantKey(bystander.workspace.id, 'uploads', 'keep.csv'), 'x');

    const requested = new Date(Date.now() - 31 * DAY);
    await inWorkspace(ownerCtx, (tx, ctx) => scheduleWorkspaceDeletion(tx, ctx, workspace.name, meta, requested));
    expect(await dueWorkspaceDeletions()).toContain(workspace.id);
    const result = await purgeWorkspace(workspace.id);
    expect(result).toMatchObject({ outcome: 'purged', objectsDeleted: 1, subscriptions: [{ source: 'stripe', externalId: subscriptionId, outcome: 'cancelled' }] });
    expect(fake.subscriptions.get(subscriptionId)!.status).toBe('canceled');

    for (const table of await tenantTables()) {
      const [row] = await systemQuery<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id = ${workspace.id}`);
      expect(row!.n, table).toBe(0);
    }
    expect(await workspaceRow(workspace.id)).toBeUndefined();
    expect(await storage().list(`${workspace.id}/`)).toEqual([]);
    expect(await storage().list(`${bystander.workspace.id}/`)).toHaveLength(1);
    expect(await workspaceRow(bystander.workspace.id)).toBeDefined();

    const chain = `u:${owner.id}`;
    const [last] = await systemQuery<{ action: string }>(sql`select action from audit_log where chain = ${chain} order by seq desc limit 1`);
    expect(last?.action).toBe('workspace.deleted');
    expect(await withSystem('audit: verify', (tx) => verifyChain(tx, chain))).toMatchObject({ ok: true });
    expect((await mailsTo(owner.email)).map((m) => m.subject)).toContain(`${workspace.name} has been deleted`);
    // Running again finds nothing to do.
    expect(await purgeWorkspace(workspace.id)).toMatchObject({ outcome: 'skipped' });
  });
});
