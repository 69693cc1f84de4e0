import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { productMeta, type DashboardProductId } from './product-meta';

const SUMMARY: Record<DashboardProductId, string> = {
  bots: 'DCA and martingale bots with EMA filters, volatility protection, safety orders and take profit — paper first, then live.',
  journal: 'Every trade with its setup, screenshots and playbook; analytics, heatmaps and exports. Bot trades flow in by themselves.',
  money: 'Bank CSV imports sorted by your rules into budgets, with recurring payments and monthly reports.',
  pricing: 'Watch competitors’ prices and reprice your catalog manually, with approval, or fully automatically within your guardrails.',
};

/** A product's home before it has data: what it does and the first step to take. */
export function ProductHome({ product }: { product: DashboardProductId }) {
  const meta = productMeta[product];
  return (
    <div className="space-y-8">
      <PageHeader title={meta.name} description={SUMMARY[product]} />
      <EmptyState
        icon={<meta.Icon />}
        title={meta.emptyTitle}
        text={`${meta.emptyText} ${meta.name} is being switched on for this workspace; this page fills in as soon as it is.`}
      />
    </div>
  );
}
