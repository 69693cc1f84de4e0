import type { Metadata } from 'next';
import { AuditFilterForm } from '@/components/audit/audit-filter-form';
import { AuditLogTable } from '@/components/audit/audit-log-table';
import { ChainIntegrityBadge } from '@/components/audit/chain-integrity-badge';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { SeePlansLink } from '@/components/billing/see-plans-link';
import { PageHeader } from '@/components/ui/page-header';
import { SETTINGS_LABEL, SettingsTabs } from '@/components/workspace/settings-tabs';
import { auditActionLabels, type AuditAction } from '@/lib/audit/actions';
import { auditFilterQuery, auditFilterRange, parseAuditFilter } from '@/lib/audit/filters';
import { listAuditActorOptions, listWorkspaceAudit } from '@/lib/audit/queries';
import { checkChainIntegrity } from '@/lib/audit/sealed-check';
import { workspaceChain } from '@/lib/audit/verify';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { auditVisibleSince } from '@/lib/audit/export-csv';
import { hasFeature, loadEntitlements } from '@/lib/billing/entitlements';
import { cheapestPlanWith } from '@/lib/billing/gates';

export const metadata: Metadata = { title: 'Audit log' };

const PAGE_SIZE = 50;

const actionOptions = (Object.entries(auditActionLabels) as Array<[AuditAction, string]>)
  .map(([value, label]) => ({ value, label }))
  .sort((a, b) => a.label.localeCompare(b.label));

export default async function AuditLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Not disclosed to roles without access, like a workspace they aren't in (a 404).
  const { ctx, workspace, can, read } = await requireWorkspacePage((await params).workspace, 'audit.read');

  const filter = parseAuditFilter(await searchParams);
  const range = auditFilterRange(filter, workspace.timezone);
  const { page, actors, entitlements } = await read(async (tx) => {
    const entitlements = await loadEntitlements(tx, ctx.tenantId);
    return {
      entitlements,
      page: await listWorkspaceAudit(tx, ctx.tenantId, {
        action: filter.action,
        actorUserId: filter.actor,
        from: range.from,
        to: range.to,
        cursor: filter.cursor,
        limit: PAGE_SIZE,
        visibleSince: auditVisibleSince(entitlements.auditRetentionDays),
      }),
      actors: await listAuditActorOptions(tx, ctx.tenantId),
    };
  });
  const canExport = hasFeature(entitlements, 'audit.export');
  const exportPlan = cheapestPlanWith('audit.export');
  const integrity = await checkChainIntegrity(workspaceChain(ctx.tenantId), read);

  const path = `/w/${workspace.slug}/settings/audit`;
  const { cursor, ...withoutCursor } = filter;
  const filtered = Boolean(filter.action || filter.actor || filter.from || filter.to);

  return (
    <div className="space-y-6">
      <PageHeader
        label={SETTINGS_LABEL}
        title="Audit log"
        description={`Who did what in this workspace. Entries can't be edited or deleted, and each is chained to the one before it. Times are in ${workspace.timezone}.`}
        actions={<ChainIntegrityBadge result={integrity} timeZone={workspace.timezone} />}
        tabs={<SettingsTabs workspace={workspace.slug} can={can} />}
      />
      <Card>
        <CardContent>
          <AuditFilterForm
            action={path}
            values={{ action: filter.action, actor: filter.actor, from: filter.from, to: filter.to }}
            actions={actionOptions}
            actors={actors.map((a) => ({ value: a.userId, label: a.label }))}
          />
        </CardContent>
      </Card>
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-muted">
        <p>
          {entitlements.auditRetentionDays === null
            ? 'Your plan shows the whole trail.'
            : `Your ${entitlements.planName} plan shows the last ${entitlements.auditRetentionDays} days. Older entries are kept, and the chain check still covers them; a plan with longer retention shows them again.`}
        </p>
        {canExport ? (
          // A plain download link, not a router Link: the router would prefetch the CSV as a page.
          <a href={`${path}/export${auditFilterQuery(withoutCursor)}`} download className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
            Export CSV
          </a>
        ) : (
          <p>
            CSV export comes with the {exportPlan?.name ?? 'Team'} plan.{' '}
            <SeePlansLink workspace={workspace.slug} canManageBilling={can('billing.manage')} />
          </p>
        )}
      </div>
      <AuditLogTable entries={page.entries} timeZone={workspace.timezone} filtered={filtered || cursor !== undefined} />
      {cursor !== undefined || page.nextCursor !== null ? (
        <nav aria-label="Audit log pages" className="flex justify-end gap-2">
          {cursor !== undefined ? (
            <Button href={`${path}${auditFilterQuery(withoutCursor)}`} variant="secondary">
              Newest
            </Button>
          ) : null}
          {page.nextCursor !== null ? (
            <Button href={`${path}${auditFilterQuery({ ...withoutCursor, cursor: page.nextCursor })}`} variant="secondary">
              Older
            </Button>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
