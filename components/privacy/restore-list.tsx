import Link from 'next/link';
import { RefreshWhileActive } from '@/components/jobs/refresh-while-active';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { HistoryIcon } from '@/components/ui/icons';
import type { WorkspaceRestore } from '@/lib/privacy/restore-request';
import { formatInZone } from '@/lib/time';

const STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  queued: { label: 'Queued', tone: 'info' },
  running: { label: 'Restoring', tone: 'info' },
  done: { label: 'Restored', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
};

/** The workspace's restores: status, the problems of a failed one, a link to the new workspace once done. */
export function RestoreList({ restores, timeZone }: { restores: WorkspaceRestore[]; timeZone: string }) {
  if (!restores.length) {
    return <EmptyState variant="compact" icon={<HistoryIcon />} title="No restores yet" text="Restore an export or snapshot above, or import an export zip." />;
  }
  const active = restores.some((r) => r.status === 'queued' || r.status === 'running');
  return (
    <ul className="divide-y divide-border border-t border-border" data-testid="restore-list">
      {active ? <RefreshWhileActive active /> : null}
      {restores.map((restore) => {
        const status = STATUS[restore.status] ?? STATUS.failed!;
        const report = restore.report;
        return (
          <li key={restore.id} data-testid="restore-row" className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-start sm:px-6">
            <div className="min-w-0 flex-1 space-y-1">
              <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                <span>
                  {restore.source === 'export' ? 'From an export or snapshot' : 'From an uploaded zip'}, {formatInZone(restore.createdAt, timeZone, 'date-time')}
                </span>
                <Badge tone={status.tone}>{status.label}</Badge>
              </p>
              {report?.ok ? (
                <p className="text-xs text-muted">
                  {Object.values(report.rows).reduce((a, b) => a + b, 0).toLocaleString('en-US')} rows into “{report.workspace.name}”. Not restored: members,
                  invitations, API keys, webhooks, billing, usage, the audit trail and exports.
                </p>
              ) : null}
              {report && !report.ok ? (
                <div className="text-xs text-danger">
                  <p>Nothing was restored:</p>
                  <ul className="list-disc pl-5" data-testid="restore-problems">
                    {report.problems.map((p, i) => (
                      <li key={i}>{p.message}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </div>
            {report?.ok ? (
              <Link href={`/w/${encodeURIComponent(report.workspace.slug)}`} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
                Open {report.workspace.name}
              </Link>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
