import { cache } from 'react';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { tenantContext, type TenantContext } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';
import { forwardedMembership } from '@/lib/auth/request-session';
import { PATHNAME_HEADER } from '@/lib/http/gate';
import { requireUser, type SessionUser } from './session';
import { redirectedWorkspacePath } from './slug-redirects';
import { twoFactorRequiredMessage, twoFactorRequiredPath } from './two-factor-requirement';
import { findWorkspaceMembership } from './workspace-membership';
import type { WorkspaceSummary } from './workspaces';

export type WorkspaceAccess = {
  ctx: TenantContext;
  user: SessionUser;
  workspace: { id: string; slug: string; name: string; timezone: string; currency: string; deletionScheduledFor: string | null };
  /** Every workspace the user belongs to, by name (the switcher). */
  workspaces: WorkspaceSummary[];
};

/** Set by middleware on the forwarded request, so an old slug can redirect to the same page. */
export { PATHNAME_HEADER };

/**
 * Session + membership + role for `/w/[slug]`, in one system read (findWorkspaceMembership)
 * before any tenant transaction — the request gate's, forwarded, when it made one. A workspace the user doesn't belong to
 * is a 404, not a 403: its existence is not disclosed. A member following an old slug is
 * redirected to the current one. A member the workspace requires two-factor of, without it, is
 * refused with AppError('two_factor_required') (403). Deduplicated per request, so a layout, its page and an action
 * share one lookup.
 */
export const requireWorkspace = cache(async (slug: string): Promise<WorkspaceAccess> => {
  const user = await requireUser();
  // The request gate read the same membership for a page load; an action reads it here.
  const found = forwardedMembership(await headers(), user.id, slug) ?? (await findWorkspaceMembership(user.id, slug));
  if (found.movedTo) {
    const path = (await headers()).get(PATHNAME_HEADER);
    redirect(redirectedWorkspacePath(path, slug, found.movedTo));
  }
  if (!found.current) notFound();
  const { role, ...workspace } = found.current;
  // Pages never get here for such a member (the request gate redirects them first); an action or
  // a route handler is refused with this, and requireWorkspacePage turns it into the redirect.
  if (found.twoFactorRequired) {
    throw new AppError('two_factor_required', twoFactorRequiredMessage(workspace.name), {
      workspace: workspace.slug,
      redirectTo: twoFactorRequiredPath(workspace.slug),
    });
  }
  return {
    ctx: tenantContext({ tenantId: workspace.id, userId: user.id, role, via: 'session' }),
    user,
    workspace,
    workspaces: found.workspaces,
  };
});
