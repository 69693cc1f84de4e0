import type { Metadata } from 'next';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { InviteMemberForm } from '@/components/workspace/invite-member-form';
import { LeaveWorkspaceForm } from '@/components/workspace/leave-workspace-form';
import { MemberList } from '@/components/workspace/member-list';
import { PendingInvitationList } from '@/components/workspace/pending-invitation-list';
import { SETTINGS_LABEL, SettingsTabs } from '@/components/workspace/settings-tabs';
import { TransferOwnershipForm } from '@/components/workspace/transfer-ownership-form';
import { listPendingInvitations } from '@/lib/tenancy/invitations';
import { listMembers } from '@/lib/tenancy/members';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { ROLES } from '@/lib/tenancy/permissions';
import { seatLimitFor } from '@/lib/tenancy/seat-limit';
import { twoFactorRequirementOf } from '@/lib/tenancy/two-factor-requirement';
import {
  changeRoleAction,
  inviteMemberAction,
  leaveWorkspaceAction,
  removeMemberAction,
  resendInvitationAction,
  revokeInvitationAction,
  transferOwnershipAction,
} from './actions';

export const metadata: Metadata = { title: 'Members' };

export default async function MembersPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { ctx, workspace, user, can, read } = await requireWorkspacePage((await params).workspace, 'members.read');
  const canInvite = can('members.invite');
  const [members, invitations, seats, twoFactor] = await read(
    async (tx) =>
      [
        await listMembers(tx),
        canInvite ? await listPendingInvitations(tx) : [],
        await seatLimitFor(tx, workspace.id),
        await twoFactorRequirementOf(tx, workspace.id),
      ] as const,
  );
  // Owners may grant every role; admins everything below owner. The server checks again.
  const grantable = ROLES.filter((role) => role !== 'owner' || can('members.manage_owners'));
  const lastOwner = ctx.role === 'owner' && members.filter((m) => m.role === 'owner').length <= 1;
  const candidates = members
    .filter((m) => m.userId !== user.id && m.role !== 'owner')
    .map((m) => ({ userId: m.userId, label: m.name ? `${m.name} (${m.email})` : m.email }));

  return (
    <div className="space-y-8">
      <PageHeader
        label={SETTINGS_LABEL}
        title="Members"
        description={`Who can open this workspace, and what each role may do. ${seats === null ? `${members.length} members.` : `${members.length} of ${seats} seats used.`}`}
        tabs={<SettingsTabs workspace={workspace.slug} can={can} />}
      />
      <Card>
        <CardHeader>
          <CardTitle as="h2">People</CardTitle>
          {twoFactor.enforced ? (
            <CardDescription>This workspace requires two-factor authentication: members without it are sent to set it up first.</CardDescription>
          ) : null}
        </CardHeader>
        <CardContent className="px-0 py-0 sm:px-0">
          <MemberList
            workspace={workspace.slug}
            members={members}
            currentUserId={user.id}
            viewerRole={ctx.role}
            grantable={grantable}
            timeZone={workspace.timezone}
            changeRoleAction={changeRoleAction}
            removeAction={removeMemberAction}
            twoFactorRequired={twoFactor.enforced}
          />
        </CardContent>
      </Card>

      {canInvite ? (
        <>
          <Card>
            <CardHeader>
              <CardTitle as="h2">Invite someone</CardTitle>
              <CardDescription>They get an email with a link that works once and expires in 7 days.</CardDescription>
            </CardHeader>
            <CardContent>
              <InviteMemberForm workspace={workspace.slug} roles={grantable} action={inviteMemberAction} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle as="h2">Pending invitations</CardTitle>
            </CardHeader>
            <CardContent className="px-0 py-0 sm:px-0">
              <PendingInvitationList
                workspace={workspace.slug}
                invitations={invitations}
                timeZone={workspace.timezone}
                resendAction={resendInvitationAction}
                revokeAction={revokeInvitationAction}
              />
            </CardContent>
          </Card>
        </>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle as="h2">Your membership</CardTitle>
          <CardDescription>
            {lastOwner
              ? 'You are the only owner. To leave, first transfer ownership to another member.'
              : ctx.role === 'owner'
                ? 'Hand the workspace to another member, or leave it: another owner remains.'
                : 'Leave this workspace. You can rejoin only with a new invitation.'}
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-wrap gap-3">
          {can('workspace.transfer') && candidates.length ? (
            <TransferOwnershipForm workspace={workspace.slug} candidates={candidates} action={transferOwnershipAction} />
          ) : null}
          {lastOwner ? null : <LeaveWorkspaceForm workspace={workspace.slug} name={workspace.name} action={leaveWorkspaceAction} />}
        </CardContent>
      </Card>
    </div>
  );
}
