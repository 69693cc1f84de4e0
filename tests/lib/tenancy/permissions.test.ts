import { describe, expect, it } from 'vitest';
import type { WorkspaceRole } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';
import { changeMemberRole, leaveWorkspace, removeMember, transferOwnership } from '@/lib/tenancy/members';
import { inviteMember, revokeInvitation } from '@/lib/tenancy/invitations';
import { assertCan, can, PERMISSIONS, ROLES, type Permission } from '@/lib/tenancy/permissions';
import { changeWorkspaceSlug, updateWorkspaceGeneral } from '@/lib/tenancy/workspace-settings';
import { deleteWorkspace } from '@/lib/tenancy/delete-workspace';
import { addMember, createWorkspaceWithOwner, meta, outcome } from './support';

// The matrix as product decided it. Changing lib/tenancy/permissions.ts without changing this
// table fails the test: a permission change is a deliberate, reviewed decision.
const EXPECTED: Record<Permission, Record<WorkspaceRole, boolean>> = {
  'workspace.read': { owner: true, admin: true, member: true, viewer: true },
  'workspace.update': { owner: true, admin: true, member: false, viewer: false },
  'workspace.delete': { owner: true, admin: false, member: false, viewer: false },
  'workspace.transfer': { owner: true, admin: false, member: false, viewer: false },
  'members.read': { owner: true, admin: true, member: true, viewer: true },
  'members.invite': { owner: true, admin: true, member: false, viewer: false },
  'members.manage': { owner: true, admin: true, member: false, viewer: false },
  'members.manage_owners': { owner: true, admin: false, member: false, viewer: false },
  'members.leave': { owner: true, admin: true, member: true, viewer: true },
  'jobs.read': { owner: true, admin: true, member: true, viewer: true },
  'jobs.run': { owner: true, admin: true, member: true, viewer: false },
  'audit.read': { owner: true, admin: true, member: false, viewer: false },
};

describe('permission matrix', () => {
  it('lists exactly the permissions the table expects', () => {
    expect([...PERMISSIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const cases = PERMISSIONS.flatMap((permission) => ROLES.map((role) => [permission, role, EXPECTED[permission][role]] as const));
  it.each(cases)('%s for %s is %s', (permission, role, allowed) => {
    expect(can(role, permission)).toBe(allowed);
    if (allowed) expect(() => assertCan({ role }, permission)).not.toThrow();
    else expect(() => assertCan({ role }, permission)).toThrow(AppError);
  });
});

describe('server functions refuse roles the matrix refuses', () => {
  it('a viewer calling changeRole gets forbidden', async () => {
    const { workspace, owner } = await createWorkspaceWithOwner();
    const viewer = await addMember(workspace.id, 'viewer');
    expect(await outcome(changeMemberRole(viewer.ctx, { userId: owner.id, role: 'viewer' }, meta))).toBe('forbidden');
  });

  it('members and viewers cannot invite, remove, rename, change the slug, transfer or delete', async () => {
    const { workspace, owner } = await createWorkspaceWithOwner();
    for (const role of ['member', 'viewer'] as const) {
      const { ctx } = await addMember(workspace.id, role);
      const general = { name: 'Hijacked', timezone: 'UTC', currency: 'USD' as const };
      expect(await outcome(inviteMember(ctx, { email: 'x@example.test', role: 'member' }, meta))).toBe('forbidden');
      expect(await outcome(revokeInvitation(ctx, { invitationId: crypto.randomUUID() }, meta))).toBe('forbidden');
      expect(await outcome(removeMember(ctx, { userId: owner.id }, meta))).toBe('forbidden');
      expect(await outcome(updateWorkspaceGeneral(ctx, general, meta))).toBe('forbidden');
      expect(await outcome(changeWorkspaceSlug(ctx, 'hijacked', meta))).toBe('forbidden');
      expect(await outcome(transferOwnership(ctx, { userId: ctx.userId! }, meta))).toBe('forbidden');
      expect(await outcome(deleteWorkspace(ctx, workspace.name, meta))).toBe('forbidden');
    }
  });

  it('admins cannot delete, transfer, or touch owners', async () => {
    const { workspace, owner } = await createWorkspaceWithOwner();
    const admin = await addMember(workspace.id, 'admin');
    const member = await addMember(workspace.id, 'member');
    expect(await outcome(deleteWorkspace(admin.ctx, workspace.name, meta))).toBe('forbidden');
    expect(await outcome(transferOwnership(admin.ctx, { userId: member.user.id }, meta))).toBe('forbidden');
    expect(await outcome(changeMemberRole(admin.ctx, { userId: owner.id, role: 'admin' }, meta))).toBe('forbidden');
    expect(await outcome(changeMemberRole(admin.ctx, { userId: member.user.id, role: 'owner' }, meta))).toBe('forbidden');
    expect(await outcome(removeMember(admin.ctx, { userId: owner.id }, meta))).toBe('forbidden');
    expect(await outcome(inviteMember(admin.ctx, { email: 'boss@example.test', role: 'owner' }, meta))).toBe('forbidden');
    // …but manage everyone below owner.
    expect(await outcome(changeMemberRole(admin.ctx, { userId: member.user.id, role: 'viewer' }, meta))).toBe('ok');
    expect(await outcome(removeMember(admin.ctx, { userId: member.user.id }, meta))).toBe('ok');
  });

  it('the role is re-read inside the transaction: a demoted admin is refused', async () => {
    const { workspace, ownerCtx } = await createWorkspaceWithOwner();
    const admin = await addMember(workspace.id, 'admin');
    const member = await addMember(workspace.id, 'member');
    await changeMemberRole(ownerCtx, { userId: admin.user.id, role: 'viewer' }, meta);
    // admin.ctx still says 'admin' (read at page load); the locked rows say 'viewer'.
    expect(await outcome(changeMemberRole(admin.ctx, { userId: member.user.id, role: 'viewer' }, meta))).toBe('forbidden');
  });

  it('anyone but the last owner may leave', async () => {
    const { workspace } = await createWorkspaceWithOwner();
    const viewer = await addMember(workspace.id, 'viewer');
    expect(await outcome(leaveWorkspace(viewer.ctx, meta))).toBe('ok');
  });
});
