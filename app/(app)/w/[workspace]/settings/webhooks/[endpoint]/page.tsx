import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { z } from 'zod';
import { RefreshWhileActive } from '@/components/jobs/refresh-while-active';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { WebhookDeliveryLog } from '@/components/webhooks/webhook-delivery-log';
import { DeleteWebhookForm, RotateWebhookSecretForm, SendTestEventForm, ToggleWebhookForm } from '@/components/webhooks/webhook-endpoint-actions';
import { EditWebhookForm } from '@/components/webhooks/webhook-endpoint-form';
import { endpointStatus } from '@/components/webhooks/webhook-status';
import { SETTINGS_LABEL, SettingsTabs } from '@/components/workspace/settings-tabs';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { decodeDeliveryCursor, encodeDeliveryCursor, hasAttemptDueSoon, listDeliveries } from '@/lib/webhooks/deliveries';
import { getWebhookEndpoint } from '@/lib/webhooks/endpoints';
import { AppError } from '@/lib/errors/app-error';
import { formatInZone } from '@/lib/time';
import {
  deleteWebhookAction,
  redeliverWebhookAction,
  rotateWebhookSecretAction,
  sendTestWebhookAction,
  setWebhookEnabledAction,
  updateWebhookAction,
} from '../actions';

export const metadata: Metadata = { title: 'Webhook endpoint' };

const PAGE_SIZE = 25;

export default async function WebhookEndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string; endpoint: string }>;
  searchParams: Promise<{ before?: string | string[] }>;
}) {
  const { workspace: slug, endpoint: endpointId } = await params;
  const { workspace, can, read } = await requireWorkspacePage(slug, 'webhooks.manage');
  if (!z.uuid().safeParse(endpointId).success) notFound();
  const before = (await searchParams).before;
  const cursor = typeof before === 'string' ? decodeDeliveryCursor(before) : undefined;

  const loaded = await read(async (tx) => {
    const endpoint = await getWebhookEndpoint(tx, endpointId);
    const log = await listDeliveries(tx, endpointId, { limit: PAGE_SIZE, cursor });
    return { endpoint, log, waitingSoon: hasAttemptDueSoon(log.deliveries) };
  }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  });
  const { endpoint, log, waitingSoon } = loaded;
  const status = endpointStatus(endpoint);
  const base = `/w/${encodeURIComponent(workspace.slug)}/settings/webhooks`;
  const here = `${base}/${endpoint.id}`;

  return (
    <div className="space-y-8">
      <PageHeader
        label={SETTINGS_LABEL}
        title="Webhook endpoint"
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono text-sm break-all text-foreground">{endpoint.url}</span>
            <Badge tone={status.tone} dot={endpoint.enabled}>
              {status.label}
            </Badge>
          </span>
        }
        tabs={<SettingsTabs workspace={workspace.slug} can={can} />}
      />
      <p className="text-sm">
        <Link href={base} className="underline">
          ← All endpoints
        </Link>
      </p>
      {endpoint.disabledReason === 'failing' ? (
        <p role="status" className="rounded-lg border border-danger-border bg-danger-soft px-3 py-2 text-sm text-danger">
          Tessera turned this endpoint off because every delivery failed for 5 days
          {endpoint.failingSince ? ` (since ${formatInZone(endpoint.failingSince, workspace.timezone, 'date-time')})` : ''}. Fix the receiver, turn it back on, then send failed
          deliveries again.
        </p>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle as="h2">Test and control</CardTitle>
          <CardDescription>
            Signing secret <code className="font-mono text-xs">{endpoint.secretHint}</code>. A test event (<code className="font-mono text-xs">webhook.test</code>) goes to this
            endpoint only.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-wrap items-start gap-3">
          {endpoint.enabled ? <SendTestEventForm workspace={workspace.slug} endpointId={endpoint.id} action={sendTestWebhookAction} /> : null}
          <ToggleWebhookForm workspace={workspace.slug} endpointId={endpoint.id} enabled={endpoint.enabled} action={setWebhookEnabledAction} />
          <RotateWebhookSecretForm workspace={workspace.slug} endpointId={endpoint.id} action={rotateWebhookSecretAction} />
          <DeleteWebhookForm workspace={workspace.slug} endpointId={endpoint.id} url={endpoint.url} action={deleteWebhookAction} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Deliveries</CardTitle>
          <CardDescription>Newest first. A delivery keeps its id through retries and when sent again, so your receiver can drop repeats.</CardDescription>
        </CardHeader>
        <CardContent>
          <WebhookDeliveryLog
            workspace={workspace.slug}
            deliveries={log.deliveries}
            timeZone={workspace.timezone}
            olderHref={log.nextCursor ? `${here}?before=${encodeDeliveryCursor(log.nextCursor)}` : null}
            newestHref={cursor ? here : null}
            canRedeliver={endpoint.enabled}
            redeliverAction={redeliverWebhookAction}
          />
          {waitingSoon ? <RefreshWhileActive active maxMs={30_000} /> : null}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Settings</CardTitle>
        </CardHeader>
        <CardContent>
          <EditWebhookForm
            workspace={workspace.slug}
            endpointId={endpoint.id}
            values={{ url: endpoint.url, description: endpoint.description, eventTypes: endpoint.eventTypes }}
            action={updateWebhookAction}
          />
        </CardContent>
      </Card>
    </div>
  );
}
