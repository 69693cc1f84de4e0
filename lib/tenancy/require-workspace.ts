import { cache } from 'react';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { tenantContext, withSystem, type TenantContext } from '@/db/tenant';
import { assertCan } from './permissions';
import { requireUser, type SessionUser } from './session';
import { currentSlugForOldSlug, redirectedWorkspacePath } from './slug-redirects';
import { findMembershipBySlug } from './workspaces';

export type WorkspaceAccess = {
  ctx: TenantContext;
  user: SessionUser;
  workspace: { id: string; slug: string; name: string; timezone: string; currency: string };
};

/** Set by middleware on the forwarded request, so an old slug can redirect to the same page. */
export { PATHNAME_HEADER } from '@/lib/http/gate';
import { PATHNAME_HEADER } from '@/lib/http/gate';

/**
 * Session + membership + role for `/w/[slug]`. A workspace the user doesn't belong to is a 404,
 * not a 403: its existence is not disclosed. A member following an old slug is redirected to
 * the current one.
 */
export const requireWorkspace = cache(async (slug: string): Promise<WorkspaceAccess> => {
  const user = await requireUser();
  const found = await withSystem('tenancy: resolve workspace membership', async (tx) => {
    const membership = await findMembershipBySlug(tx, user.id, slug);
    if (membership) return { membership, movedTo: null };
    return { membership: null, movedTo: await currentSlugForOldSlug(tx, user.id, slug) };
  });
  if (found.movedTo) {
    const path = (await headers()).get(PATHNAME_HEADER);
    redirect(redirectedWorkspacePath(path, slug, found.movedTo));
  }
  if (!found.membership) notFound();
  const { workspace, role } = found.membership;
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

// Kept here too: callers imported it from this module before it moved next to the matrix.
export { assertCan };
