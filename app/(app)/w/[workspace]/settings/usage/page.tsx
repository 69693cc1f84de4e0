import type { Metadata } from 'next';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Chart } from '@/components/ui/chart';
import { PageHeader } from '@/components/ui/page-header';
import { ProgressBar } from '@/components/ui/progress-bar';
import { Button } from '@/components/ui/button';
import { SETTINGS_LABEL, SettingsTabs } from '@/components/workspace/settings-tabs';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { usageSummary } from '@/lib/billing/usage';

export const metadata: Metadata = { title: 'Usage' };

const count = (n: number) => n.toLocaleString('en-US');

export default async function UsagePage({ params }: { params: Promise<{ workspace: string }> }) {
  const { ctx, workspace, can, read } = await requireWorkspacePage((await params).workspace, 'usage.read');
  const summary = await read((tx) => usageSummary(tx, ctx.tenantId));
  const month = new Date(`${summary.period}T00:00:00Z`).toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const billingHref = `/w/${encodeURIComponent(workspace.slug)}/settings/billing`;
  return (
    <div className="space-y-8">
      <PageHeader
        label={SETTINGS_LABEL}
        title="Usage"
        description={`What this workspace has used in ${month} (UTC) on the ${summary.planName} plan. Quotas start again on the first of each month.`}
        actions={can('billing.manage') ? <Button href={billingHref} variant="secondary">Change plan</Button> : null}
        tabs={<SettingsTabs workspace={workspace.slug} can={can} />}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        {summary.metrics.map((m) => {
          const tone = m.percent === null ? 'accent' : m.percent >= 100 ? 'danger' : m.percent >= 90 ? 'warning' : m.percent >= 80 ? 'warning' : 'accent';
          const valueText = m.quota === null ? `${count(m.used)} used, unlimited on this plan` : `${count(m.used)} of ${count(m.quota)}`;
          return (
            <Card key={m.metric}>
              <CardHeader>
                <CardTitle as="h2">{m.label}</CardTitle>
                <CardDescription>{valueText}</CardDescription>
              </CardHeader>
              <CardContent className="space-y-4">
                {m.quota !== null ? <ProgressBar label={`${m.label} this month`} hideLabel value={Math.min(m.used, m.quota)} max={Math.max(1, m.quota)} valueText={valueText} tone={tone} /> : null}
                <Chart kind="bar" title={`${m.label} per day`} data={m.daily.map((d) => ({ label: d.date.slice(8), value: d.amount }))} height={120} hideTitle />
              </CardContent>
            </Card>
          );
        })}
      </div>
    </div>
  );
}
