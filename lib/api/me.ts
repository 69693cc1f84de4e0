import { z } from 'zod';
import type { Tx } from '@/db/tenant';
import { API_SCOPES } from '@/lib/api-keys/scopes';
import { scopesForRole } from '@/lib/api-keys/scope-permissions';
import type { Entitlements } from '@/lib/billing/entitlements';
import { getWorkspaceOrThrow } from '@/lib/tenancy/workspaces';
import type { ApiAccess } from '@/lib/tenancy/require-api-access';

export const meResponse = z
  .object({
    workspace: z.object({ id: z.uuid(), slug: z.string(), name: z.string(), currency: z.string(), timezone: z.string() }),
    plan: z.object({ id: z.string(), name: z.string(), features: z.array(z.string()), api_rate_per_minute: z.number().int() }),
    auth: z.object({
      type: z.enum(['api_key', 'session']),
      key: z.object({ id: z.uuid(), prefix: z.string() }).nullable(),
      role: z.enum(['owner', 'admin', 'member', 'viewer']),
      scopes: z.array(z.enum(API_SCOPES)),
    }),
  })
  .meta({ id: 'Me' });

/** `entitlements`: the ones the API wrapper checked for this request (version-checked, so current). */
export async function describeMe(tx: Tx, access: ApiAccess, entitlements: Entitlements): Promise<z.input<typeof meResponse>> {
  const workspace = await getWorkspaceOrThrow(tx, access.ctx.tenantId);
  return {
    workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name, currency: workspace.currency, timezone: workspace.timezone },
    plan: { id: entitlements.planId, name: entitlements.planName, features: [...entitlements.features], api_rate_per_minute: entitlements.apiRatePerMinute },
    auth: {
      type: access.key ? 'api_key' : 'session',
      key: access.key ? { id: access.key.keyId, prefix: access.key.prefix } : null,
      role: access.ctx.role,
      scopes: access.key ? [...access.key.scopes] : scopesForRole(access.ctx.role),
    },
  };
}
