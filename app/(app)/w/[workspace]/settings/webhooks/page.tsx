import Link from 'next/link';
import type { Metadata } from 'next';
import { SeePlansLink } from '@/components/billing/see-plans-link';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { CreateWebhookForm } from '@/components/webhooks/webhook-endpoint-form';
import { WebhookEndpointList } from '@/components/webhooks/webhook-endpoint-list';
import { SETTINGS_LABEL, SettingsTabs } from '@/components/workspace/settings-tabs';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { hasFeature, loadEntitlements } from '@/lib/billing/entitlements';
import { deliveryCounts, listWebhookEndpoints, MAX_ENDPOINTS, webhooksPlanMessage } from '@/lib/webhooks/endpoints';
import { createWebhookAction } from './actions';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { ctx, workspace, can, read } = await requireWorkspacePage((await params).workspace, 'webhooks.manage');
  const { endpoints, counts, entitlements } = await read(async (tx) => ({
    endpoints: await listWebhookEndpoints(tx),
    counts: await deliveryCounts(tx),
    entitlements: await loadEntitlements(tx, ctx.tenantId),
  }));
  const allowed = hasFeature(entitlements, 'api.read');

  return (
    <div className="space-y-8">
      <PageHeader
        label={SETTINGS_LABEL}
        title="Webhooks"
        description={`Tessera tells your other systems when something happens here by POSTing a signed JSON event to the URLs you add. Failed deliveries are retried for about 32 hours; an endpoint that fails for 5 days is turned off and the owners are emailed. Times are in ${workspace.timezone}.`}
        tabs={<SettingsTabs workspace={workspace.slug} can={can} />}
      />
      <Card>
        <CardHeader>
          <CardTitle as="h2">Endpoints</CardTitle>
          <CardDescription>
            Every delivery carries <code className="font-mono text-xs">webhook-id</code>, <code className="font-mono text-xs">webhook-timestamp</code> and{' '}
            <code className="font-mono text-xs">webhook-signature</code> headers (the{' '}
            <a href="https://www.standardwebhooks.com" className="underline" rel="noreferrer" target="_blank">
              Standard Webhooks
            </a>{' '}
            format): verify them with the endpoint’s secret and drop repeats of a <code className="font-mono text-xs">webhook-id</code> you have seen. The events and their
            fields are in the{' '}
            <Link href="/docs/api" className="underline">
              API reference
            </Link>
            .
          </CardDescription>
        </CardHeader>
        <CardContent className="px-0 py-0 sm:px-0">
          <WebhookEndpointList workspace={workspace.slug} endpoints={endpoints} counts={counts} timeZone={workspace.timezone} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Add an endpoint</CardTitle>
          <CardDescription>
            {allowed ? `Its signing secret is shown once, right after you add it. A workspace can have ${MAX_ENDPOINTS} endpoints.` : 'Your plan does not include webhooks.'}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {allowed ? (
            endpoints.length >= MAX_ENDPOINTS ? (
              <p className="text-sm text-muted">This workspace has {MAX_ENDPOINTS} endpoints, the most it can have. Delete one you no longer use to add another.</p>
            ) : (
              <CreateWebhookForm workspace={workspace.slug} action={createWebhookAction} />
            )
          ) : (
            <p className="text-sm text-muted" data-testid="webhooks-plan-required">
              {webhooksPlanMessage()} <SeePlansLink workspace={workspace.slug} canManageBilling={can('billing.manage')} />
            </p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
