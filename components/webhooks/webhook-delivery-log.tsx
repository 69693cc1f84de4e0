import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { InboxIcon } from '@/components/ui/icons';
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
      <ul className="divide-y divide-border rounded-lg border border-border" data-testid="webhook-deliveries" aria-label="Deliveries">
        {deliveries.map((delivery) => {
          const status = DELIVERY_STATUS[delivery.status];
          return (
            <li key={delivery.id} data-testid="webhook-delivery-row" className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-start">
              <div className="min-w-0 flex-1 space-y-1">
                <p className="flex flex-wrap items-center gap-2 text-sm">
                  <code className="font-mono text-xs font-medium">{delivery.eventType}</code>
                  <Badge tone={status.tone}>{status.label}</Badge>
                  <span className="text-xs text-muted">
                    {delivery.attempts === 1 ? '1 attempt' : `${delivery.attempts} attempts`}
                    {delivery.durationMs === null ? '' : ` · ${delivery.durationMs} ms`}
                  </span>
                </p>
                <p className="text-xs break-words text-muted">
                  {formatInZone(delivery.createdAt, timeZone, 'date-time-seconds')} · {outcomeLine(delivery, timeZone)}
                </p>
                <details className="text-xs">
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
                        <pre className="max-h-60 overflow-auto rounded bg-surface-muted p-2 font-mono text-xs whitespace-pre-wrap break-all">{JSON.stringify(delivery.payload, null, 2)}</pre>
                      </dd>
                    </div>
                    {delivery.responseBody ? (
                      <div>
                        <dt className="font-medium">Response (first 2 KB)</dt>
                        <dd>
                          <pre className="max-h-60 overflow-auto rounded bg-surface-muted p-2 font-mono text-xs whitespace-pre-wrap break-all">{delivery.responseBody}</pre>
                        </dd>
                      </div>
                    ) : null}
                  </dl>
                </details>
              </div>
              {canRedeliver && (delivery.status === 'succeeded' || delivery.status === 'failed') ? (
                <RedeliverForm workspace={workspace} deliveryId={delivery.id} eventType={delivery.eventType} action={redeliverAction} />
              ) : null}
            </li>
          );
        })}
      </ul>
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
