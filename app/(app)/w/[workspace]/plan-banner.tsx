import { PlanBanner } from '@/components/billing/plan-banner';
import type { WorkspacePage } from '@/lib/actions/workspace-page';
import { workspacePlanAlerts } from '@/lib/billing/workspace-plan-alerts';
import { getLogger } from '@/lib/observability/logger';

/**
 * The workspace shell's plan banner, rendered inside a Suspense boundary so the page never waits
 * for it. A failure to compute it costs the banner, never the page.
 */
export async function WorkspacePlanBanner({ page }: { page: Pick<WorkspacePage, 'ctx' | 'workspace' | 'can' | 'read'> }) {
  const alerts = await workspacePlanAlerts(page.ctx.tenantId, page.read).catch((error: unknown) => {
    getLogger({ component: 'plan-banner' }).warn({ err: error, tenantId: page.ctx.tenantId }, 'plan banner skipped');
    return [];
  });
  const [alert] = alerts;
  if (!alert) return null;
  const base = `/w/${encodeURIComponent(page.workspace.slug)}/settings`;
  return <PlanBanner alert={alert} billingHref={`${base}/billing`} usageHref={`${base}/usage`} canManageBilling={page.can('billing.manage')} />;
}
