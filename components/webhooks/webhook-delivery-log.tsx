import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { InboxIcon } from '@/components/ui/icons';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { FormAction } from '@/lib/actions/form-state';
import type { WebhookDeliveryItem } from '@/lib/webhooks/deliveries';
import { formatInZone } from '@/lib/time';
import { RedeliverForm } from './webhook-endpoint-actions';
import { DELIVERY_STATUS } from './webhook-status';

function outcomeLine(delivery: WebhookDeliveryItem, timeZone: string): string {
  if (delivery.status === 'pending') return delivery.attempts ? 'Sending again' : 'Waiting for its first attempt';
  if (delivery.status === 'retrying' && delivery.nextAttemptAt) return `${delivery.error ?? 'Failed'}; next attempt ${formatInZone(delivery.nextAttemptAt, timeZone, 'date-time-seconds')}`;
  if (delivery.status === 'failed') return delivery.error ?? 'Failed';
  return `HTTP ${delivery.responseStatus}`;
}

export function WebhookDeliveryLog({
  workspace,
  deliveries,
  timeZone,
  olderHref,
  newestHref,
  canRedeliver,
  redeliverAction,
}: {
  workspace: string;
  deliveries: WebhookDeliveryItem[];
  timeZone: string;
  /** The next page's link, when there is one. */
  olderHref: string | null;
  /** Back to the first page, when this isn't it. */
  newestHref: string | null;
  canRedeliver: boolean;
  redeliverAction: FormAction<unknown>;
}) {
  if (!deliveries.length) {
    return (
      <EmptyState
        variant="compact"
        icon={<InboxIcon />}
        title="No deliveries yet"
        text="Each event sent to this endpoint shows here with its response. Send a test event to try it."
      />
    );
  }
  return (
    <div className="space-y-3">
      <Table scrollRegionLabel="Deliveries" data-testid="webhook-deliveries">
        <TableHeader>
          <TableRow>
            <TableHead>Created</TableHead>
            <TableHead>Event</TableHead>
            <TableHead>Status</TableHead>
            <TableHead numeric>Attempts</TableHead>
            <TableHead>Outcome</TableHead>
            <TableHead numeric>Time</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {deliveries.map((delivery) => {
            const status = DELIVERY_STATUS[delivery.status];
            return (
              <TableRow key={delivery.id} data-testid="webhook-delivery-row" className="align-top">
                <TableCell className="whitespace-nowrap">{formatInZone(delivery.createdAt, timeZone, 'date-time-seconds')}</TableCell>
                <TableCell>
                  <code className="font-mono text-xs">{delivery.eventType}</code>
                  <details className="mt-1 text-xs">
                    <summary className="cursor-pointer text-muted">
                      Details<span className="sr-only"> of delivery {delivery.id}</span>
                    </summary>
                    <dl className="mt-2 space-y-2">
                      <div>
                        <dt className="font-medium">webhook-id</dt>
                        <dd className="font-mono break-all">{delivery.id}</dd>
                      </div>
                      <div>
                        <dt className="font-medium">Body sent</dt>
                        <dd>
                          <pre className="max-h-60 max-w-md overflow-auto rounded bg-surface-muted p-2 font-mono text-xs whitespace-pre-wrap">{JSON.stringify(delivery.payload, null, 2)}</pre>
                        </dd>
                      </div>
                      {delivery.responseBody ? (
                        <div>
                          <dt className="font-medium">Response (first 2 KB)</dt>
                          <dd>
                            <pre className="max-h-60 max-w-md overflow-auto rounded bg-surface-muted p-2 font-mono text-xs whitespace-pre-wrap">{delivery.responseBody}</pre>
                          </dd>
                        </div>
                      ) : null}
                    </dl>
                  </details>
                </TableCell>
                <TableCell>
                  <Badge tone={status.tone}>{status.label}</Badge>
                </TableCell>
                <TableCell numeric>{delivery.attempts}</TableCell>
                <TableCell className="max-w-xs text-xs break-words">{outcomeLine(delivery, timeZone)}</TableCell>
                <TableCell numeric className="whitespace-nowrap">
                  {delivery.durationMs === null ? '—' : `${delivery.durationMs} ms`}
                </TableCell>
                <TableCell>
                  {canRedeliver && (delivery.status === 'succeeded' || delivery.status === 'failed') ? (
                    <RedeliverForm workspace={workspace} deliveryId={delivery.id} eventType={delivery.eventType} action={redeliverAction} />
                  ) : null}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {olderHref || newestHref ? (
        <nav aria-label="Delivery pages" className="flex gap-4 text-sm">
          {newestHref ? (
            <Link className="underline" href={newestHref}>
              Newest deliveries
            </Link>
          ) : null}
          {olderHref ? (
            <Link className="underline" href={olderHref}>
              Older deliveries
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
