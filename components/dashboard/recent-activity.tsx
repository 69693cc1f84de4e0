import Link from 'next/link';
import { Avatar } from '@/components/ui/avatar';
import { Card, CardTitle } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { ActivityIcon } from '@/components/ui/icons';
import { productMeta, type DashboardProductId } from './product-meta';
import { dateFormatter } from '@/lib/time';

export type ActivityItem = {
  id: string;
  product: DashboardProductId | 'workspace';
  /** Null for system events (bot runs, scheduled imports). */
  actorName: string | null;
  actorEmail?: string;
  /** Sentence after the actor, e.g. "approved 12 price changes". */
  summary: string;
  at: Date | string;
  href?: string;
};

export type RecentActivityProps = {
  items: ActivityItem[];
  /** IANA zone of the viewer; times are stored in UTC. */
  timeZone?: string;
  title?: string;
  /** Link to the full audit trail. */
  viewAllHref?: string;
  className?: string;
};

export function RecentActivity({ items, timeZone, title = 'Recent activity', viewAllHref, className }: RecentActivityProps) {
  const formatter = dateFormatter(timeZone, 'date-time');

  return (
    <Card className={className}>
      <div className="flex items-center justify-between gap-3 px-5 pt-5 sm:px-6">
        <CardTitle as="h2">{title}</CardTitle>
        {viewAllHref && items.length > 0 ? (
          <Link href={viewAllHref} className="rounded-md text-xs font-medium text-muted hover:text-foreground">
            Audit trail
          </Link>
        ) : null}
      </div>
      {items.length === 0 ? (
        <EmptyState
          variant="compact"
          className="mb-3"
          icon={<ActivityIcon />}
          title="Nothing has happened yet"
          text="Changes by you, your team and your bots will appear here as they happen."
        />
      ) : (
        <ol className="px-5 pt-3 pb-4 sm:px-6">
          {items.map((item, index) => {
            const at = typeof item.at === 'string' ? new Date(item.at) : item.at;
            const dot = item.product === 'workspace' ? 'bg-subtle' : productMeta[item.product].dot;
            const body = (
              <>
                <span className="font-medium text-foreground">{item.actorName ?? 'Tessera'}</span> {item.summary}
              </>
            );
            return (
              <li key={item.id} className="relative flex gap-3 pb-4 last:pb-0">
                {index < items.length - 1 ? <span aria-hidden="true" className="absolute top-8 bottom-0 left-[0.875rem] w-px bg-border" /> : null}
                <span className="relative flex size-7 shrink-0">
                  {item.actorName ? (
                    <Avatar name={item.actorName} email={item.actorEmail} size="sm" />
                  ) : (
                    <span className="flex size-7 items-center justify-center rounded-full border border-border bg-surface-muted">
                      <span className={cn('size-2 rounded-full', dot)} />
                    </span>
                  )}
                  {item.actorName ? (
                    <span aria-hidden="true" className={cn('absolute -right-0.5 -bottom-0.5 size-2.5 rounded-full border-2 border-surface', dot)} />
                  ) : null}
                </span>
                <div className="min-w-0 flex-1 pt-0.5">
                  <p className="text-sm leading-snug text-muted">
                    {item.href ? (
                      <Link href={item.href} className="rounded-sm hover:underline">
                        {body}
                      </Link>
                    ) : (
                      body
                    )}
                  </p>
                  <p className="mt-0.5 text-xs text-muted">
                    {item.product !== 'workspace' ? `${productMeta[item.product].name} · ` : ''}
                    <time dateTime={at.toISOString()}>{formatter.format(at)}</time>
                  </p>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
