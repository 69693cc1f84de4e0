import { Badge, type BadgeTone } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { DownloadIcon } from '@/components/ui/icons';

const STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  queued: { label: 'Queued', tone: 'info' },
  running: { label: 'Preparing', tone: 'info' },
  ready: { label: 'Ready', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
};

/** An export's (or snapshot's) status; a ready one without a link has expired. */
export function ExportStatusBadge({ status, expired }: { status: string; expired: boolean }) {
  const shown = STATUS[status] ?? STATUS.failed!;
  return <Badge tone={expired ? 'neutral' : shown.tone}>{expired ? 'Expired' : shown.label}</Badge>;
}

/** A plain link: a file download must not go through client navigation or prefetching. */
export function DownloadZipLink({ url }: { url: string }) {
  return (
    <a href={url} download className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
      <DownloadIcon className="size-4" />
      Download zip
    </a>
  );
}
