import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { memberships } from '@/db/schema';
import { withSystem, withTenant } from '@/db/tenant';
import { authenticateApiKey } from '@/lib/api-keys/authenticate';
import { listApiKeys, MAX_ACTIVE_KEYS, revokeApiKey, rotateApiKey } from '@/lib/api-keys/keys';
import { settleKeyUsageWrites } from '@/lib/api-keys/last-used';
import { scopeAllows } from '@/lib/api-keys/scope-permissions';
import { hashApiKey } from '@/lib/api-keys/token';
import { changeMemberRole, leaveWorkspace, removeMember } from '@/lib/tenancy/members';
import { freeWorkspace } from '../billing/support';
import { addMember, auditActions, createKey, createWorkspaceWithOwner, ctxFor, HOUR, keyRow, meta, outcome, putOnPlan } from './support';

const ip = { ip: '203.0.113.7' };

describe('creating a key', () => {
  it('returns the key once and stores only its hash and visible prefix', async () => {
    const { workspace, ownerCtx } = await createWorkspaceWithOwner();
    const { key, token } = await createKey(ownerCtx, ['journal:read', 'usage:read']);
    const row = await keyRow(key.id);
    expect(row.hash).toBe(hashApiKey(token));
    expect(row.prefix).toBe(token.slice(0, 12));
    const secret = token.slice(4);
    for (const value of Object.values(row)) expect(JSON.stringify(value ?? null)).not.toContain(secret.slice(8));
    const listed = await withTenant(ownerCtx, (tx) => listApiKeys(tx));
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(row.hash);
    expect(listed[0]).toMatchObject({ name: 'CI', prefix: row.prefix, scopes: ['journal:read', 'usage:read'], status: 'active' });
    expect((await auditActions(workspace.id)).map((a) => a.action)).toEqual(['api_key.created']);
  });

  it('is refused without the API on the plan, and write scopes need api.write', async () => {
    const free = await freeWorkspace();
    expect(await outcome(createKey(free.ctx, ['journal:read']))).toBe('payment_required');
    await expect(createKey(free.ctx, ['journal:read'])).rejects.toMatchObject({ message: expect.stringContaining('Pro plan'), details: { feature: 'api.read' } });

    // A new workspace is on the Pro trial: read keys yes, write keys only from Team.
    const { workspace, ownerCtx } = await createWorkspaceWithOwner();
    await expect(createKey(ownerCtx, ['journal:read', 'journal:write'])).rejects.toMatchObject({
      code: 'payment_required',
      details: { feature: 'api.write', field: 'scopes' },
    });
    expect(await withTenant(ownerCtx, (tx) => listApiKeys(tx))).toHaveLength(0);
    await putOnPlan(workspace.id, 'team');
    expect(await outcome(createKey(ownerCtx, ['journal:write']))).toBe('ok');
  });

  it('cannot give a key more than the creator holds, and stops at the cap', async () => {
    const { workspace, ownerCtx } = await createWorkspaceWithOwner();
    await putOnPlan(workspace.id, 'team');
    // A member can't manage keys at all (the wrapper refuses), and the lib refuses scopes beyond the role.
    const viewer = ctxFor(workspace.id, ownerCtx.userId!, 'viewer');
    await expect(createKey(viewer, ['journal:write'])).rejects.toMatchObject({ code: 'forbidden', details: { field: 'scopes' } });
    for (let i = 0; i < MAX_ACTIVE_KEYS; i++) await createKey(ownerCtx, ['journal:read'], { name: `k${i}` });
    await expect(createKey(ownerCtx, ['journal:read'])).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('authenticating', () => {
  it('accepts a valid key and refuses unknown and malformed ones alike', async () => {
    const { workspace, owner, ownerCtx } = await createWorkspaceWithOwner();
    const { key, token } = await createKey(ownerCtx, ['journal:read', 'audit:read']);
    const principal = await authenticateApiKey(token, ip);
    expect(principal).toEqual({
      keyId: key.id,
      prefix: key.prefix,
      tenantId: workspace.id,
      workspaceSlug: workspace.slug,
      creatorUserId: owner.id,
      creatorRole: 'owner',
      scopes: ['journal:read', 'audit:read'],
    });
    const wrongLast = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(await authenticateApiKey(wrongLast, ip)).toBeNull();
    expect(await authenticateApiKey('tsr_short', ip)).toBeNull();
    expect(await authenticateApiKey(`Bearer ${token}`, ip)).toBeNull();
    expect(await authenticateApiKey('', ip)).toBeNull();
  });

  it('refuses a revoked key at once, and an expired one', async () => {
    const { ownerCtx } = await createWorkspaceWithOwner();
    const now = new Date();
    const revoked = await createKey(ownerCtx);
    expect(await authenticateApiKey(revoked.token, ip)).not.toBeNull();
    expect(await withTenant(ownerCtx, (tx) => revokeApiKey(tx, ownerCtx, { keyId: revoked.key.id }, meta))).toEqual({ revoked: true });
    expect(await authenticateApiKey(revoked.token, ip)).toBeNull();
    expect(await withTenant(ownerCtx, (tx) => revokeApiKey(tx, ownerCtx, { keyId: revoked.key.id }, meta))).toEqual({ revoked: false });

    const expiring = await createKey(ownerCtx, ['journal:read'], { expiresAt: new Date(now.getTime() + HOUR) });
    expect(await authenticateApiKey(expiring.token, { ip: null, now: new Date(now.getTime() + HOUR - 1000) })).not.toBeNull();
    expect(await authenticateApiKey(expiring.token, { ip: null, now: new Date(now.getTime() + HOUR) })).toBeNull();
    const list = await withTenant(ownerCtx, (tx) => listApiKeys(tx, new Date(now.getTime() + 2 * HOUR)));
    expect(list.map((k) => k.status).sort()).toEqual(['expired', 'revoked']);
  });

  it('keeps a rotated key working for 24 hours, not after; "revoke now" stops it at once', async () => {
    const { workspace, ownerCtx } = await createWorkspaceWithOwner();
    const now = new Date();
    const old = await createKey(ownerCtx, ['money:read'], { name: 'Zapier' });
    const rotated = await withTenant(ownerCtx, (tx) => rotateApiKey(tx, ownerCtx, { keyId: old.key.id, revokeOld: false }, meta, now));
    expect(rotated.token).not.toBe(old.token);
    expect(rotated.key).toMatchObject({ name: 'Zapier', scopes: ['money:read'], status: 'active' });
    expect(await authenticateApiKey(rotated.token, { ip: null, now })).not.toBeNull();
    expect(await authenticateApiKey(old.token, { ip: null, now: new Date(now.getTime() + 24 * HOUR - 1000) })).not.toBeNull();
    expect(await authenticateApiKey(old.token, { ip: null, now: new Date(now.getTime() + 24 * HOUR) })).toBeNull();
    const oldRow = await keyRow(old.key.id);
    expect(oldRow).toMatchObject({ rotatedTo: rotated.key.id, revokedAt: null });
    expect(oldRow.graceUntil!.getTime()).toBe(now.getTime() + 24 * HOUR);
    // A rotating key can't be rotated again (its successor can).
    expect(await outcome(withTenant(ownerCtx, (tx) => rotateApiKey(tx, ownerCtx, { keyId: old.key.id, revokeOld: false }, meta)))).toBe('conflict');

    const again = await withTenant(ownerCtx, (tx) => rotateApiKey(tx, ownerCtx, { keyId: rotated.key.id, revokeOld: true }, meta));
    expect(await authenticateApiKey(rotated.token, ip)).toBeNull();
    expect(await authenticateApiKey(again.token, ip)).not.toBeNull();
    expect((await auditActions(workspace.id)).map((a) => a.action)).toEqual(['api_key.created', 'api_key.rotated', 'api_key.rotated']);
  });

  it('kills the keys of a creator who leaves or is removed, and revokes them', async () => {
    const { workspace, ownerCtx } = await createWorkspaceWithOwner();
    const leaver = await addMember(workspace.id, 'admin');
    const removed = await addMember(workspace.id, 'admin');
    const leaverKey = await createKey(leaver.ctx);
    const removedKey = await createKey(removed.ctx);
    const ownerKey = await createKey(ownerCtx);
    await withTenant(leaver.ctx, (tx) => leaveWorkspace(tx, leaver.ctx, meta));
    await withTenant(ownerCtx, (tx) => removeMember(tx, ownerCtx, { userId: removed.user.id }, meta));
    expect(await authenticateApiKey(leaverKey.token, ip)).toBeNull();
    expect(await authenticateApiKey(removedKey.token, ip)).toBeNull();
    expect(await authenticateApiKey(ownerKey.token, ip)).not.toBeNull();
    expect((await keyRow(leaverKey.key.id)).revokedAt).not.toBeNull();
    expect((await keyRow(removedKey.key.id)).revokedAt).not.toBeNull();
    const revocations = (await auditActions(workspace.id)).filter((a) => a.action === 'api_key.revoked');
    expect(revocations.map((a) => [a.targetId, a.metadata.reason])).toEqual([
      [leaverKey.key.id, 'creator_left'],
      [removedKey.key.id, 'creator_removed'],
    ]);
  });

  it('is dead even when the membership goes without the member commands (account deletion)', async () => {
    const { workspace } = await createWorkspaceWithOwner();
    const member = await addMember(workspace.id, 'admin');
    const { token } = await createKey(member.ctx);
    await withSystem('test: drop membership', (tx) => tx.delete(memberships).where(eq(memberships.userId, member.user.id)));
    expect(await authenticateApiKey(token, ip)).toBeNull();
  });

  it('narrows to the creator’s current role: demoted to viewer, write scopes stop', async () => {
    const { workspace, ownerCtx } = await createWorkspaceWithOwner();
    await putOnPlan(workspace.id, 'team');
    const admin = await addMember(workspace.id, 'admin');
    const { token } = await createKey(admin.ctx, ['journal:read', 'journal:write', 'audit:read']);
    let principal = (await authenticateApiKey(token, ip))!;
    expect(['journal:read', 'journal:write', 'audit:read'].map((s) => scopeAllows(principal, s as never))).toEqual([true, true, true]);
    expect(scopeAllows(principal, 'money:read')).toBe(false);
    await withTenant(ownerCtx, (tx) => changeMemberRole(tx, ownerCtx, { userId: admin.user.id, role: 'member' }, meta));
    principal = (await authenticateApiKey(token, ip))!;
    expect([scopeAllows(principal, 'journal:write'), scopeAllows(principal, 'audit:read')]).toEqual([true, false]);
    await withTenant(ownerCtx, (tx) => changeMemberRole(tx, ownerCtx, { userId: admin.user.id, role: 'viewer' }, meta));
    principal = (await authenticateApiKey(token, ip))!;
    expect(principal.creatorRole).toBe('viewer');
    expect([scopeAllows(principal, 'journal:read'), scopeAllows(principal, 'journal:write')]).toEqual([true, false]);
  });
});

describe('last use', () => {
  it('is written at most once a minute per key, with the caller’s IP', async () => {
    const { ownerCtx } = await createWorkspaceWithOwner();
    const { key, token } = await createKey(ownerCtx);
    const t0 = new Date(Date.now() + 1000);
    await authenticateApiKey(token, { ip: '198.51.100.1', now: t0 });
    await settleKeyUsageWrites();
    expect(await keyRow(key.id)).toMatchObject({ lastUsedAt: t0, lastUsedIp: '198.51.100.1' });
    await authenticateApiKey(token, { ip: '198.51.100.2', now: new Date(t0.getTime() + 30_000) });
    await authenticateApiKey(token, { ip: '198.51.100.3', now: new Date(t0.getTime() + 59_000) });
    await settleKeyUsageWrites();
    expect(await keyRow(key.id)).toMatchObject({ lastUsedAt: t0, lastUsedIp: '198.51.100.1' });
    const t1 = new Date(t0.getTime() + 61_000);
    await authenticateApiKey(token, { ip: '198.51.100.4', now: t1 });
    await settleKeyUsageWrites();
    expect(await keyRow(key.id)).toMatchObject({ lastUsedAt: t1, lastUsedIp: '198.51.100.4' });
    const listed = await withTenant(ownerCtx, (tx) => listApiKeys(tx));
    expect(listed[0]).toMatchObject({ lastUsedAt: t1, lastUsedIp: '198.51.100.4' });
  });
});
