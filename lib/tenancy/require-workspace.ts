import { cache } from 'react';
import { notFound } from 'next/navigation';
import { tenantContext, withSystem, type TenantContext } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';
import { can, type Permission } from './permissions';
import { requireUser, type SessionUser } from './session';
import { findMembershipBySlug } from './workspaces';

export type WorkspaceAccess = {
  ctx: TenantContext;
  user: SessionUser;
  workspace: { id: string; slug: string; name: string; timezone: string; currency: string };
};

/**
 * Session + membership + role for `/w/[slug]`. A workspace the user doesn't belong to is a 404,
 * not a 403: its existence is not disclosed.
 */
export const requireWorkspace = cache(async (slug: string): Promise<WorkspaceAccess> => {
  const user = await requireUser();
  const found = await withSystem('resolve workspace membership', (tx) => findMembershipBySlug(tx, user.id, slug));
  if (!found) notFound();
  const { workspace, role } = found;
  return {
    ctx: tenantContext({ tenantId: workspace.id, userId: user.id, role, via: 'session' }),
    user,
    workspace: {
      id: workspace.id,
      slug: workspace.slug,
      name: workspace.name,
      timezone: workspace.timezone,
      currency: workspace.currency,
    },
  };
});

export function assertCan(ctx: TenantContext, permission: Permission): void {
  if (!can(ctx.role, permission)) {
    throw new AppError('forbidden', 'Your role in this workspace does not allow that.', { permission });
  }
}
