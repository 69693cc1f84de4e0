import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { ActivityIcon } from '@/components/ui/icons';
import type { WebhookEndpointItem } from '@/lib/webhooks/endpoints';
import { formatInZone } from '@/lib/time';
import { endpointStatus } from './webhook-status';

export function WebhookEndpointList({
  workspace,
  endpoints,
  counts,
  timeZone,
}: {
  workspace: string;
  endpoints: WebhookEndpointItem[];
  counts: Map<string, { failed: number; waiting: number }>;
  timeZone: string;
}) {
  if (!endpoints.length) {
    return (
      <EmptyState
        variant="compact"
        icon={<ActivityIcon />}
        title="No endpoints yet"
        text="Add an endpoint below and Tessera will POST the events you choose to it, signed, as they happen."
      />
    );
  }
  return (
    <ul className="divide-y divide-border border-t border-border" data-testid="webhook-list">
      {endpoints.map((endpoint) => {
        const status = endpointStatus(endpoint);
        const count = counts.get(endpoint.id);
        return (
          <li key={endpoint.id} data-testid="webhook-row" className="flex flex-col gap-2 px-5 py-4 sm:flex-row sm:items-start sm:px-6">
            <div className="min-w-0 flex-1 space-y-1">
              <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                <Link href={`/w/${encodeURIComponent(workspace)}/settings/webhooks/${endpoint.id}`} className="min-w-0 font-mono text-xs break-all underline sm:text-sm">
                  {endpoint.url}
                </Link>
                <Badge tone={status.tone} dot={endpoint.enabled}>
                  {status.label}
                </Badge>
              </p>
              {endpoint.description ? <p className="text-sm text-muted">{endpoint.description}</p> : null}
              <p className="flex flex-wrap gap-1" aria-label="Events">
                {endpoint.eventTypes.map((type) => (
                  <Badge key={type} tone="info">
                    {type}
                  </Badge>
                ))}
              </p>
              <p className="text-xs text-muted">
                Added {formatInZone(endpoint.createdAt, timeZone, 'date')}
                {count?.waiting ? ` · ${count.waiting} waiting to be sent` : ''}
                {count?.failed ? ` · ${count.failed} failed` : ''}
                {endpoint.failingSince ? ` · failing since ${formatInZone(endpoint.failingSince, timeZone, 'date-time')}` : ''}
              </p>
            </div>
            <Link href={`/w/${encodeURIComponent(workspace)}/settings/webhooks/${endpoint.id}`} className="text-sm font-medium text-accent underline sm:self-center">
              Deliveries and settings<span className="sr-only"> for {endpoint.url}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
