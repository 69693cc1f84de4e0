import type { Metadata } from 'next';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { SeePlansLink } from '@/components/billing/see-plans-link';
import { PageHeader } from '@/components/ui/page-header';
import { CancelDeletionForm, DeleteWorkspaceForm } from '@/components/workspace/delete-workspace-form';
import { RequireTwoFactorForm } from '@/components/workspace/require-two-factor-form';
import { WorkspaceGeneralForm } from '@/components/workspace/workspace-general-form';
import { SETTINGS_LABEL, SettingsTabs } from '@/components/workspace/settings-tabs';
import { WorkspaceSlugForm } from '@/components/workspace/workspace-slug-form';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { cheapestPlanWith } from '@/lib/billing/gates';
import { REQUIRE_TWO_FACTOR_FEATURE, twoFactorRequirementOf } from '@/lib/tenancy/two-factor-requirement';
import { DELETION_GRACE_DAYS } from '@/lib/tenancy/workspace-deletion';
import { currencyChoices, timeZones } from '@/lib/tenancy/workspace-fields';
import { formatInZone } from '@/lib/time';
import { cancelDeletionAction, changeSlugAction, scheduleDeletionAction, updateGeneralAction, updateTwoFactorRequirementAction } from './actions';

export const metadata: Metadata = { title: 'General' };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace, can, ctx, read } = await requireWorkspacePage((await params).workspace);
  const canEdit = can('workspace.update');
  const twoFactor = await read((tx) => twoFactorRequirementOf(tx, ctx.tenantId));
  const twoFactorPlan = cheapestPlanWith(REQUIRE_TWO_FACTOR_FEATURE)?.name ?? 'Team';
  return (
    <div className="space-y-8">
      <PageHeader
        label={SETTINGS_LABEL}
        title="General"
        description="The workspace's name, address and defaults."
        tabs={<SettingsTabs workspace={workspace.slug} can={can} />}
      />
      <Card>
        <CardHeader>
          <CardTitle as="h2">Name and defaults</CardTitle>
          <CardDescription>
            {canEdit ? 'The name everyone in the workspace sees, and the defaults for dates and money.' : 'Only owners and admins can change these.'}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <WorkspaceGeneralForm
            workspace={workspace.slug}
            values={{ name: workspace.name, timezone: workspace.timezone, currency: workspace.currency }}
            zones={timeZones()}
            currencies={currencyChoices()}
            action={updateGeneralAction}
            canEdit={canEdit}
          />
        </CardContent>
      </Card>

      <Card id="security">
        <CardHeader>
          <CardTitle as="h2">Security</CardTitle>
          <CardDescription>
            Members without two-factor authentication are sent to set it up before they can open the workspace.
            {can('security.manage') ? '' : ' Only owners can change this.'}
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          {twoFactor.included ? null : (
            <p className="text-sm text-muted">
              {twoFactor.setting
                ? `It is switched on but not enforced: the workspace’s plan no longer includes it. It applies again on the ${twoFactorPlan} plan.`
                : `Required two-factor comes with the ${twoFactorPlan} plan.`}{' '}
              <SeePlansLink workspace={workspace.slug} canManageBilling={can('billing.manage')} />
            </p>
          )}
          <RequireTwoFactorForm
            workspace={workspace.slug}
            required={twoFactor.setting}
            canEdit={can('security.manage') && twoFactor.included}
            action={updateTwoFactorRequirementAction}
          />
        </CardContent>
      </Card>

      {canEdit ? (
        <Card>
          <CardHeader>
            <CardTitle as="h2">Address</CardTitle>
            <CardDescription>The part of the URL after /w/. Bookmarks with the old address redirect here.</CardDescription>
          </CardHeader>
          <CardContent>
            <WorkspaceSlugForm workspace={workspace.slug} action={changeSlugAction} />
          </CardContent>
        </Card>
      ) : null}

      {workspace.deletionScheduledFor ? (
        <Card className="border-danger-border" data-testid="deletion-scheduled">
          <CardHeader>
            <CardTitle as="h2">Deletion scheduled</CardTitle>
            <CardDescription>
              This workspace will be deleted on {formatInZone(new Date(workspace.deletionScheduledFor), workspace.timezone, 'date-time')}. Until then it is read-only:
              members can read and export its data, but nothing can be changed.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {can('workspace.delete') ? (
              <CancelDeletionForm workspace={workspace.slug} action={cancelDeletionAction} />
            ) : (
              <p className="text-sm text-muted">Only an owner can cancel the deletion.</p>
            )}
          </CardContent>
        </Card>
      ) : can('workspace.delete') ? (
        <Card className="border-danger-border">
          <CardHeader>
            <CardTitle as="h2">Delete workspace</CardTitle>
            <CardDescription>
              Deletes the workspace and everything in it for every member, {DELETION_GRACE_DAYS} days after you ask. It is read-only in between, and any owner can cancel.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <DeleteWorkspaceForm workspace={workspace.slug} name={workspace.name} graceDays={DELETION_GRACE_DAYS} action={scheduleDeletionAction} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
