import type { Metadata } from 'next';
import { botsDashboardCard } from '@/components/bots/dashboard-card';
import { ProductCardGrid, type ProductCardData } from '@/components/dashboard/product-card';
import { RecentActivity, type ActivityItem } from '@/components/dashboard/recent-activity';
import { PageHeader } from '@/components/ui/page-header';
import { listJobRuns } from '@/lib/jobs/job-runs';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { describeJobRun } from '@/lib/jobs/describe-job-run';
import { workspaceBotSummary } from '@/lib/bots/read/summary';

export const metadata: Metadata = { title: 'Dashboard' };

// Product modules fill their card as they land; until then each card shows its first step.
const PRODUCTS: ProductCardData['product'][] = ['bots', 'journal', 'money', 'pricing'];

export default async function DashboardPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { ctx, workspace, read } = await requireWorkspacePage(slug);
  const { runs, bots } = await read(async (tx) => ({ runs: await listJobRuns(tx, ctx.tenantId, { limit: 8 }), bots: await workspaceBotSummary(tx, { recent: 3 }) }));
  const activity: ActivityItem[] = runs.map((run) => ({
    id: run.id,
    product: 'workspace',
    actorName: null,
    summary: describeJobRun(run),
    at: run.createdAt,
    href: `/w/${encodeURIComponent(workspace.slug)}/settings/jobs`,
  }));
  const cards: ProductCardData[] = PRODUCTS.map((product) => (product === 'bots' ? botsDashboardCard(bots, workspace.slug, workspace.timezone) : { product, kpi: null, items: [] }));
  return (
    <div className="space-y-8">
      <PageHeader title="Dashboard" description="Your four products at a glance." />
      <ProductCardGrid workspaceSlug={workspace.slug} cards={cards} />
      <RecentActivity items={activity} timeZone={workspace.timezone} />
    </div>
  );
}
