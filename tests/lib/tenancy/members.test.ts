import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { changeMemberRole, leaveWorkspace, listMembers, removeMember, transferOwnership } from '@/lib/tenancy/members';
import { withTenant } from '@/db/tenant';
import { addMember, createWorkspaceWithOwner, inWorkspace, meta, outcome, rolesOf } from './support';

async function actions(tenantId: string): Promise<string[]> {
  const rows = await withSystem('test: test read', (tx) =>
    tx.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.tenantId, tenantId)).orderBy(auditLog.seq),
  );
  return rows.map((r) => r.action);
}

describe('last owner rules', () => {
  it('the last owner cannot leave, be removed or be demoted', async () => {
    const { workspace, owner, ownerCtx } = await createWorkspaceWithOwner();
    expect(await outcome(inWorkspace(ownerCtx, (tx) => leaveWorkspace(tx, ownerCtx, meta)))).toBe('forbidden');
    expect(await outcome(inWorkspace(ownerCtx, (tx) => changeMemberRole(tx, ownerCtx, { userId: owner.id, role: 'admin' }, meta)))).toBe('forbidden');
    // Removing yourself is "leave", and a second owner can't remove the last one… because then
    // there would be two; so check removal with two owners where one removes the other.
    const second = await addMember(workspace.id, 'owner');
    expect(await outcome(inWorkspace(second.ctx, (tx) => removeMember(tx, second.ctx, { userId: owner.id }, meta)))).toBe('ok');
    expect(await outcome(inWorkspace(second.ctx, (tx) => leaveWorkspace(tx, second.ctx, meta)))).toBe('forbidden');
    expect(await outcome(inWorkspace(second.ctx, (tx) => changeMemberRole(tx, second.ctx, { userId: second.user.id, role: 'member' }, meta)))).toBe('forbidden');
    expect(Object.values(await rolesOf(workspace.id))).toEqual(['owner']);
  });

  it('with two owners one may step down, and then the other is the last', async () => {
    const { workspace, owner, ownerCtx } = await createWorkspaceWithOwner();
    const second = await addMember(workspace.id, 'owner');
    expect(await outcome(inWorkspace(ownerCtx, (tx) => changeMemberRole(tx, ownerCtx, { userId: owner.id, role: 'admin' }, meta)))).toBe('ok');
    expect(await outcome(inWorkspace(second.ctx, (tx) => changeMemberRole(tx, second.ctx, { userId: second.user.id, role: 'admin' }, meta)))).toBe('forbidden');
  });

  it('two owners demoting each other at once leave one owner', async () => {
    const { workspace, owner, ownerCtx } = await createWorkspaceWithOwner();
    const second = await addMember(workspace.id, 'owner');
    const results = await Promise.allSettled([
      inWorkspace(ownerCtx, (tx) => changeMemberRole(tx, ownerCtx, { userId: second.user.id, role: 'admin' }, meta)),
      inWorkspace(second.ctx, (tx) => changeMemberRole(tx, second.ctx, { userId: owner.id, role: 'admin' }, meta)),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(Object.values(await rolesOf(workspace.id)).filter((r) => r === 'owner')).toHaveLength(1);
  });
});

describe('role changes and removal', () => {
  it('records who changed what', async () => {
    const { workspace, ownerCtx } = await createWorkspaceWithOwner();
    const member = await addMember(workspace.id, 'member');
    await inWorkspace(ownerCtx, (tx) => changeMemberRole(tx, ownerCtx, { userId: member.user.id, role: 'admin' }, meta));
    await inWorkspace(ownerCtx, (tx) => removeMember(tx, ownerCtx, { userId: member.user.id }, meta));
    expect(await actions(workspace.id)).toEqual(['workspace.created', 'member.role_changed', 'member.removed']);
    expect(await rolesOf(workspace.id)).not.toHaveProperty(member.user.id);
  });

  it('refuses a target who is not a member', async () => {
    const { ownerCtx } = await createWorkspaceWithOwner();
    expect(await outcome(inWorkspace(ownerCtx, (tx) => changeMemberRole(tx, ownerCtx, { userId: crypto.randomUUID(), role: 'admin' }, meta)))).toBe('not_found');
  });

  it('lists members owners first with their email', async () => {
    const { workspace, owner, ownerCtx } = await createWorkspaceWithOwner();
    const viewer = await addMember(workspace.id, 'viewer');
    const admin = await addMember(workspace.id, 'admin');
    const list = await withTenant(ownerCtx, (tx) => listMembers(tx));
    expect(list.map((m) => m.userId)).toEqual([owner.id, admin.user.id, viewer.user.id]);
    expect(list[0]!.email).toBe(owner.email);
  });
});

describe('ownership transfer', () => {
  it('makes the target owner and the previous owner admin', async () => {
    const { workspace, owner, ownerCtx } = await createWorkspaceWithOwner();
    const member = await addMember(workspace.id, 'member');
    await inWorkspace(ownerCtx, (tx) => transferOwnership(tx, ownerCtx, { userId: member.user.id }, meta));
    expect(await rolesOf(workspace.id)).toEqual({ [owner.id]: 'admin', [member.user.id]: 'owner' });
    expect(await actions(workspace.id)).toContain('workspace.ownership_transferred');
  });

  it('refuses self, non-members and existing owners', async () => {
    const { workspace, owner, ownerCtx } = await createWorkspaceWithOwner();
    const other = await addMember(workspace.id, 'owner');
    expect(await outcome(inWorkspace(ownerCtx, (tx) => transferOwnership(tx, ownerCtx, { userId: owner.id }, meta)))).toBe('bad_request');
    expect(await outcome(inWorkspace(ownerCtx, (tx) => transferOwnership(tx, ownerCtx, { userId: crypto.randomUUID() }, meta)))).toBe('not_found');
    expect(await outcome(inWorkspace(ownerCtx, (tx) => transferOwnership(tx, ownerCtx, { userId: other.user.id }, meta)))).toBe('conflict');
  });
});

describe('…OrThrow getters', () => {
  it('a missing row is not_found, seen through the tenant', async () => {
    const { getMemberOrThrow } = await import('@/lib/tenancy/members');
    const { getOpenInvitationOrThrow } = await import('@/lib/tenancy/invitations');
    const { getWorkspaceOrThrow } = await import('@/lib/tenancy/workspaces');
    const { workspace, owner, ownerCtx } = await createWorkspaceWithOwner();
    const other = await createWorkspaceWithOwner();
    expect((await inWorkspace(ownerCtx, (tx) => getMemberOrThrow(tx, owner.id))).role).toBe('owner');
    expect((await inWorkspace(ownerCtx, (tx) => getWorkspaceOrThrow(tx, workspace.id))).slug).toBe(workspace.slug);
    // Another tenant's rows don't exist from here.
    expect(await outcome(inWorkspace(ownerCtx, (tx) => getMemberOrThrow(tx, other.owner.id)))).toBe('not_found');
    expect(await outcome(inWorkspace(ownerCtx, (tx) => getWorkspaceOrThrow(tx, other.workspace.id)))).toBe('not_found');
    expect(await outcome(inWorkspace(ownerCtx, (tx) => getOpenInvitationOrThrow(tx, crypto.randomUUID())))).toBe('not_found');
  });
});
