import { Button } from '@/components/ui/button';
import { AlertTriangleIcon } from '@/components/ui/icons';
import { formatInZone } from '@/lib/time';

/**
 * The shell's banner while a deletion is scheduled (AppShell `banner` slot), on every page of the
 * workspace: the date, what read-only means, and for owners the way to cancel.
 */
export function DeletionBanner({ scheduledFor, timeZone, settingsHref, canCancel }: { scheduledFor: string; timeZone: string; settingsHref: string; canCancel: boolean }) {
  return (
    <div role="region" aria-label="Scheduled deletion" className="border-b border-border bg-danger-soft" data-testid="deletion-banner">
      <div className="mx-auto flex max-w-7xl flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:justify-between sm:px-6 lg:px-8">
        <p className="flex items-start gap-2 text-sm text-foreground">
          <AlertTriangleIcon className="mt-0.5 size-4 shrink-0 text-danger" />
          <span>
            This workspace will be deleted on {formatInZone(new Date(scheduledFor), timeZone, 'date')}. Until then it is read-only: you can read and export
            its data, but not change it.
          </span>
        </p>
        {canCancel ? (
          <Button href={settingsHref} size="sm">
            Cancel the deletion
          </Button>
        ) : null}
      </div>
    </div>
  );
}
