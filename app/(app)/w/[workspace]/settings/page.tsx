import type { Metadata } from 'next';
import { JobRunsTable } from '@/components/jobs/job-runs-table';
import { RefreshWhileActive } from '@/components/jobs/refresh-while-active';
import { RunHelloForm } from '@/components/jobs/run-hello-form';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { DeleteWorkspaceForm } from '@/components/workspace/delete-workspace-form';
import { WorkspaceGeneralForm } from '@/components/workspace/workspace-general-form';
import { WorkspaceSlugForm } from '@/components/workspace/workspace-slug-form';
import { listJobRuns } from '@/lib/jobs/job-runs';
import { countPendingEvents } from '@/lib/jobs/outbox';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { currencyChoices, timeZones } from '@/lib/tenancy/workspace-fields';
import { changeSlugAction, deleteWorkspaceAction, runHelloAction, updateGeneralAction } from './actions';

export const metadata: Metadata = { title: 'Settings' };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { ctx, workspace, can, read } = await requireWorkspacePage((await params).workspace);
  const { runs, pending } = await read(async (tx) => ({
    runs: await listJobRuns(tx, ctx.tenantId, { limit: 20 }),
    pending: await countPendingEvents(tx, ctx.tenantId),
  }));
  const active = pending > 0 || runs.some((run) => run.status === 'queued' || run.status === 'running');
  const canEdit = can('workspace.update');
  return (
    <div className="space-y-8">
      <Card>
        <CardHeader>
          <CardTitle as="h2">General</CardTitle>
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

      <Card id="jobs" className="scroll-mt-20">
        <CardHeader>
          <CardTitle as="h2">Background jobs</CardTitle>
          <CardDescription>Every workflow run in this workspace, with its progress, attempts and duration.</CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          {can('jobs.run') ? <RunHelloForm workspace={workspace.slug} action={runHelloAction} /> : null}
          <JobRunsTable runs={runs} timeZone={workspace.timezone} />
          <RefreshWhileActive active={active} />
        </CardContent>
      </Card>

      {can('workspace.delete') ? (
        <Card className="border-danger-border">
          <CardHeader>
            <CardTitle as="h2">Delete workspace</CardTitle>
            <CardDescription>Deletes the workspace and everything in it for every member. There is no undo.</CardDescription>
          </CardHeader>
          <CardContent>
            <DeleteWorkspaceForm workspace={workspace.slug} name={workspace.name} action={deleteWorkspaceAction} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
