import { RefreshWhileActive } from '@/components/jobs/refresh-while-active';
import { EmptyState } from '@/components/ui/empty-state';
import { DownloadIcon } from '@/components/ui/icons';
import { ProgressBar } from '@/components/ui/progress-bar';
import { DownloadZipLink, ExportStatusBadge } from '@/components/privacy/export-parts';
import type { AccountPrivacyOverview } from '@/lib/privacy/account-overview';
import { formatInZone } from '@/lib/time';

/** The person's recent exports: progress while one runs (the page refreshes itself), a download link once ready. */
export function AccountExportList({ exports, timeZone }: { exports: AccountPrivacyOverview['exports']; timeZone: string }) {
  if (!exports.length) return <EmptyState variant="compact" icon={<DownloadIcon />} title="No exports yet" text="Export your data above to get a copy." />;
  const active = exports.some(({ row }) => row.status === 'queued' || row.status === 'running');
  return (
    <ul className="divide-y divide-border border-t border-border" data-testid="account-export-list">
      {active ? <RefreshWhileActive active /> : null}
      {exports.map(({ row, download }) => {
        const expired = row.status === 'ready' && !download;
        return (
          <li key={row.id} data-testid="account-export-row" className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center sm:px-6">
            <div className="min-w-0 flex-1 space-y-1">
              <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                <span>Requested {formatInZone(row.createdAt, timeZone, 'date-time')}</span>
                <ExportStatusBadge status={row.status} expired={expired} />
              </p>
              {row.status === 'queued' || row.status === 'running' ? (
                <ProgressBar
                  value={row.stepsTotal ? row.stepsDone : null}
                  max={row.stepsTotal || 1}
                  label="Export progress"
                  hideLabel
                  showValue
                  valueText={row.stepsTotal ? `${row.stepsDone} of ${row.stepsTotal} parts` : 'Waiting to start'}
                  size="sm"
                  className="max-w-md"
                />
              ) : null}
              {download ? <p className="text-xs text-muted">Link valid until {formatInZone(download.expiresAt, timeZone, 'date-time')}</p> : null}
              {expired ? <p className="text-xs text-muted">No longer downloadable: export again.</p> : null}
              {row.status === 'failed' ? <p className="text-xs text-danger">{row.error ?? 'The export failed.'} Export again to retry.</p> : null}
            </div>
            {download ? <DownloadZipLink url={download.url} /> : null}
          </li>
        );
      })}
    </ul>
  );
}
