import type { WorkspaceRole } from '@/db/tenant';
import { can, type Permission } from '@/lib/tenancy/permissions';
import type { ApiKeyPrincipal } from './principal';
import { API_SCOPES, type ApiScope } from './scopes';

/**
 * The member permission a key's creator must hold — now, not when the key was made — for the key
 * to use a scope: a key never does more than its creator could. Product reads need only
 * membership; product writes need a role above viewer; usage and audit follow their pages. The
 * webhook endpoints follow their settings page (webhooks.manage).
 */
export const SCOPE_PERMISSION: Record<ApiScope, Permission> = {
  'bots:read': 'workspace.read',
  'bots:write': 'products.write',
  'journal:read': 'workspace.read',
  'journal:write': 'products.write',
  'money:read': 'workspace.read',
  'money:write': 'products.write',
  'pricing:read': 'workspace.read',
  'pricing:write': 'products.write',
  'usage:read': 'usage.read',
  'audit:read': 'audit.read',
  'webhooks:read': 'webhooks.manage',
  'webhooks:write': 'webhooks.manage',
};

export function isWriteScope(scope: ApiScope): boolean {
  return scope.endsWith(':write');
}

/** Whether the creator's role may hand this scope to a key. */
export function roleGrantsScope(role: WorkspaceRole, scope: ApiScope): boolean {
  return can(role, SCOPE_PERMISSION[scope]);
}

/** The scopes a member with this role may put on a key (the create form offers these). */
export function scopesForRole(role: WorkspaceRole): ApiScope[] {
  return API_SCOPES.filter((scope) => roleGrantsScope(role, scope));
}

/** The key holds the scope and its creator's current role still grants it. */
export function scopeAllows(principal: Pick<ApiKeyPrincipal, 'scopes' | 'creatorRole'>, scope: ApiScope): boolean {
  return principal.scopes.includes(scope) && roleGrantsScope(principal.creatorRole, scope);
}
