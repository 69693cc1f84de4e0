import type { Tx } from '@/db/tenant';
import { hasFeature, loadEntitlements } from '@/lib/billing/entitlements';
import { cheapestPlanWith } from '@/lib/billing/gates';
import { AppError } from '@/lib/errors/app-error';
import { isWriteScope } from './scope-permissions';
import type { ApiScope } from './scopes';

function planName(feature: 'api.read' | 'api.write'): string {
  return cheapestPlanWith(feature)?.name ?? 'a higher';
}

export function apiKeysPlanMessage(): string {
  return `API keys are on the ${planName('api.read')} plan and above. Upgrade in Settings → Billing to create one.`;
}

export function writeScopesPlanMessage(): string {
  return `Keys that change data (write scopes) are on the ${planName('api.write')} plan and above. Choose read scopes only, or upgrade in Settings → Billing.`;
}

/**
 * The billing catalog's say on a new key: the public API (`api.read`) at all, and `api.write` for
 * any write scope. A refusal is AppError('payment_required') (402), under the scopes field for
 * the form when it is only the write scopes.
 */
export async function assertPlanAllowsKey(tx: Tx, tenantId: string, scopes: readonly ApiScope[]): Promise<void> {
  const entitlements = await loadEntitlements(tx, tenantId);
  if (!hasFeature(entitlements, 'api.read')) {
    throw new AppError('payment_required', apiKeysPlanMessage(), { feature: 'api.read', plan: entitlements.planId, upgradeTo: cheapestPlanWith('api.read')?.id });
  }
  if (scopes.some(isWriteScope) && !hasFeature(entitlements, 'api.write')) {
    throw new AppError('payment_required', writeScopesPlanMessage(), {
      feature: 'api.write',
      field: 'scopes',
      plan: entitlements.planId,
      upgradeTo: cheapestPlanWith('api.write')?.id,
    });
  }
}
