import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import type { FormAction } from '@/lib/actions/form-state';
import type { PendingInvitation } from '@/lib/tenancy/invitations';
import { ROLE_LABELS } from '@/lib/tenancy/permissions';
import { InvitationActions } from './invitation-actions';
import { formatInZone } from '@/lib/time';


export function PendingInvitationList({
  workspace,
  invitations,
  timeZone,
  resendAction,
  revokeAction,
}: {
  workspace: string;
  invitations: PendingInvitation[];
  timeZone: string;
  resendAction: FormAction<unknown>;
  revokeAction: FormAction<unknown>;
}) {
  if (!invitations.length) {
    return (
      <EmptyState
        variant="compact"
        title="No pending invitations"
        text="Invitations you send appear here until they are accepted, so you can resend or revoke them."
      />
    );
  }
  return (
    <ul className="divide-y divide-border border-t border-border" data-testid="invitation-list">
      {invitations.map((inv) => (
        <li key={inv.id} data-testid="invitation-row" className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center sm:px-6">
          <div className="min-w-0 flex-1">
            <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
              <span className="truncate">{inv.email}</span>
              <Badge>{ROLE_LABELS[inv.role]}</Badge>
              {inv.expired ? <Badge tone="warning">Expired</Badge> : null}
            </p>
            <p className="text-xs text-muted">
              {inv.invitedByName ? `Invited by ${inv.invitedByName} · ` : ''}
              {inv.expired ? 'Expired' : 'Expires'} {formatInZone(inv.expiresAt, timeZone, 'date')}
            </p>
          </div>
          <InvitationActions
            workspace={workspace}
            invitationId={inv.id}
            email={inv.email}
            resendAction={resendAction}
            revokeAction={revokeAction}
          />
        </li>
      ))}
    </ul>
  );
}
