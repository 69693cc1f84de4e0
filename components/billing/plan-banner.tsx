import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { AlertTriangleIcon, InfoIcon } from '@/components/ui/icons';
import type { PlanAlert } from '@/lib/billing/plan-alerts';

const count = (n: number) => n.toLocaleString('en-US');

/** What being over a limit means for that limit's data, in the user's words. */
function overLimitEffect(alert: PlanAlert & { kind: 'over_limit' }): string {
  if (alert.limit === 'members') return 'Everyone keeps their access; no one new can join until the workspace is within the limit again.';
  return `Nothing is deleted: the ${alert.label} over the limit are read-only until the workspace is within it again.`;
}

function message(alert: PlanAlert): string {
  if (alert.kind === 'over_limit') {
    return `This workspace has ${count(alert.count)} ${alert.label}; the ${alert.planName} plan allows ${count(alert.allowed)}. ${overLimitEffect(alert)}`;
  }
  const left = alert.used >= alert.quota ? 'Anything more this month will be refused.' : 'At the quota, more is refused until next month.';
  return `This workspace has used ${alert.percent}% of its ${alert.label} this month (${count(alert.used)} of ${count(alert.quota)} on ${alert.planName}). ${left}`;
}

/**
 * The shell's plan banner (AppShell `banner` slot): the most severe alert, with a way forward —
 * billing for those who manage it, the usage page for everyone else. Warning colour from 80%,
 * danger from 90% and for a passed limit.
 */
export function PlanBanner({ alert, billingHref, usageHref, canManageBilling }: { alert: PlanAlert; billingHref: string; usageHref: string; canManageBilling: boolean }) {
  const critical = alert.kind === 'over_limit' || alert.level === 'critical';
  const Icon = critical ? AlertTriangleIcon : InfoIcon;
  const upgradeLabel = alert.kind === 'over_limit' && alert.upgradeTo ? `Upgrade to ${alert.upgradeTo}` : 'Upgrade';
  return (
    <div role="region" aria-label="Plan limits" className={cn('border-b border-border', critical ? 'bg-danger-soft' : 'bg-warning-soft')}>
      <div className="mx-auto flex max-w-7xl flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:justify-between sm:px-6 lg:px-8">
        <p className="flex items-start gap-2 text-sm text-foreground">
          <Icon className={cn('mt-0.5 size-4 shrink-0', critical ? 'text-danger' : 'text-warning')} />
          <span>{message(alert)}</span>
        </p>
        <div className="flex shrink-0 gap-2">
          {canManageBilling ? (
            <Button href={billingHref} size="sm">
              {upgradeLabel}
            </Button>
          ) : null}
          <Button href={usageHref} size="sm" variant="secondary">
            See usage
          </Button>
        </div>
      </div>
    </div>
  );
}
