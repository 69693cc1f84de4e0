import { hasFeature, loadEntitlements } from '@/lib/billing/entitlements';
import { cheapestPlanWith } from '@/lib/billing/gates';
import { AppError } from '@/lib/errors/app-error';
import type { WorkspacePage } from '@/lib/actions/workspace-page';
import { auditCsv, auditVisibleSince } from './export-csv';
import { auditFilterRange, type AuditFilter } from './filters';
import { listWorkspaceAudit } from './queries';

/** One file holds at most this many entries, newest first; narrow the dates for older ones. */
export const AUDIT_EXPORT_MAX_ROWS = 10_000;

/**
 * The audit trail as a CSV file, with the page's filters, within the plan's retention — for plans
 * with `audit.export` (Team and up). Refused with `payment_required` otherwise.
 */
export async function exportWorkspaceAudit(page: WorkspacePage, filter: AuditFilter, now = new Date()): Promise<{ filename: string; csv: string; rows: number }> {
  const { ctx, workspace, read } = page;
  const range = auditFilterRange(filter, workspace.timezone);
  const result = await read(async (tx) => {
    const entitlements = await loadEntitlements(tx, ctx.tenantId, now);
    if (!hasFeature(entitlements, 'audit.export')) return { refused: entitlements.planName } as const;
    const { entries } = await listWorkspaceAudit(tx, ctx.tenantId, {
      action: filter.action,
      actorUserId: filter.actor,
      from: range.from,
      to: range.to,
      visibleSince: auditVisibleSince(entitlements.auditRetentionDays, now),
      limit: AUDIT_EXPORT_MAX_ROWS,
    });
    return { entries } as const;
  });
  if ('refused' in result) {
    const upgrade = cheapestPlanWith('audit.export');
    throw new AppError('payment_required', `Exporting the audit log is part of the ${upgrade?.name ?? 'Team'} plan; this workspace is on ${result.refused}.`, {
      feature: 'audit.export',
    });
  }
  const day = now.toISOString().slice(0, 10);
  return { filename: `audit-${workspace.slug}-${day}.csv`, csv: auditCsv(result.entries), rows: result.entries.length };
}
