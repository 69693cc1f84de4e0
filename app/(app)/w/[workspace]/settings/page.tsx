import type { Metadata } from 'next';
import { withTenant } from '@/db/tenant';
import { JobRunsTable } from '@/components/jobs/job-runs-table';
import { RefreshWhileActive } from '@/components/jobs/refresh-while-active';
import { RunHelloForm } from '@/components/jobs/run-hello-form';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { listJobRuns } from '@/lib/jobs/job-runs';
import { can } from '@/lib/tenancy/permissions';
import { requireWorkspace } from '@/lib/tenancy/require-workspace';
import { runHelloAction } from './actions';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { ctx, workspace } = await requireWorkspace((await params).workspace);
  const runs = await withTenant(ctx, (tx) => listJobRuns(tx, ctx.tenantId, { limit: 20 }));
  const active = runs.some((run) => run.status === 'queued' || run.status === 'running');
  const details: Array<[string, string]> = [
    ['Name', workspace.name],
    ['Address', `/w/${workspace.slug}`],
    ['Time zone', workspace.timezone],
    ['Currency', workspace.currency],
    ['Your role', ctx.role],
  ];
  return (
    <div className="space-y-8">
      <PageHeader eyebrow={workspace.name} title="Settings" description="Workspace details and background jobs." />
      <Card>
        <CardHeader>
          <CardTitle as="h2">General</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
            {details.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-muted">{label}</dt>
                <dd className="font-medium">{value}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
      <Card id="jobs">
        <CardHeader>
          <CardTitle as="h2">Background jobs</CardTitle>
          <CardDescription>Every workflow run in this workspace, with its progress, attempts and duration.</CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          {can(ctx.role, 'jobs.run') ? <RunHelloForm workspace={workspace.slug} action={runHelloAction} /> : null}
          <JobRunsTable runs={runs} timeZone={workspace.timezone} />
          <RefreshWhileActive active={active} />
        </CardContent>
      </Card>
    </div>
  );
}
