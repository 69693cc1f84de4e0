import { describe, expect, it, vi } from 'vitest';
import type { WorkspaceRole } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';
import type { SessionUser } from '@/lib/tenancy/session';
import { assertCan, can, PERMISSIONS, ROLES, type Permission } from '@/lib/tenancy/permissions';
import { asSessionUser, form, submit } from '../actions/support';
import { addMember, createWorkspaceWithOwner, inWorkspace, meta, outcome, rolesOf } from './support';

// The server refuses through the actions themselves: each names its permission once, in the
// wrapper, and lib functions no longer repeat it.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/tenancy/session', async () => (await import('../actions/support')).sessionModule(session));
vi.mock('next/headers', async () => (await import('../actions/support')).headersModule());
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const settings = await import('@/app/(app)/w/[workspace]/settings/actions');
const members = await import('@/app/(app)/w/[workspace]/settings/members/actions');
const { changeMemberRole, removeMember } = await import('@/lib/tenancy/members');
const { inviteMember } = await import('@/lib/tenancy/invitations');

// The matrix as product decided it. Changing lib/tenancy/permissions.ts without changing this
// table fails the test: a permission change is a deliberate, reviewed decision.
const EXPECTED: Record<Permission, Record<WorkspaceRole, boolean>> = {
  'workspace.read': { owner: true, admin: true, member: true, viewer: true },
  'workspace.update': { owner: true, admin: true, member: false, viewer: false },
  'workspace.delete': { owner: true, admin: false, member: false, viewer: false },
  'workspace.transfer': { owner: true, admin: false, member: false, viewer: false },
  'security.manage': { owner: true, admin: false, member: false, viewer: false },
  'members.read': { owner: true, admin: true, member: true, viewer: true },
  'members.invite': { owner: true, admin: true, member: false, viewer: false },
  'members.manage': { owner: true, admin: true, member: false, viewer: false },
  'members.manage_owners': { owner: true, admin: false, member: false, viewer: false },
  'members.leave': { owner: true, admin: true, member: true, viewer: true },
  'jobs.read': { owner: true, admin: true, member: true, viewer: true },
  'jobs.run': { owner: true, admin: true, member: true, viewer: false },
  'audit.read': { owner: true, admin: true, member: false, viewer: false },
  'billing.manage': { owner: true, admin: true, member: false, viewer: false },
  'usage.read': { owner: true, admin: true, member: true, viewer: true },
  'products.write': { owner: true, admin: true, member: true, viewer: false },
  'api_keys.manage': { owner: true, admin: true, member: false, viewer: false },
  'webhooks.manage': { owner: true, admin: true, member: false, viewer: false },
  'privacy.export': { owner: true, admin: false, member: false, viewer: false },
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

describe('workspace actions refuse roles the matrix refuses', () => {
  type Action = (state: null, formData: FormData) => Promise<unknown>;
  async function codeOf(user: { id: string; email: string; name: string | null }, action: Action, fields: Record<string, string>) {
    session.user = asSessionUser(user);
    const answer = await submit(action, form(fields));
    if ('result' in answer) {
      const result = answer.result as { ok: boolean; error?: { code: string } };
      return result.ok ? 'ok' : result.error!.code;
    }
    return 'redirect' in answer ? 'redirect' : 'not_found';
  }

  it('a viewer changing a role gets forbidden, and nothing changes', async () => {
    const { workspace, owner } = await createWorkspaceWithOwner();
    const viewer = await addMember(workspace.id, 'viewer');
    const before = await rolesOf(workspace.id);
    expect(await codeOf(viewer.user, members.changeRoleAction, { workspace: workspace.slug, userId: owner.id, role: 'viewer' })).toBe('forbidden');
    expect(await rolesOf(workspace.id)).toEqual(before);
  });

  it('members and viewers cannot invite, revoke, remove, rename, change the slug, transfer or delete', async () => {
    const { workspace, owner } = await createWorkspaceWithOwner();
    for (const role of ['member', 'viewer'] as const) {
      const { user } = await addMember(workspace.id, role);
      const w = { workspace: workspace.slug };
      const calls: Array<[Action, Record<string, string>]> = [
        [members.inviteMemberAction, { ...w, email: 'x@example.test', role: 'member' }],
        [members.revokeInvitationAction, { ...w, invitationId: crypto.randomUUID() }],
        [members.removeMemberAction, { ...w, userId: owner.id }],
        [members.changeRoleAction, { ...w, userId: owner.id, role: 'viewer' }],
        [members.transferOwnershipAction, { ...w, userId: user.id }],
        [settings.updateGeneralAction, { ...w, name: 'Hijacked', timezone: 'UTC', currency: 'USD' }],
        [settings.changeSlugAction, { ...w, slug: 'hijacked' }],
        [settings.scheduleDeletionAction, { ...w, confirmation: workspace.name }],
      ];
      for (const [action, fields] of calls) expect(await codeOf(user, action, fields), `${role}: ${action.name}`).toBe('forbidden');
    }
    expect(await codeOf(owner, settings.changeSlugAction, { workspace: workspace.slug, slug: workspace.slug })).toBe('ok');
  });

  it('admins cannot delete or transfer; member rules keep them off owners', async () => {
    const { workspace, owner } = await createWorkspaceWithOwner();
    const admin = await addMember(workspace.id, 'admin');
    const member = await addMember(workspace.id, 'member');
    const w = { workspace: workspace.slug };
    expect(await codeOf(admin.user, settings.scheduleDeletionAction, { ...w, confirmation: workspace.name })).toBe('forbidden');
    expect(await codeOf(admin.user, members.transferOwnershipAction, { ...w, userId: member.user.id })).toBe('forbidden');
    // Rules that depend on the target live in lib/tenancy/member-rules, checked in the transaction.
    expect(await outcome(inWorkspace(admin.ctx, (tx, ctx) => changeMemberRole(tx, ctx, { userId: owner.id, role: 'admin' }, meta)))).toBe('forbidden');
    expect(await outcome(inWorkspace(admin.ctx, (tx, ctx) => changeMemberRole(tx, ctx, { userId: member.user.id, role: 'owner' }, meta)))).toBe('forbidden');
    expect(await outcome(inWorkspace(admin.ctx, (tx, ctx) => removeMember(tx, ctx, { userId: owner.id }, meta)))).toBe('forbidden');
    expect(await outcome(inWorkspace(admin.ctx, (tx, ctx) => inviteMember(tx, ctx, { email: 'boss@example.test', role: 'owner' }, meta)))).toBe('forbidden');
    // …but manage everyone below owner.
    expect(await codeOf(admin.user, members.changeRoleAction, { ...w, userId: member.user.id, role: 'viewer' })).toBe('ok');
    expect(await codeOf(admin.user, members.removeMemberAction, { ...w, userId: member.user.id })).toBe('ok');
  });

  it('the role is re-read inside the transaction: a demoted admin is refused', async () => {
    const { workspace, ownerCtx } = await createWorkspaceWithOwner();
    const admin = await addMember(workspace.id, 'admin');
    const member = await addMember(workspace.id, 'member');
    await inWorkspace(ownerCtx, (tx, ctx) => changeMemberRole(tx, ctx, { userId: admin.user.id, role: 'viewer' }, meta));
    // admin.ctx still says 'admin' (read at page load); the locked rows say 'viewer'.
    expect(await outcome(inWorkspace(admin.ctx, (tx, ctx) => changeMemberRole(tx, ctx, { userId: member.user.id, role: 'viewer' }, meta)))).toBe('forbidden');
  });

  it('anyone but the last owner may leave', async () => {
    const { workspace } = await createWorkspaceWithOwner();
    const viewer = await addMember(workspace.id, 'viewer');
    expect(await codeOf(viewer.user, members.leaveWorkspaceAction, { workspace: workspace.slug })).toBe('redirect');
    expect(await rolesOf(workspace.id)).not.toHaveProperty(viewer.user.id);
  });

  it('a non-member gets the 404 of a workspace that does not exist', async () => {
    const { workspace } = await createWorkspaceWithOwner();
    const stranger = await createWorkspaceWithOwner();
    expect(await codeOf(stranger.owner, settings.updateGeneralAction, { workspace: workspace.slug, name: 'Mine', timezone: 'UTC', currency: 'USD' })).toBe(
      'not_found',
    );
  });
});
