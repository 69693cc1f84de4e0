import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { ShieldIcon } from '@/components/ui/icons';
import { describeUserAgent } from '@/lib/audit/user-agent';
import { dateFormatter } from '@/lib/time';

export type SecurityEventItem = {
  id: number | string;
  /** The action code; failures and lockouts are flagged so they stand out. */
  action?: string;
  actionLabel: string;
  createdAt: Date;
  ip: string | null;
  userAgent: string | null;
};

const ALARMING = new Set(['auth.sign_in.failed', 'auth.lockout']);

/** Account → Security: the signed-in user's own recent account events, newest first. */
export function SecurityEventsList({ events, timeZone }: { events: SecurityEventItem[]; timeZone: string }) {
  if (events.length === 0) {
    return (
      <EmptyState
        variant="compact"
        icon={<ShieldIcon />}
        title="No security events yet"
        text="Sign-ins, password changes and two-factor changes on your account will be listed here."
      />
    );
  }
  const time = dateFormatter(timeZone, 'date-time');
  return (
    <ul className="divide-y divide-border" aria-label="Recent security events">
      {events.map((event) => (
        <li key={event.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:justify-between sm:gap-4">
          <div className="min-w-0">
            <p className="flex items-center gap-2 text-sm font-medium text-foreground">
              {event.actionLabel}
              {event.action && ALARMING.has(event.action) ? <Badge tone="danger">Attention</Badge> : null}
            </p>
            <p className="truncate text-xs text-muted" title={event.userAgent ?? undefined}>
              {describeUserAgent(event.userAgent)}
              {event.ip ? ` · ${event.ip}` : ''}
            </p>
          </div>
          <time dateTime={event.createdAt.toISOString()} className="shrink-0 text-xs text-muted tabular">
            {time.format(event.createdAt)}
          </time>
        </li>
      ))}
    </ul>
  );
}
