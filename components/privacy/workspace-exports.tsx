import { RefreshWhileActive } from '@/components/jobs/refresh-while-active';
import { EmptyState } from '@/components/ui/empty-state';
import { DownloadIcon } from '@/components/ui/icons';
import { ProgressBar } from '@/components/ui/progress-bar';
import { DownloadZipLink, ExportStatusBadge } from '@/components/privacy/export-parts';
import type { FormAction } from '@/lib/actions/form-state';
import type { PrivacyExport } from '@/lib/privacy';
import { RestoreExportForm } from './restore-export-form';
import { formatInZone } from '@/lib/time';

export { RequestExportForm } from './request-export-form';

type Listed = { row: PrivacyExport; download: { url: string; expiresAt: Date } | null };

function size(bytes: bigint | null): string {
  if (bytes === null) return '';
  const n = Number(bytes);
  return n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** The workspace's recent exports: progress while one runs (the page refreshes itself), a download link once ready. */
export function ExportList({
  exports,
  timeZone,
  noun = 'export',
  restore,
}: {
  exports: Listed[];
  timeZone: string;
  noun?: 'export' | 'snapshot';
  /** "Restore to a new workspace" on each downloadable row. */
  restore?: { workspace: string; action: FormAction<{ restoreId: string }> };
}) {
  if (!exports.length) {
    return noun === 'export' ? (
      <EmptyState variant="compact" icon={<DownloadIcon />} title="No exports yet" text="Export the workspace above to get a copy of all its data." />
    ) : (
      <EmptyState variant="compact" icon={<DownloadIcon />} title="No snapshots yet" text="The first one is taken tonight." />
    );
  }
  const active = exports.some(({ row }) => row.status === 'queued' || row.status === 'running');
  return (
    <ul className="divide-y divide-border border-t border-border" data-testid={noun === 'export' ? 'export-list' : 'backup-list'}>
      {active ? <RefreshWhileActive active /> : null}
      {exports.map(({ row, download }) => {
        const expired = row.status === 'ready' && !download;
        return (
          <li key={row.id} data-testid={noun === 'export' ? 'export-row' : 'backup-row'} className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center sm:px-6">
            <div className="min-w-0 flex-1 space-y-1">
              <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                <span>
                  {noun === 'export' ? 'Requested' : 'Snapshot of'} {formatInZone(row.createdAt, timeZone, 'date-time')}
                </span>
                <ExportStatusBadge status={row.status} expired={expired} />
              </p>
              {row.status === 'queued' || row.status === 'running' ? (
                <ProgressBar
                  value={row.tablesTotal ? row.tablesDone : null}
                  max={row.tablesTotal || 1}
                  label="Export progress"
                  hideLabel
                  showValue
                  valueText={row.tablesTotal ? `${row.tablesDone} of ${row.tablesTotal} tables, ${row.rowsDone.toLocaleString('en-US')} rows` : 'Waiting to start'}
                  size="sm"
                  className="max-w-md"
                />
              ) : null}
              {row.status === 'ready' ? (
                <p className="text-xs text-muted">
                  {row.rowsDone.toLocaleString('en-US')} rows in {row.tablesTotal} tables, {size(row.bytes)}
                  {download ? ` · link valid until ${formatInZone(download.expiresAt, timeZone, 'date-time')}` : noun === 'export' ? ' · no longer downloadable: export again' : ' · expired'}
                </p>
              ) : null}
              {row.status === 'failed' ? <p className="text-xs text-danger">{row.error ?? 'The export failed.'}{noun === 'export' ? ' Export again to retry.' : ''}</p> : null}
            </div>
            {download && restore ? <RestoreExportForm workspace={restore.workspace} exportId={row.id} action={restore.action} /> : null}
            {download ? <DownloadZipLink url={download.url} /> : null}
          </li>
        );
      })}
    </ul>
  );
}
