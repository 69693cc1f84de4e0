import { describe, expect, it, vi } from 'vitest';
import { withTenant } from '@/db/tenant';
import { authenticateApiKey } from '@/lib/api-keys/authenticate';
import { listApiKeys } from '@/lib/api-keys/keys';
import type { SessionUser } from '@/lib/tenancy/session';
import { asSessionUser, form, submit } from '../actions/support';
import { freeWorkspace } from '../billing/support';
import { addMember, auditActions, createWorkspaceWithOwner, putOnPlan } from './support';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/tenancy/session', async () => (await import('../actions/support')).sessionModule(session));
vi.mock('next/headers', async () => (await import('../actions/support')).headersModule());
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { createApiKeyAction, rotateApiKeyAction, revokeApiKeyAction } = await import('@/app/(app)/w/[workspace]/settings/api-keys/actions');

type Issued = { ok: true; data: { token: string; name: string; prefix: string } };

describe('API key settings actions', () => {
  it('an owner creates, rotates and revokes a key, seeing each secret once', async () => {
    const { owner, workspace, ownerCtx } = await createWorkspaceWithOwner();
    session.user = asSessionUser(owner);
    const created = await submit(createApiKeyAction, form({ workspace: workspace.slug, name: ' Nightly export ', scopes: ['journal:read', 'usage:read'], expiry: '90' }));
    const first = (created.result as Issued).data;
    expect(first).toMatchObject({ name: 'Nightly export', prefix: first.token.slice(0, 12) });
    expect(JSON.stringify(created.result)).not.toMatch(/[0-9a-f]{64}/);

    const [key] = await withTenant(ownerCtx, (tx) => listApiKeys(tx));
    expect(key).toMatchObject({ scopes: ['journal:read', 'usage:read'], status: 'active' });
    const days = (key!.expiresAt!.getTime() - key!.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(90, 3);

    const rotated = await submit(rotateApiKeyAction, form({ workspace: workspace.slug, keyId: key!.id }));
    const second = (rotated.result as Issued).data;
    expect(second.token).not.toBe(first.token);
    expect(await authenticateApiKey(first.token, { ip: null })).not.toBeNull();

    const list = await withTenant(ownerCtx, (tx) => listApiKeys(tx));
    const successor = list.find((k) => k.prefix === second.prefix)!;
    expect(await submit(revokeApiKeyAction, form({ workspace: workspace.slug, keyId: successor.id }))).toEqual({ result: { ok: true, data: null } });
    expect(await authenticateApiKey(second.token, { ip: null })).toBeNull();
    expect((await auditActions(workspace.id)).map((a) => a.action)).toEqual(['api_key.created', 'api_key.rotated', 'api_key.revoked']);
  });

  it('rotating with "revoke the old key now" stops the old key at once', async () => {
    const { owner, workspace, ownerCtx } = await createWorkspaceWithOwner();
    session.user = asSessionUser(owner);
    const created = await submit(createApiKeyAction, form({ workspace: workspace.slug, name: 'Leaked', scopes: 'money:read', expiry: 'never' }));
    const [key] = await withTenant(ownerCtx, (tx) => listApiKeys(tx));
    await submit(rotateApiKeyAction, form({ workspace: workspace.slug, keyId: key!.id, revokeOld: 'on' }));
    expect(await authenticateApiKey((created.result as Issued).data.token, { ip: null })).toBeNull();
  });

  it('answers bad input with field errors and changes nothing', async () => {
    const { owner, workspace, ownerCtx } = await createWorkspaceWithOwner();
    session.user = asSessionUser(owner);
    const empty = await submit(createApiKeyAction, form({ workspace: workspace.slug, name: '', expiry: 'never' }));
    expect(empty.result).toMatchObject({ ok: false, error: { code: 'validation_failed' }, fieldErrors: { name: [expect.any(String)], scopes: ['Choose at least one scope.'] } });
    const unknownScope = await submit(createApiKeyAction, form({ workspace: workspace.slug, name: 'x', scopes: 'admin:everything' }));
    expect(unknownScope.result).toMatchObject({ ok: false, fieldErrors: { scopes: [expect.any(String)] } });
    const past = await submit(createApiKeyAction, form({ workspace: workspace.slug, name: 'x', scopes: 'bots:read', expiry: 'custom', expiresOn: '2020-01-01' }));
    expect(past.result).toMatchObject({ ok: false, fieldErrors: { expiresOn: ['Pick a date from today on.'] } });
    const noDate = await submit(createApiKeyAction, form({ workspace: workspace.slug, name: 'x', scopes: 'bots:read', expiry: 'custom' }));
    expect(noDate.result).toMatchObject({ ok: false, fieldErrors: { expiresOn: [expect.any(String)] } });
    // Write scopes on the Pro trial: under the scopes field, naming the plan.
    const write = await submit(createApiKeyAction, form({ workspace: workspace.slug, name: 'x', scopes: ['bots:read', 'bots:write'] }));
    expect(write.result).toMatchObject({ ok: false, error: { code: 'payment_required' }, fieldErrors: { scopes: [expect.stringContaining('Team plan')] } });
    expect(await withTenant(ownerCtx, (tx) => listApiKeys(tx))).toEqual([]);
  });

  it('a custom expiry date keeps the key working through that day (UTC)', async () => {
    const { owner, workspace, ownerCtx } = await createWorkspaceWithOwner();
    await putOnPlan(workspace.id, 'team');
    session.user = asSessionUser(owner);
    const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await submit(createApiKeyAction, form({ workspace: workspace.slug, name: 'Dated', scopes: ['bots:read', 'bots:write'], expiry: 'custom', expiresOn: day }));
    const [key] = await withTenant(ownerCtx, (tx) => listApiKeys(tx));
    expect(key!.expiresAt!.toISOString()).toBe(new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString());
  });

  it('refuses members, and workspaces without the API on their plan', async () => {
    const { workspace } = await createWorkspaceWithOwner();
    const member = await addMember(workspace.id, 'member');
    session.user = asSessionUser(member.user);
    expect(await submit(createApiKeyAction, form({ workspace: workspace.slug, name: 'x', scopes: 'bots:read' }))).toMatchObject({ result: { ok: false, error: { code: 'forbidden' } } });

    const free = await freeWorkspace();
    session.user = asSessionUser(free.user);
    expect(await submit(createApiKeyAction, form({ workspace: free.workspace.slug, name: 'x', scopes: 'bots:read' }))).toMatchObject({
      result: { ok: false, error: { code: 'payment_required', message: expect.stringContaining('Pro plan') } },
    });
  });
});
