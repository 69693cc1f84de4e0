import type { AuditEntry } from '@/lib/audit/queries';
import { EmptyState } from '@/components/ui/empty-state';
import { HistoryIcon } from '@/components/ui/icons';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { describeUserAgent } from '@/lib/audit/user-agent';
import { dateFormatter } from '@/lib/time';

/** A row of the workspace audit page, as lib/audit/queries returns it. */
export type AuditLogRow = Omit<AuditEntry, 'action'>;

function Actor({ entry }: { entry: AuditLogRow }) {
  if (!entry.actorUserId && !entry.actorLabel) return <span className="text-muted">System</span>;
  const name = entry.actorName ?? entry.actorLabel ?? 'Deleted user';
  return (
    <div className="min-w-0">
      <p className="truncate font-medium">{name}</p>
      {entry.actorLabel && entry.actorLabel !== name ? <p className="truncate text-xs text-muted">{entry.actorLabel}</p> : null}
    </div>
  );
}

function Details({ entry }: { entry: AuditLogRow }) {
  const hasMetadata = Object.keys(entry.metadata).length > 0;
  return (
    // Native <details>: a keyboard-operable toggle with no client JavaScript.
    <details className="group">
      <summary className="cursor-pointer text-sm text-primary select-none hover:underline focus-visible:outline-2 focus-visible:outline-offset-2">
        Details
      </summary>
      <dl className="mt-2 grid max-w-md gap-x-3 gap-y-1 text-xs sm:grid-cols-[6rem_1fr]">
        <dt className="text-muted">Entry</dt>
        <dd className="tabular">#{entry.seq}</dd>
        {entry.userAgent ? (
          <>
            <dt className="text-muted">Device</dt>
            <dd className="break-words" title={entry.userAgent}>
              {describeUserAgent(entry.userAgent)}
            </dd>
          </>
        ) : null}
        {entry.targetId ? (
          <>
            <dt className="text-muted">Target id</dt>
            <dd className="font-mono break-all">{entry.targetId}</dd>
          </>
        ) : null}
      </dl>
      {hasMetadata ? (
        <pre className="mt-2 max-w-md overflow-x-auto rounded-md bg-surface-muted p-2 font-mono text-xs whitespace-pre-wrap break-words">
          {JSON.stringify(entry.metadata, null, 2)}
        </pre>
      ) : null}
    </details>
  );
}

/** Settings → Audit log: one row per recorded event, times in the workspace time zone. */
export function AuditLogTable({ entries, timeZone, filtered }: { entries: AuditLogRow[]; timeZone: string; filtered: boolean }) {
  if (entries.length === 0) {
    return (
      <EmptyState
        icon={<HistoryIcon />}
        title={filtered ? 'No events match these filters' : 'No audit events yet'}
        text={
          filtered
            ? 'Widen the date range or clear the filters to see more of the trail.'
            : 'Invitations, role changes and workspace settings changes are recorded here as they happen.'
        }
      />
    );
  }
  const time = dateFormatter(timeZone, 'date-time-seconds');
  return (
    <Table scrollRegionLabel="Audit log entries">
      <TableHeader>
        <TableRow>
          <TableHead>Time</TableHead>
          <TableHead>Actor</TableHead>
          <TableHead>Action</TableHead>
          <TableHead>Target</TableHead>
          <TableHead>IP</TableHead>
          <TableHead>
            <span className="sr-only">Details</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((entry) => (
          <TableRow key={entry.id} data-testid="audit-entry" className="align-top">
            <TableCell className="whitespace-nowrap tabular">
              <time dateTime={entry.createdAt.toISOString()}>{time.format(entry.createdAt)}</time>
            </TableCell>
            <TableCell className="max-w-56">
              <Actor entry={entry} />
            </TableCell>
            <TableCell className="min-w-44 font-medium">{entry.actionLabel}</TableCell>
            <TableCell className="max-w-48 truncate text-muted" title={entry.targetId ?? undefined}>
              {entry.targetType ?? '—'}
            </TableCell>
            <TableCell className="font-mono text-xs whitespace-nowrap">{entry.ip ?? '—'}</TableCell>
            <TableCell>
              <Details entry={entry} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
