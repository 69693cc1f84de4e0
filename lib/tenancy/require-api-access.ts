import { tenantContext, type TenantContext } from '@/db/tenant';
import { authenticateApiKeyWithBilling, type BillingState } from '@/lib/api-keys/authenticate';
import type { ApiKeyPrincipal } from '@/lib/api-keys/principal';
import { AppError } from '@/lib/errors/app-error';
import { currentUser } from './session';
import { twoFactorRequiredMessage } from './two-factor-requirement';
import { findWorkspaceMembership } from './workspace-membership';

export type ApiAccess = {
  ctx: TenantContext;
  workspace: { id: string; slug: string };
  /** Set for a key; a session acts with the member's role and every scope that role grants. */
  key: ApiKeyPrincipal | null;
  /** For a key: the workspace's entitlements version, read with the key (cachedEntitlements checks against it). */
  billing: BillingState | null;
};

// One message for a missing, malformed, unknown, revoked or expired key: no hint which.
const UNAUTHORIZED = 'Send a valid API key as "Authorization: Bearer tsr_…".';

/**
 * The public API's entry to a workspace (DESIGN.md §2: the other one beside requireWorkspace).
 * A bearer key names its workspace itself; a browser session names it in `Tessera-Workspace`.
 * A workspace the session's user doesn't belong to is a 404, as for pages.
 */
export async function requireApiAccess(headers: Headers, ip: string | null): Promise<ApiAccess> {
  const authorization = headers.get('authorization');
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    const found = match ? await authenticateApiKeyWithBilling(match[1]!, { ip }) : null;
    if (!found) throw new AppError('unauthorized', UNAUTHORIZED);
    const key = found.principal;
    return {
      ctx: tenantContext({ tenantId: key.tenantId, userId: key.creatorUserId, role: key.creatorRole, via: 'api_key' }),
      workspace: { id: key.tenantId, slug: key.workspaceSlug },
      key,
      billing: found.billing,
    };
  }
  const user = await currentUser();
  if (!user) throw new AppError('unauthorized', UNAUTHORIZED);
  const slug = headers.get('tessera-workspace')?.trim();
  if (!slug) throw new AppError('bad_request', 'Name the workspace in the "Tessera-Workspace" header (its slug).', { header: 'Tessera-Workspace' });
  const found = await findWorkspaceMembership(user.id, slug);
  if (!found.current) throw new AppError('not_found', 'No such workspace.');
  if (found.twoFactorRequired) {
    throw new AppError('two_factor_required', twoFactorRequiredMessage(found.current.name), { workspace: found.current.slug });
  }
  return {
    ctx: tenantContext({ tenantId: found.current.id, userId: user.id, role: found.current.role, via: 'session' }),
    workspace: { id: found.current.id, slug: found.current.slug },
    key: null,
    billing: null,
  };
}
