import type { Metadata } from 'next';
import { JobRunsTable } from '@/components/jobs/job-runs-table';
import { RefreshWhileActive } from '@/components/jobs/refresh-while-active';
import { RunHelloForm } from '@/components/jobs/run-hello-form';
import { Card, CardContent } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { SETTINGS_LABEL, SettingsTabs } from '@/components/workspace/settings-tabs';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { listJobRuns } from '@/lib/jobs/job-runs';
import { countPendingEvents } from '@/lib/jobs/outbox';
import { runHelloAction } from './actions';

export const metadata: Metadata = { title: 'Background jobs' };

export default async function BackgroundJobsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { ctx, workspace, can, read } = await requireWorkspacePage((await params).workspace);
  const { runs, pending } = await read(async (tx) => ({
    runs: await listJobRuns(tx, ctx.tenantId, { limit: 20 }),
    pending: await countPendingEvents(tx, ctx.tenantId),
  }));
  const active = pending > 0 || runs.some((run) => run.status === 'queued' || run.status === 'running');
  return (
    <div className="space-y-8">
      <PageHeader
        label={SETTINGS_LABEL}
        title="Background jobs"
        description="Every workflow run in this workspace, with its progress, attempts and duration."
        tabs={<SettingsTabs workspace={workspace.slug} can={can} />}
      />
      <Card>
        <CardContent className="space-y-4">
          {can('jobs.run') ? <RunHelloForm workspace={workspace.slug} action={runHelloAction} /> : null}
          <JobRunsTable runs={runs} timeZone={workspace.timezone} />
          <RefreshWhileActive active={active} />
        </CardContent>
      </Card>
    </div>
  );
}
