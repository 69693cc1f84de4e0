import Link from 'next/link';
import type { Metadata } from 'next';
import { ApiKeyList } from '@/components/api-keys/api-key-list';
import { CreateApiKeyForm } from '@/components/api-keys/create-api-key-form';
import { SeePlansLink } from '@/components/billing/see-plans-link';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { SETTINGS_LABEL, SettingsTabs } from '@/components/workspace/settings-tabs';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { listApiKeys, MAX_ACTIVE_KEYS } from '@/lib/api-keys/keys';
import { apiKeysPlanMessage, writeScopesPlanMessage } from '@/lib/api-keys/plan-gate';
import { scopesForRole } from '@/lib/api-keys/scope-permissions';
import { hasFeature, loadEntitlements } from '@/lib/billing/entitlements';
import { createApiKeyAction, revokeApiKeyAction, rotateApiKeyAction } from './actions';

export const metadata: Metadata = { title: 'API keys' };

export default async function ApiKeysPage({ params }: { params: Promise<{ workspace: string }> }) {
  // Not disclosed to roles without access, like a workspace they aren't in (a 404).
  const { ctx, workspace, can, read } = await requireWorkspacePage((await params).workspace, 'api_keys.manage');
  const { keys, entitlements } = await read(async (tx) => ({ keys: await listApiKeys(tx), entitlements: await loadEntitlements(tx, ctx.tenantId) }));
  const apiRead = hasFeature(entitlements, 'api.read');
  const apiWrite = hasFeature(entitlements, 'api.write');
  const plansLink = <SeePlansLink workspace={workspace.slug} canManageBilling={can('billing.manage')} />;

  return (
    <div className="space-y-8">
      <PageHeader
        label={SETTINGS_LABEL}
        title="API keys"
        description={`Keys let scripts and other services use this workspace through the Tessera API. Each acts with the scopes you give it, never more than its creator may do, and stops working when its creator leaves. Times are in ${workspace.timezone}.`}
        tabs={<SettingsTabs workspace={workspace.slug} can={can} />}
      />
      <Card>
        <CardHeader>
          <CardTitle as="h2">Keys</CardTitle>
          <CardDescription>
            Rotating a key gives you a new one and keeps the old one working for 24 hours; revoking stops a key at once. What a key can call is in the{' '}
            <Link href="/docs/api" className="underline">
              API reference
            </Link>
            .
          </CardDescription>
        </CardHeader>
        <CardContent className="px-0 py-0 sm:px-0">
          <ApiKeyList
            workspace={workspace.slug}
            keys={keys}
            timeZone={workspace.timezone}
            canManage
            canRotate={apiRead}
            rotateAction={rotateApiKeyAction}
            revokeAction={revokeApiKeyAction}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Create a key</CardTitle>
          <CardDescription>
            {apiRead
              ? `The key is shown once, right after you create it. A workspace can hold ${MAX_ACTIVE_KEYS} working keys.`
              : 'Your plan does not include the public API.'}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {apiRead ? (
            <CreateApiKeyForm
              workspace={workspace.slug}
              offered={scopesForRole(ctx.role)}
              writeAllowed={apiWrite}
              writeNotice={
                <>
                  {writeScopesPlanMessage()} {plansLink}
                </>
              }
              action={createApiKeyAction}
            />
          ) : (
            <p className="text-sm text-muted" data-testid="api-keys-plan-required">
              {apiKeysPlanMessage()} {plansLink}
            </p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
