import type { TenantContext, WorkspaceRole } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';

export type { WorkspaceRole } from '@/db/tenant';

export const ROLES: readonly WorkspaceRole[] = ['owner', 'admin', 'member', 'viewer'];

/**
 * The permission matrix, in one place. Every action, page and API route names the permission it
 * needs and its wrapper checks it on the server, once; the UI only hides what would be refused anyway.
 * Rules that depend on the target as well as the actor (last owner, admins vs owners) live in
 * member-rules.ts and build on `members.manage_owners`.
 */
const MATRIX = {
  'workspace.read': ['owner', 'admin', 'member', 'viewer'],
  'workspace.update': ['owner', 'admin'],
  'workspace.delete': ['owner'],
  'workspace.transfer': ['owner'],
  // Security policy for every member (required two-factor): owners only, since it can lock admins out.
  'security.manage': ['owner'],
  'members.read': ['owner', 'admin', 'member', 'viewer'],
  'members.invite': ['owner', 'admin'],
  'members.manage': ['owner', 'admin'],
  // Granting, revoking or removing the owner role: owners only, so an admin can't take over.
  'members.manage_owners': ['owner'],
  // Anyone may leave; the last owner is stopped by the member rules, not the matrix.
  'members.leave': ['owner', 'admin', 'member', 'viewer'],
  'jobs.read': ['owner', 'admin', 'member', 'viewer'],
  'jobs.run': ['owner', 'admin', 'member'],
  'audit.read': ['owner', 'admin'],
  // Plans, checkout, the portal and invoices; everyone sees the workspace's usage against its plan.
  'billing.manage': ['owner', 'admin'],
  'usage.read': ['owner', 'admin', 'member', 'viewer'],
  // Changing product data (bots, journal, money, pricing): everyone but viewers. API write scopes
  // need their creator to still hold it (lib/api-keys/scope-permissions.ts).
  'products.write': ['owner', 'admin', 'member'],
  // Creating, rotating and revoking the workspace's API keys.
  'api_keys.manage': ['owner', 'admin'],
  // Webhook endpoints: their URLs, events and secrets, the delivery log, test and redelivery.
  'webhooks.manage': ['owner', 'admin'],
  // A copy of every row of the workspace (GDPR export): owners only, like deleting it.
  'privacy.export': ['owner'],
} as const satisfies Record<string, readonly WorkspaceRole[]>;

export type Permission = keyof typeof MATRIX;

export function can(role: WorkspaceRole, permission: Permission): boolean {
  return (MATRIX[permission] as readonly WorkspaceRole[]).includes(role);
}

export const PERMISSIONS = Object.keys(MATRIX) as Permission[];

/** The roles holding a permission, for tests and docs that render the matrix. */
export function rolesWith(permission: Permission): readonly WorkspaceRole[] {
  return MATRIX[permission];
}

export const ROLE_LABELS: Record<WorkspaceRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  viewer: 'Viewer',
};

export const ROLE_DESCRIPTIONS: Record<WorkspaceRole, string> = {
  owner: 'Everything, including billing, ownership and deleting the workspace.',
  admin: 'Manage settings, members and billing, except owners.',
  member: 'Use every product and run jobs.',
  viewer: 'Read-only access.',
};

/**
 * The permission check as a throw, for an entry point that isn't one of the wrappers. Lib functions
 * don't call it: the wrapper that opens the transaction names the permission once.
 */
export function assertCan(ctx: Pick<TenantContext, 'role'>, permission: Permission): void {
  if (!can(ctx.role, permission)) {
    throw new AppError('forbidden', 'Your role in this workspace does not allow that.', { permission });
  }
}
