import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { UsersIcon } from '@/components/ui/icons';
import type { FormAction } from '@/lib/actions/form-state';
import type { MemberListItem } from '@/lib/tenancy/members';
import { can, ROLE_LABELS, type WorkspaceRole } from '@/lib/tenancy/permissions';
import { MemberRoleForm } from './member-role-form';
import { RemoveMemberForm } from './remove-member-form';
import { formatInZone } from '@/lib/time';


/** One row per member; controls only where the viewer's role allows them (the server re-checks). */
export function MemberList({
  workspace,
  members,
  currentUserId,
  viewerRole,
  grantable,
  timeZone,
  changeRoleAction,
  removeAction,
  twoFactorRequired = false,
}: {
  workspace: string;
  members: MemberListItem[];
  currentUserId: string;
  viewerRole: WorkspaceRole;
  grantable: readonly WorkspaceRole[];
  timeZone: string;
  changeRoleAction: FormAction<unknown>;
  removeAction: FormAction<unknown>;
  /** The workspace enforces two-factor now: members without it are flagged. */
  twoFactorRequired?: boolean;
}) {
  if (!members.length) {
    return (
      <EmptyState
        variant="compact"
        icon={<UsersIcon />}
        title="No members"
        text="Invite someone below to share this workspace."
      />
    );
  }
  return (
    <ul className="divide-y divide-border border-t border-border" data-testid="member-list">
      {members.map((m) => {
        const label = m.name ?? m.email;
        const self = m.userId === currentUserId;
        const manageable =
          !self && can(viewerRole, 'members.manage') && (m.role !== 'owner' || can(viewerRole, 'members.manage_owners'));
        return (
          <li key={m.userId} data-testid="member-row" className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center sm:px-6">
            <div className="flex min-w-0 flex-1 items-center gap-3">
              <Avatar name={m.name} email={m.email} />
              <div className="min-w-0">
                <p className="truncate text-sm font-medium">
                  {label}
                  {self ? <span className="ml-1.5 text-muted">(you)</span> : null}
                </p>
                <p className="text-xs break-words text-muted">
                  {m.email} · Joined {formatInZone(m.joinedAt, timeZone, 'date')}
                </p>
              </div>
            </div>
            <div className="flex flex-wrap items-center gap-2 sm:justify-end">
              <TwoFactorBadge on={m.twoFactor} required={twoFactorRequired} />
              {manageable ? (
                <>
                  <MemberRoleForm
                    workspace={workspace}
                    userId={m.userId}
                    memberName={label}
                    role={m.role}
                    grantable={grantable}
                    action={changeRoleAction}
                  />
                  <RemoveMemberForm workspace={workspace} userId={m.userId} memberName={label} action={removeAction} />
                </>
              ) : (
                <Badge tone={m.role === 'owner' ? 'info' : 'neutral'}>{ROLE_LABELS[m.role]}</Badge>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** The member's two-factor state; "Required — not set up" while the workspace enforces it. */
function TwoFactorBadge({ on, required }: { on: boolean; required: boolean }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-muted" data-testid="member-two-factor">
      Two-factor
      {on ? (
        <Badge tone="success">On</Badge>
      ) : required ? (
        <Badge tone="warning">Required — not set up</Badge>
      ) : (
        <Badge tone="neutral">Off</Badge>
      )}
    </span>
  );
}
