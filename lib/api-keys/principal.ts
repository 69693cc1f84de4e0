import type { WorkspaceRole } from '@/db/tenant';
import type { ApiScope } from './scopes';

/**
 * Who a valid API key acts as: the workspace, with the permissions of its scopes, never more
 * than the member who created it (`creatorRole` is that member's current role).
 */
export type ApiKeyPrincipal = {
  keyId: string;
  /** The visible prefix, for logs and the "last used" line; never the secret. */
  prefix: string;
  tenantId: string;
  workspaceSlug: string;
  creatorUserId: string;
  creatorRole: WorkspaceRole;
  scopes: readonly ApiScope[];
};
