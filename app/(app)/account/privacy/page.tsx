import Link from 'next/link';
import type { Metadata } from 'next';
import { ACCOUNT_LABEL, AccountTabs } from '@/components/account/account-tabs';
import { AccountExportList } from '@/components/account/privacy/account-export-list';
import { CancelAccountDeletionForm, DeleteAccountForm } from '@/components/account/privacy/delete-account-form';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { RequestExportForm } from '@/components/privacy/request-export-form';
import { accountPrivacyOverview } from '@/lib/privacy/account-overview';
import { backupRetentionDays } from '@/lib/privacy/backups';
import { accountDeletionPlan } from '@/lib/tenancy/account-deletion';
import { DELETION_GRACE_DAYS } from '@/lib/tenancy/workspace-deletion';
import { requireUser } from '@/lib/tenancy/session';
import { formatInZone, safeTimeZone } from '@/lib/time';
import { cancelAccountDeletionAction, emailDeletionLinkAction, requestAccountExportAction, scheduleAccountDeletionAction } from './actions';

export const metadata: Metadata = { title: 'Privacy' };

export default async function AccountPrivacyPage() {
  const user = await requireUser();
  const [overview, plan] = await Promise.all([accountPrivacyOverview(user.id), accountDeletionPlan(user.id)]);
  if (!plan) return null;
  const timeZone = safeTimeZone(plan.timezone);

  return (
    <div className="space-y-8">
      <PageHeader
        label={ACCOUNT_LABEL}
        title="Privacy"
        description={`Take your data with you, see your workspaces’ backups, or delete your account. Times are in ${timeZone}.`}
        tabs={<AccountTabs />}
      />
      <Card>
        <CardHeader>
          <CardTitle as="h2">Export my data</CardTitle>
          <CardDescription>
            A zip with everything Tessera holds about you — profile, sign-in methods, sessions, security log and memberships — plus a complete export of
            every workspace you own. Passwords, two-factor secrets, tokens and key hashes are never included. You get an email with a download link
            valid for 7 days.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <RequestExportForm label="Export my data" action={requestAccountExportAction} />
        </CardContent>
        <CardContent className="px-0 py-0 sm:px-0">
          <AccountExportList exports={overview.exports} timeZone={timeZone} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Backups of your workspaces</CardTitle>
          <CardDescription>
            Every night Tessera snapshots each workspace and keeps the snapshots for {backupRetentionDays()} days. Next snapshot:{' '}
            {formatInZone(overview.nextBackupAt, timeZone, 'date-time')}.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {overview.owned.length ? (
            <ul className="divide-y divide-border text-sm" data-testid="owned-backups">
              {overview.owned.map((workspace) => (
                <li key={workspace.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:justify-between">
                  <span className="font-medium">{workspace.name}</span>
                  <span className="text-muted">
                    Last snapshot: {workspace.lastBackupAt ? formatInZone(workspace.lastBackupAt, timeZone, 'date-time') : 'none yet'} · {workspace.snapshots}{' '}
                    kept ·{' '}
                    <Link className="underline" href={`/w/${encodeURIComponent(workspace.slug)}/settings/privacy`}>
                      Download snapshots
                    </Link>
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted">You own no workspace; the owners of your workspaces see their snapshots in each workspace’s Settings → Privacy.</p>
          )}
        </CardContent>
      </Card>

      <Card className="border-danger-border" id="delete-account">
        <CardHeader>
          <CardTitle as="h2">Delete account</CardTitle>
          <CardDescription>
            {plan.deletionScheduledFor
              ? `Your account is scheduled for deletion on ${formatInZone(plan.deletionScheduledFor, timeZone, 'date-time')}. Until then you can keep using it and cancel.`
              : `Your account is deleted ${DELETION_GRACE_DAYS} days after you ask, and you can cancel until then. Then your profile, sign-in methods, sessions and memberships are erased, your API keys stop working, and the audit trails of your workspaces show a pseudonym instead of you.`}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {plan.deletionScheduledFor ? (
            <div className="space-y-3" data-testid="account-deletion-scheduled">
              <p className="text-sm text-muted">
                Workspaces you handed over stay with their new owner. A workspace you chose to delete has its own cancel button in its Settings → General.
              </p>
              <CancelAccountDeletionForm action={cancelAccountDeletionAction} />
            </div>
          ) : (
            <DeleteAccountForm
              lastOwned={plan.lastOwned.map((w) => ({
                id: w.id,
                name: w.name,
                scheduled: Boolean(w.deletionScheduledFor),
                others: w.others.map((o) => ({ userId: o.userId, label: o.name ? `${o.name} <${o.email}>` : o.email, role: o.role })),
              }))}
              shared={plan.shared.map((w) => w.name)}
              hasPassword={plan.hasPassword}
              twoFactor={plan.twoFactor}
              graceDays={DELETION_GRACE_DAYS}
              scheduleAction={scheduleAccountDeletionAction}
              emailLinkAction={emailDeletionLinkAction}
            />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
