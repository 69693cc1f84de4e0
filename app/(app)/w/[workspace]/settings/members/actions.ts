'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { workspaceAction } from '@/lib/actions/workspace-action';
import { inviteMember, resendInvitation, revokeInvitation } from '@/lib/tenancy/invitations';
import { changeMemberRole, leaveWorkspace, removeMember, transferOwnership } from '@/lib/tenancy/members';
import { ROLES, type WorkspaceRole } from '@/lib/tenancy/permissions';

const role = z.enum(ROLES as [WorkspaceRole, ...WorkspaceRole[]], 'Choose a role.');
const member = z.object({ userId: z.uuid('Choose a member.') });
const invitation = z.object({ invitationId: z.uuid() });

const membersPath = (slug: string) => `/w/${slug}/settings/members`;

export const inviteMemberAction = workspaceAction(
  {
    input: z.object({ email: z.email('Enter a valid email address.').max(320), role }),
    permission: 'members.invite',
    verifiedEmail: 'invite',
    feature: 'members.invite',
  },
  async ({ input, tx, access, meta }) => {
    // The email is queued in this transaction; the wrapper starts its delivery after the response.
    const created = await inviteMember(tx, access.ctx, input, meta);
    revalidatePath(membersPath(access.workspace.slug));
    return { email: created.to };
  },
);

export const resendInvitationAction = workspaceAction(
  { input: invitation, permission: 'members.invite', verifiedEmail: 'invite', feature: 'members.invite' },
  async ({ input, tx, access, meta }) => {
    await resendInvitation(tx, access.ctx, input, meta);
    revalidatePath(membersPath(access.workspace.slug));
    return null;
  },
);

export const revokeInvitationAction = workspaceAction({ input: invitation, permission: 'members.invite' }, async ({ input, tx, access, meta }) => {
  await revokeInvitation(tx, access.ctx, input, meta);
  revalidatePath(membersPath(access.workspace.slug));
  return null;
});

export const changeRoleAction = workspaceAction(
  { input: member.extend({ role }), permission: 'members.manage' },
  async ({ input, tx, access, meta }) => {
    await changeMemberRole(tx, access.ctx, input, meta);
    revalidatePath(membersPath(access.workspace.slug));
    return null;
  },
);

export const removeMemberAction = workspaceAction({ input: member, permission: 'members.manage' }, async ({ input, tx, access, meta }) => {
  await removeMember(tx, access.ctx, input, meta);
  revalidatePath(membersPath(access.workspace.slug));
  return null;
});

export const transferOwnershipAction = workspaceAction({ input: member, permission: 'workspace.transfer' }, async ({ input, tx, access, meta }) => {
  await transferOwnership(tx, access.ctx, input, meta);
  revalidatePath(membersPath(access.workspace.slug));
  return null;
});

export const leaveWorkspaceAction = workspaceAction({ input: z.object({}), permission: 'members.leave', whileDeletionScheduled: 'allowed' }, async ({ tx, access, meta }) => {
  await leaveWorkspace(tx, access.ctx, meta);
  revalidatePath('/w', 'layout');
  redirect('/w');
});
