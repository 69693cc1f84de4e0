import type { WorkspaceRole } from '@/db/tenant';

export type { WorkspaceRole } from '@/db/tenant';

export const ROLES: readonly WorkspaceRole[] = ['owner', 'admin', 'member', 'viewer'];

/**
 * The permission matrix, in one place. Every action and API route names the permission it needs
 * and the wrappers check it on the server; the UI only hides what would be refused anyway.
 */
const MATRIX = {
  'workspace.read': ['owner', 'admin', 'member', 'viewer'],
  'workspace.update': ['owner', 'admin'],
  'workspace.delete': ['owner'],
  'members.read': ['owner', 'admin', 'member', 'viewer'],
  'members.invite': ['owner', 'admin'],
  'members.manage': ['owner', 'admin'],
  'jobs.read': ['owner', 'admin', 'member', 'viewer'],
  'jobs.run': ['owner', 'admin', 'member'],
  'audit.read': ['owner', 'admin'],
} as const satisfies Record<string, readonly WorkspaceRole[]>;

export type Permission = keyof typeof MATRIX;

export function can(role: WorkspaceRole, permission: Permission): boolean {
  return (MATRIX[permission] as readonly WorkspaceRole[]).includes(role);
}

export const PERMISSIONS = Object.keys(MATRIX) as Permission[];
